// The shipped content: complete, bilingual, faithful to the seed.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { extractPlaybooks, extractProblems } from '../../src/content/course.js';
import { loadContent } from '../../src/content/load-content.js';
import { blocksToLines, parseBlocks, toLines } from '../../src/content/markdown.js';
import { LANGS, MAX_POINTS, type Library } from '../../src/content/model.js';

const root = join(__dirname, '../..');
const result = loadContent(join(root, 'content'), root);
const lib = result.library as Library;
const seedBlocks = parseBlocks(toLines(readFileSync(join(__dirname, '../fixtures/seed-course.md'), 'utf8')));
const norm = (s: string) => s.trim().replace(/\s+/g, ' ');

test('content has no errors and no warnings', () => {
  expect(result.problems).toEqual([]);
  expect(lib).not.toBeNull();
});

test('the four playbooks and nine scenarios, ids in seed order', () => {
  expect(lib.playbooks.map((p) => p.id)).toEqual(['angry-user', 'outage', 'change-refused', 'ticket-flood']);
  expect(lib.scenarios.map((s) => [s.fr.number, s.id])).toEqual([
    [1, 'lost-mouse'], [2, 'monday-password'], [3, 'evening-calls'], [4, 'illegal-mp3'], [5, 'training-dvd'],
    [6, 'remote-no-internet'], [7, 'touchscreen'], [8, 'browsing-report'], [9, 'cottage-camera'],
  ]);
});

test.each(LANGS)('every playbook is complete in %s', (lang) => {
  for (const pair of lib.playbooks) {
    const p = pair[lang];
    expect(p.lang).toBe(lang);
    expect(p.title && p.summary).toBeTruthy();
    expect(p.sections.map((s) => s.kind)).toEqual(['dont', 'do', 'how']);
    for (const s of p.sections) expect(blocksToLines(s.blocks).length).toBeGreaterThanOrEqual(2);
    expect(p.aliases.length).toBeGreaterThanOrEqual(5);
    expect(p.keywords.length).toBeGreaterThanOrEqual(5);
    expect(p.examples.length).toBeGreaterThanOrEqual(5);
  }
});

test('both languages carry the same amount of playbook text', () => {
  for (const pair of lib.playbooks) {
    for (const [i, fr] of pair.fr.sections.entries()) {
      expect(blocksToLines(pair.en.sections[i]!.blocks).length).toBe(blocksToLines(fr.blocks).length);
    }
    expect(blocksToLines(pair.en.intro).length).toBe(blocksToLines(pair.fr.intro).length);
    expect(pair.en.extras.length).toBe(pair.fr.extras.length);
  }
});

test('every bullet and paragraph of the seed is in the French playbook, word for word', () => {
  const seed = extractPlaybooks(seedBlocks);
  seed.forEach((seedPb, i) => {
    const ours = lib.playbooks[i]!.fr;
    const ourText = new Set([...blocksToLines(ours.intro), ...ours.sections.flatMap((s) => blocksToLines(s.blocks))].map(norm));
    const seedLines = [...blocksToLines(seedPb.intro), ...seedPb.sections.flatMap((s) => blocksToLines(s.blocks))].map(norm);
    expect(seedLines.length).toBeGreaterThan(3);
    expect(seedLines.filter((l) => !ourText.has(l))).toEqual([]);
  });
});

test('the outage playbook has a status-update template and an incident-report outline', () => {
  for (const lang of LANGS) {
    const outage = lib.playbooks.find((p) => p.id === 'outage')![lang];
    expect(outage.extras).toHaveLength(2);
    const [status, report] = outage.extras.map((e) => blocksToLines(e.blocks).join('\n').toLowerCase());
    expect(status).toMatch(/\[/); // placeholders to fill in
    expect(report).toMatch(lang === 'fr' ? /résolution/ : /resolved|resolution/);
    expect(report).toMatch(lang === 'fr' ? /impliqu/ : /involved/);
    expect(report).toMatch(lang === 'fr' ? /futur|éviter/ : /prevent|future/);
  }
});

/** The seed's typos the scenario pages correct (the seed itself is parsed as given): "faîtes" → "faites". */
const TYPO_FIXES: Array<[RegExp, string]> = [[/faîtes/g, 'faites']];
const fixTypos = (line: string) => TYPO_FIXES.reduce((s, [typo, fix]) => s.replace(typo, fix), line);

test('each French scenario states its seed problem verbatim, its typos corrected', () => {
  const seedProblems = extractProblems(seedBlocks);
  for (const pair of lib.scenarios) {
    const seed = seedProblems.find((p) => p.number === pair.fr.number)!;
    expect(blocksToLines(pair.fr.question).map(norm)).toEqual(blocksToLines(seed.question).map(norm).map(fixTypos));
    expect(blocksToLines(pair.en.question).length).toBeGreaterThanOrEqual(1);
  }
});

test.each(LANGS)('every scenario is complete in %s', (lang) => {
  const playbookIds = new Set(lib.playbooks.map((p) => p.id));
  for (const pair of lib.scenarios) {
    const s = pair[lang];
    expect(s.title).toBeTruthy();
    expect(s.playbooks.length).toBeGreaterThanOrEqual(1);
    for (const id of s.playbooks) expect(playbookIds.has(id)).toBe(true);
    expect(s.rubric.length).toBeGreaterThanOrEqual(3);
    expect(s.rubric.length).toBeLessThanOrEqual(6);
    for (const r of s.rubric) expect(r.evidence.length).toBeGreaterThanOrEqual(3);
    expect(s.redFlags.length).toBeGreaterThanOrEqual(1);
    expect(s.choices.length).toBeGreaterThanOrEqual(3);
    expect(s.choices.length).toBeLessThanOrEqual(4);
    expect(s.choices.filter((c) => c.best)).toHaveLength(1);
    expect(s.choices.find((c) => c.best)!.points).toBe(MAX_POINTS);
    for (const c of s.choices) expect(c.explanation.length).toBeGreaterThan(20);
    expect(blocksToLines(s.debrief).join(' ').split(/\s+/).length).toBeGreaterThanOrEqual(80);
  }
});
