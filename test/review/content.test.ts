// The review grids and labelled drafts are content: a trainer edits them, `coach lint-content` checks
// them with file:line messages that say what to fix, and the coach refuses to start on broken ones.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { root } from '../helpers.js';

const coach = (...args: string[]) => spawnSync(process.execPath, [join(root, 'bin/coach.js'), ...args], { cwd: root, encoding: 'utf8' });
let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'coach-review-content-'));
  cpSync(join(root, 'content'), dir, { recursive: true });
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const edit = (file: string, change: (text: string) => string) => {
  const path = join(dir, file);
  writeFileSync(path, change(readFileSync(path, 'utf8')));
};
const lineOf = (file: string, needle: string) => readFileSync(join(dir, file), 'utf8').split('\n').findIndex((l) => l.includes(needle)) + 1;

test('a broken grid: every problem on its own file:line with what to fix', () => {
  edit('reviews/angry-user.fr.md', (t) => t
    .replace('      - je sais que\n', '      - "d\'ici {quand}"\n')
    .replace('    weight: 2\n    place: opening\n    why: l’utilisateur', '    weight: 2\n    place: début\n    why: l’utilisateur')
    .replace('    cancels: [empathy, apology]', '    cancels: [empathy, politesse]'));
  edit('reviews/angry-user.en.md', (t) => t.replace('    penalty: 4\n', '    penalty: 5\n'));
  const run = coach('lint-content', dir);
  expect(run.status).toBe(1);
  const err = run.stderr;
  expect(err).toMatch(new RegExp(`angry-user\\.fr\\.md:${lineOf('reviews/angry-user.fr.md', 'place: début')}: error: \`place\` must be opening, body, closing, not "début"`));
  expect(err).toMatch(new RegExp(`angry-user\\.fr\\.md:${lineOf('reviews/angry-user.fr.md', 'd\'ici {quand}')}: error: unknown condition "\\{quand\\}" in the signal "d'ici \\{quand\\}": use \\{name\\}, \\{time\\}, \\{short\\} or \\{placeholder\\}\\.`));
  expect(err).toMatch(/angry-user\.fr\.md:\d+: error: violation "defensive" cancels "politesse", which is not a principle of this grid/);
  expect(err).toMatch(new RegExp(`angry-user\\.en\\.md:${lineOf('reviews/angry-user.en.md', '  - id: reciprocating')}: error: violation "reciprocating" costs 5 points here but 4 in French: use the same penalty\\.`));
  expect(err.trim().split('\n').at(-1)).toMatch(/^\d+ errors?, \d+ warnings? in 38 files\.$/);
});

test('a grid without its twin, or for no playbook, and labelled drafts that do not fit', () => {
  rmSync(join(dir, 'reviews/ticket-flood.en.md'));
  edit('reviews/outage.fr.md', (t) => t.replace('id: outage', 'id: outages'));
  edit('reviews/outage.en.md', (t) => t.replace('id: outage', 'id: outages'));
  const drafts = 'reviews/labelled-drafts.jsonl';
  edit(drafts, (t) => {
    const lines = t.trim().split('\n');
    const first = JSON.parse(lines[0]!);
    lines[0] = JSON.stringify({ ...first, spans: { ...first.spans, empathy: ['not in the draft at all'] } });
    lines[1] = '{not json';
    lines[2] = JSON.stringify({ ...JSON.parse(lines[2]!), quality: 'great' });
    lines[3] = JSON.stringify({ ...JSON.parse(lines[3]!), present: ['hugs'], spans: { hugs: ['Bonjour'] } });
    return lines.join('\n') + '\n';
  });
  const run = coach('lint-content', dir);
  expect(run.status).toBe(1);
  const err = run.stderr;
  expect(err).toMatch(/ticket-flood\.fr\.md:1: error: missing translation: the review grid "ticket-flood" has no English file\. Add one with `id: ticket-flood` and `lang: en`\./);
  expect(err).toMatch(/outage\.fr\.md:1: error: the review grid "outages" has no playbook with that id/);
  expect(err).toMatch(/labelled-drafts\.jsonl:1: error: draft "au-fr-\d+": the phrase "not in the draft at all" given for "empathy" is not in the draft: copy it exactly\./);
  expect(err).toMatch(/labelled-drafts\.jsonl:2: error: not valid JSON/);
  expect(err).toMatch(/labelled-drafts\.jsonl:3: error: draft "[\w-]+": "quality" must be one of poor, fair, good, excellent\./);
  expect(err).toMatch(/labelled-drafts\.jsonl:4: error: draft "[\w-]+": "hugs" is not in the "angry-user" grid \(principles: empathy, apology, resolution, satisfaction-check, warm-closing; violations: defensive, reciprocating, blame\)\./);
  // Drafts of the renamed situation now name an unknown one.
  expect(err).toMatch(/labelled-drafts\.jsonl:\d+: error: draft "ou-fr-\d+": unknown situation "outage"/);
});

test('the coach refuses to start on a broken grid, with the same messages', () => {
  edit('reviews/change-refused.en.md', (t) => t.replace('    weight: 1\n', '    weight: 7\n'));
  const run = spawnSync(process.execPath, [join(root, 'bin/coach.js'), 'review', '--situation', 'outage', 'Le serveur est tombé.'], {
    cwd: root, encoding: 'utf8', env: { PATH: process.env.PATH, COACH_CONTENT_DIR: dir },
  });
  expect(run.status).toBe(1);
  expect(run.stderr).toMatch(/change-refused\.en\.md:\d+: error: `principles\[1\]\.weight` must be a whole number from 1 to 3, not 7/);
  expect(run.stderr).toContain('Support Coach cannot start: the content');
  expect(run.stdout).toBe('');
});
