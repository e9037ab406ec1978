// Issue 16 item 7: lint messages that point at the right place and say what happened, each case in the
// fixture test/fixtures/lint-messages, checked as exact `file:line: error: …` lines through the real CLI.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { parseBlocks, toLines, type MarkdownNote } from '../../src/content/markdown.js';
import { closest } from '../../src/content/did-you-mean.js';
import { editDistance } from '../../src/text/edit-distance.js';
import { readFrontMatter } from '../../src/content/front-matter.js';
import { ProblemList, formatProblem } from '../../src/content/problems.js';

const root = join(__dirname, '../..');
const dir = 'test/fixtures/lint-messages';
let lines: string[];
beforeAll(() => {
  const run = spawnSync(process.execPath, [join(root, 'bin/coach.js'), 'lint-content', dir], { cwd: root, encoding: 'utf8' });
  expect(run.status).toBe(1);
  lines = run.stderr.trim().split('\n');
});
const line = (where: string) => lines.filter((l) => l.startsWith(`${dir}/${where}: error: `)).map((l) => l.slice(`${dir}/${where}: error: `.length));

test('an unquoted tab title is reported at its own line, saying the tab was ignored', () => {
  expect(line('playbooks/network.fr.md:11')).toEqual(['malformed content tab `=== Quoi faire`: the tab was ignored (read as text). Write it as `=== "Title"`, the title in straight double quotes, its content indented by 4 spaces.']);
});

test('a misspelt tab title gets "did you mean", in a playbook and in a scenario', () => {
  expect(line('playbooks/network.fr.md:15')).toEqual(['unknown tab "Quoi fair": it is shown as an extra section, not as "Quoi faire". Did you mean "Quoi faire"?']);
  expect(line('scenarios/typo.fr.md:34')).toEqual(['unknown tab "Corigé": the tab was ignored. A scenario has a choices tab ("Choix de réponse" / "Choices") and a debrief tab ("Corrigé" / "Debrief"). Did you mean "Corrigé"?']);
});

test('a bullet nested by 2 spaces instead of 4 is reported (it would flatten silently)', () => {
  expect(line('playbooks/network.fr.md:23')).toEqual(['this bullet is indented by 2 spaces more than the one above: it was read at the same level, not nested under it. Indent a nested bullet by 4 spaces more than its parent, or align it with the bullet above.']);
});

test('an unclosed quote in YAML points at the line that opened it, not at the end of the front matter', () => {
  expect(line('playbooks/network.en.md:5')).toEqual(['unparsable front matter: Missing closing "quote. Check the indentation, and quote text that contains a colon or starts with a quote or a bracket.']);
});

test('field paths read naturally and a mistyped playbook id gets "did you mean"', () => {
  expect(line('scenarios/typo.fr.md:14')).toEqual(['`rubric[2].weight` must be a whole number from 1 to 3, not 9: how much the point counts (1 to 3).']);
  expect(line('scenarios/typo.fr.md:6')).toEqual(['unknown playbook reference "netwrok" in `playbooks`: Did you mean "network"? Use one of network.']);
  expect(lines.at(-1)).toBe('9 errors, 0 warnings in 4 files.');
});

test('YAML errors at their own line: unclosed quote or bracket, bad indent, duplicate key, CRLF and BOM', () => {
  const lineOf = (text: string) => {
    const problems = new ProblemList();
    readFrontMatter('f.md', text, problems);
    return problems.items.map(formatProblem).map((p) => p.split(':')[1]);
  };
  expect(lineOf('---\nid: x\nlang: fr\ntitle: "Panne\nsummary: y\n---\nbody\n')).toEqual(['4']);
  expect(lineOf("---\nid: x\ntitle: 'Panne\nlang: fr\n---\n")).toEqual(['3']);
  expect(lineOf('---\nid: x\naliases: [a, b\nlang: fr\n---\n')).toEqual(['3']);
  expect(lineOf('---\nid: x\nlang: fr\nrubric:\n  - id: a\n   weight: 2\n---\n')).toEqual(['6']);
  expect(lineOf('---\nid: x\nlang: fr\nid: y\n---\n')).toEqual(['4']);
  expect(lineOf('---\r\nid: x\r\nlang: fr\r\ntitle: Panne: serveur\r\n---\r\n')).toEqual(['4']);
  expect(lineOf('\uFEFF---\nid: x\ntitle: Panne: serveur\n---\n')).toEqual(['3']);
});

test('the parser notes: tab-like lines and under-indented nested bullets, not correct Markdown', () => {
  const notesOf = (text: string) => {
    const notes: MarkdownNote[] = [];
    parseBlocks(toLines(text), notes);
    return notes.map((n) => n.line);
  };
  expect(notesOf('=== "Quoi faire"\n\n    - a\n        - b\n    - c\n')).toEqual([]);
  expect(notesOf('=== Quoi faire\n')).toEqual([1]);
  expect(notesOf('===“Quoi faire”\n')).toEqual([1]);
  expect(notesOf('=== \'Quoi faire\'\n')).toEqual([1]);
  expect(notesOf('- a\n  - b\n- c\n   - d\n')).toEqual([2, 4]);
  expect(notesOf('1. a\n2. b\n')).toEqual([]);
  expect(notesOf('Some text === not a tab\n')).toEqual([]);
});

test('did you mean: typos within reach, not unrelated words, not the same word', () => {
  expect(editDistance('corige', 'corrige')).toBe(1);
  expect(editDistance('corrige', 'corige')).toBe(1);
  expect(editDistance('netwrok', 'network')).toBe(1);
  expect(closest('Corigé', ['Choices', 'Corrigé'])).toBe('Corrigé');
  expect(closest('angry-usr', ['outage', 'angry-user'])).toBe('angry-user');
  expect(closest('nope', ['ok', 'outage'])).toBeNull();
  expect(closest('Outage', ['outage'])).toBeNull();
});
