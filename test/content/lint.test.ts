// `coach lint-content` as a trainer runs it: real process, exit codes, file:line messages.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadContent } from '../../src/content/load-content.js';
import { formatProblem } from '../../src/content/problems.js';

const root = join(__dirname, '../..');
const coach = (...args: string[]) => spawnSync(process.execPath, [join(root, 'bin/coach.js'), ...args], { cwd: root, encoding: 'utf8' });

test('passes on the shipped content', () => {
  const run = coach('lint-content');
  expect(run.stderr).toBe('');
  // Trainers add labelled drafts: their number changes.
  expect(run.stdout).toMatch(/^content OK: 4 playbooks, 9 scenarios, 2 drills, 4 review grids, \d+ labelled drafts in 38 files\.\n$/);
  expect(run.status).toBe(0);
});

test('fails on broken fixtures with one precise file:line message per problem', () => {
  const run = coach('lint-content', 'test/fixtures/broken-content');
  expect(run.status).toBe(1);
  const dir = 'test/fixtures/broken-content';
  const lines = run.stderr.trim().split('\n');
  const expected: [string, string][] = [
    ['playbooks/bad-yaml.fr.md:7', 'unparsable front matter: Nested mappings'],
    ['playbooks/lonely.fr.md:2', 'missing translation: the playbook "lonely" has no English file'],
    ['playbooks/twin-b.fr.md:2', 'duplicate id "twin" in fr'],
    ['playbooks/unclosed.fr.md:1', 'the front matter is never closed'],
    ['scenarios/broken.en.md:6', 'unknown playbook reference "nope"'],
    ['scenarios/broken.en.md:12', 'rubric point "calm" has no evidence words'],
    ['scenarios/broken.en.md:31', 'not exactly one best option (2 ticked)'],
    ['scenarios/broken.fr.md:6', 'unknown playbook reference "nope"'],
    ['scenarios/broken.fr.md:12', 'rubric point "calm" has no evidence words'],
    ['scenarios/broken.fr.md:31', 'not exactly one best option (2 ticked)'],
  ];
  expect(lines).toHaveLength(expected.length + 1);
  expected.forEach(([where, message], i) => expect(lines[i]!.startsWith(`${dir}/${where}: error: ${message}`)).toBe(true));
  expect(lines.at(-1)).toBe('10 errors, 0 warnings in 11 files.');
  // Every message says what to fix, not only what is wrong.
  expect(run.stderr).toContain('Add one with `id: lonely` and `lang: en`.');
  expect(run.stderr).toContain('tick exactly one with `- [x]`');
});

test('reads COACH_CONTENT_DIR when no folder is given; a missing folder is a clear error', () => {
  const run = spawnSync(process.execPath, [join(root, 'bin/coach.js'), 'lint-content'], {
    cwd: root, encoding: 'utf8', env: { ...process.env, COACH_CONTENT_DIR: 'no/such/dir' },
  });
  expect(run.status).toBe(1);
  expect(run.stderr).toMatch(/^no\/such\/dir:1: error: cannot read the content folder: .*COACH_CONTENT_DIR/);
});

describe('problems found in a copy of the real content', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'coach-content-'));
    cpSync(join(root, 'content'), dir, { recursive: true });
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const edit = (file: string, from: string | RegExp, to: string) => {
    const path = join(dir, file);
    const before = readFileSync(path, 'utf8');
    const after = before.replace(from, to);
    expect(after).not.toBe(before);
    writeFileSync(path, after);
  };
  const errors = () => loadContent(dir, dir).problems.filter((p) => p.severity === 'error').map(formatProblem);

  test('CRLF, tabs for indentation and trailing spaces are accepted', () => {
    const file = join(dir, 'playbooks/outage.fr.md');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/^ {4}/gm, '\t').replace(/\n/g, '  \r\n'));
    expect(errors()).toEqual([]);
  });

  test('a missing English file', () => {
    rmSync(join(dir, 'scenarios/07-touchscreen.en.md'));
    expect(errors()).toEqual([expect.stringMatching(/^scenarios\/07-touchscreen\.fr\.md:2: error: missing translation: the scenario "touchscreen" has no English file/)]);
  });

  test('the two languages disagree on the best option and on a rubric id', () => {
    edit('scenarios/01-lost-mouse.en.md', /- \[x\]/, '- [ ]');
    edit('scenarios/01-lost-mouse.en.md', /^(\s+- id: )([\w-]+)$/m, '$1renamed-point');
    const found = errors().join('\n');
    expect(found).toMatch(/01-lost-mouse\.en\.md:\d+: error: not exactly one best option \(0 ticked\)/);
    expect(found).toMatch(/01-lost-mouse\.en\.md:\d+: error: missing translation: rubric point "[\w-]+" of scenarios\/01-lost-mouse\.fr\.md/);
    expect(found).toMatch(/01-lost-mouse\.fr\.md:\d+: error: missing translation: rubric point "renamed-point"/);
  });

  test('a wrong lang, a non-numeric number and points out of range', () => {
    edit('scenarios/02-monday-password.fr.md', /^lang: fr$/m, 'lang: es');
    edit('scenarios/03-evening-calls.fr.md', /^number: 3$/m, 'number: trois');
    edit('scenarios/04-illegal-mp3.fr.md', /- 0 points? :/, '- 12 points :');
    const found = errors().join('\n');
    expect(found).toContain('scenarios/02-monday-password.fr.md:3: error: `lang` must be `fr` or `en`, not "es".');
    expect(found).toMatch(/03-evening-calls\.fr\.md:4: error: `number` must be a whole number from 1 to 999, not "trois"/);
    expect(found).toMatch(/04-illegal-mp3\.fr\.md:\d+: error: an option is worth a whole number of points from 0 to 10, not 12/);
  });

  test('an alias shared by two playbooks', () => {
    edit('playbooks/ticket-flood.fr.md', /^aliases: *\[/m, 'aliases: [panne, ');
    expect(errors().join('\n')).toMatch(/ticket-flood\.fr\.md:\d+: error: the alias "panne" also belongs to the playbook "outage"/);
  });
});
