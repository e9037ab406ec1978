// The labelled data beside the Markdown (routing/*.jsonl, grading/*.jsonl): loaded into the library and
// checked by `coach lint-content` with file:line messages, like the rest of the content.
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadContent } from '../../src/content/load-content.js';
import { formatProblem } from '../../src/content/problems.js';

const root = join(__dirname, '../..');

test('the shipped data loads: routing texts, graded answers attached to their scenario', () => {
  const { library, problems } = loadContent(join(root, 'content'), root);
  expect(problems).toEqual([]);
  expect(library!.routing!.length).toBeGreaterThan(1000);
  expect(new Set(library!.routing!.map((r) => r.kind))).toEqual(new Set(['query', 'chat']));
  for (const pair of library!.scenarios) {
    expect(pair.fr.graded!.length).toBeGreaterThanOrEqual(30);
    expect(pair.fr.graded).toBe(pair.en.graded);
    expect(new Set(pair.fr.graded!.map((g) => g.quality))).toEqual(new Set([0, 1, 2, 3, 4]));
  }
});

test('bad lines are errors with their file and line; unknown ids are warned about once and skipped', () => {
  const dir = mkdtempSync(join(tmpdir(), 'coach-datasets-'));
  try {
    cpSync(join(root, 'content'), dir, { recursive: true });
    writeFileSync(join(dir, 'routing', 'zz-mine.jsonl'), [
      '# my team’s own phrasing',
      '{"text": "la file déborde", "lang": "fr", "kind": "chat", "expect": "ticket-flood"}',
      '{"text": "oops", "lang": "de", "kind": "chat", "expect": null}',
      'not json',
      '',
      '{"text": "x", "lang": "fr", "kind": "chat", "expect": "printer-jam"}',
      '{"text": "y", "lang": "fr", "kind": "query", "expect": "printer-jam"}',
      '{"text": "z", "lang": "fr", "kind": "talk", "expect": null}',
    ].join('\n'));
    writeFileSync(join(dir, 'grading', 'zz-mine.jsonl'), [
      '{"scenario": "lost-mouse", "lang": "fr", "quality": 7, "answer": "bof"}',
      '{"scenario": "nope", "lang": "fr", "quality": 1, "answer": "bof"}',
      '{"scenario": "lost-mouse", "lang": "en", "quality": 3, "answer": ""}',
    ].join('\n'));
    const { library, problems } = loadContent(dir, dir);
    const lines = problems.map(formatProblem);
    expect(lines).toEqual(expect.arrayContaining([
      expect.stringMatching(/^routing\/zz-mine\.jsonl:3: error: "lang" must be "fr" or "en"/),
      expect.stringMatching(/^routing\/zz-mine\.jsonl:4: error: not valid JSON/),
      expect.stringMatching(/^routing\/zz-mine\.jsonl:6: warning: 2 lines name the unknown playbook "printer-jam" and are ignored/),
      expect.stringMatching(/^routing\/zz-mine\.jsonl:8: error: "kind" must be "query" or "chat"/),
      expect.stringMatching(/^grading\/zz-mine\.jsonl:1: error: "quality" must be a whole number from 0 \(harmful\) to 4 \(excellent\)/),
      expect.stringMatching(/^grading\/zz-mine\.jsonl:2: warning: 1 answer names the unknown scenario "nope" and is ignored/),
      expect.stringMatching(/^grading\/zz-mine\.jsonl:3: error: "answer" must be a non-empty string/),
    ]));
    expect(lines.filter((l) => l.includes('zz-mine'))).toHaveLength(7);
    expect(library).toBeNull(); // errors: the coach never runs on half-valid content
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('without routing/ and grading/ folders the content is still valid', () => {
  const dir = mkdtempSync(join(tmpdir(), 'coach-datasets-'));
  try {
    cpSync(join(root, 'content', 'playbooks'), join(dir, 'playbooks'), { recursive: true });
    cpSync(join(root, 'content', 'scenarios'), join(dir, 'scenarios'), { recursive: true });
    const { library, problems } = loadContent(dir, dir);
    expect(problems).toEqual([]);
    expect(library!.routing).toEqual([]);
    expect(library!.scenarios[0]!.fr.graded).toBeUndefined();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
