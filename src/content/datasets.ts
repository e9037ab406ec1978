// The labelled data next to the Markdown: how people really write about each playbook's situation
// (`routing/*.jsonl`, read by the router's learned model) and graded answers to each scenario
// (`grading/*.jsonl`, read by the grader's learned model). One JSON object per line; blank lines and lines
// starting with `#` or `//` are skipped. Both folders are optional: without them the coach routes and grades
// from the Markdown alone.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { isLang, type GradedAnswer, type RoutingExample } from './model.js';
import type { ProblemList } from './problems.js';

const MAX_DATASET_BYTES = 5_000_000;
const MAX_TEXT_CHARS = 4000;

interface JsonLine { value: Record<string, unknown>; line: number }

/** Every object line of the `.jsonl` files of `dir/sub`, sorted by file name; errors for the rest. */
function readJsonLines(dir: string, sub: string, shown: (path: string) => string, problems: ProblemList): { file: string; lines: JsonLine[] }[] {
  const folder = join(dir, sub);
  if (!existsSync(folder) || !statSync(folder).isDirectory()) return [];
  const out: { file: string; lines: JsonLine[] }[] = [];
  for (const name of readdirSync(folder).sort()) {
    if (!name.endsWith('.jsonl') || name.startsWith('.')) continue;
    const path = join(folder, name);
    const file = shown(path);
    let text: string;
    try {
      if (statSync(path).size > MAX_DATASET_BYTES) {
        problems.error(file, 1, `the file is larger than ${MAX_DATASET_BYTES / 1_000_000} MB: split it into several .jsonl files.`);
        continue;
      }
      text = readFileSync(path, 'utf8');
    } catch (err) {
      problems.error(file, 1, `cannot read the file: ${(err as Error).message}.`);
      continue;
    }
    const lines: JsonLine[] = [];
    text.split('\n').forEach((raw, i) => {
      const trimmed = raw.trim();
      if (!trimmed || trimmed.startsWith('#') || trimmed.startsWith('//')) return;
      let value: unknown;
      try {
        value = JSON.parse(trimmed);
      } catch (err) {
        problems.error(file, i + 1, `not valid JSON (${(err as Error).message}): write one object per line, e.g. {"text": "…", "lang": "fr", "kind": "chat", "expect": null}.`);
        return;
      }
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        problems.error(file, i + 1, 'each line must be one JSON object.');
        return;
      }
      lines.push({ value: value as Record<string, unknown>, line: i + 1 });
    });
    out.push({ file, lines });
  }
  return out;
}

const text = (v: unknown): v is string => typeof v === 'string' && v.trim().length > 0 && v.length <= MAX_TEXT_CHARS;

/**
 * `routing/*.jsonl`: {"text", "lang": "fr"|"en", "kind": "query"|"chat", "expect": playbook id or null}.
 * `query` is what follows `/playbook` (or free text to the coach), `chat` an ordinary channel message;
 * `expect: null` means "no playbook" (small talk, a ticket for a show, an outage that is over…). Lines naming
 * a playbook the content does not have are skipped with one warning per file and id.
 */
export function readRoutingExamples(dir: string, shown: (path: string) => string, problems: ProblemList, playbookIds: ReadonlySet<string>): RoutingExample[] {
  const out: RoutingExample[] = [];
  for (const { file, lines } of readJsonLines(dir, 'routing', shown, problems)) {
    const unknown = new Map<string, { count: number; first: number }>();
    for (const { value: v, line } of lines) {
      const bad = (what: string) => problems.error(file, line, `${what} (expected {"text", "lang": "fr"|"en", "kind": "query"|"chat", "expect": a playbook id or null}).`);
      if (!text(v.text)) { bad(`"text" must be a non-empty string of at most ${MAX_TEXT_CHARS} characters`); continue; }
      if (!isLang(v.lang)) { bad('"lang" must be "fr" or "en"'); continue; }
      if (v.kind !== 'query' && v.kind !== 'chat') { bad('"kind" must be "query" or "chat"'); continue; }
      if (v.expect !== null && typeof v.expect !== 'string') { bad('"expect" must be a playbook id or null'); continue; }
      if (typeof v.expect === 'string' && !playbookIds.has(v.expect)) {
        const seen = unknown.get(v.expect) ?? { count: 0, first: line };
        seen.count++;
        unknown.set(v.expect, seen);
        continue;
      }
      out.push({ text: v.text, lang: v.lang, kind: v.kind, expect: v.expect, source: { file, line } });
    }
    for (const [id, { count, first }] of unknown) {
      problems.warning(file, first, `${count} line${count > 1 ? 's name' : ' names'} the unknown playbook "${id}" and ${count > 1 ? 'are' : 'is'} ignored: use one of ${[...playbookIds].sort().join(', ')}, or null.`);
    }
  }
  return out;
}

/**
 * `grading/*.jsonl`: {"scenario": id, "lang": "fr"|"en", "quality": 0..4, "answer"}, quality 0 harmful,
 * 1 poor, 2 partial, 3 good, 4 excellent. Lines naming an unknown scenario are skipped with a warning.
 */
export function readGradedAnswers(dir: string, shown: (path: string) => string, problems: ProblemList, scenarioIds: ReadonlySet<string>): GradedAnswer[] {
  const out: GradedAnswer[] = [];
  for (const { file, lines } of readJsonLines(dir, 'grading', shown, problems)) {
    const unknown = new Map<string, { count: number; first: number }>();
    for (const { value: v, line } of lines) {
      const bad = (what: string) => problems.error(file, line, `${what} (expected {"scenario", "lang": "fr"|"en", "quality": 0 to 4, "answer"}).`);
      if (typeof v.scenario !== 'string' || !v.scenario) { bad('"scenario" must be a scenario id'); continue; }
      if (!isLang(v.lang)) { bad('"lang" must be "fr" or "en"'); continue; }
      if (typeof v.quality !== 'number' || !Number.isInteger(v.quality) || v.quality < 0 || v.quality > 4) { bad('"quality" must be a whole number from 0 (harmful) to 4 (excellent)'); continue; }
      if (!text(v.answer)) { bad(`"answer" must be a non-empty string of at most ${MAX_TEXT_CHARS} characters`); continue; }
      if (!scenarioIds.has(v.scenario)) {
        const seen = unknown.get(v.scenario) ?? { count: 0, first: line };
        seen.count++;
        unknown.set(v.scenario, seen);
        continue;
      }
      out.push({ scenario: v.scenario, lang: v.lang, quality: v.quality as GradedAnswer['quality'], answer: v.answer, source: { file, line } });
    }
    for (const [id, { count, first }] of unknown) {
      problems.warning(file, first, `${count} answer${count > 1 ? 's name' : ' names'} the unknown scenario "${id}" and ${count > 1 ? 'are' : 'is'} ignored: use one of ${[...scenarioIds].sort().join(', ')}.`);
    }
  }
  return out;
}
