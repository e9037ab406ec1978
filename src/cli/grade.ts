// `coach grade --scenario ID [--lang fr|en] "ANSWER"`: grade a free-text answer against a scenario's
// rubric and print {"scenario","score","max","covered","missed","flags"}.
// `coach grade --jsonl [--scenario ID] [--lang fr|en]`: one {"scenario","answer","lang"} object per stdin
// line, one JSON line out for each, in order, in one process; a bad line prints {"error","line"} instead.
import type { Readable } from 'node:stream';
import { isLang, type Lang, type Library, type Localized, type Scenario } from '../content/model.js';
import { textLanguage } from '../core/language.js';
import { gradeFreeText } from '../grading/grade.js';
import { parseCommand, wantsHelp } from './args.js';
import { answerJsonLines, textOrJsonl } from './jsonl.js';
import { prepare } from './start.js';

export interface GradeIo {
  out(s: string): void;
  err(s: string): void;
  env: Record<string, string | undefined>;
  stdin: Readable;
}

const USAGE = `usage: coach grade --scenario ID|NUMBER [--lang fr|en] "ANSWER"
       coach grade --jsonl [--scenario ID|NUMBER] [--lang fr|en]   (stdin: one {"scenario","answer","lang"} per line)
`;

export async function grade(argv: string[], io: GradeIo): Promise<number> {
  if (wantsHelp(argv)) {
    io.out(USAGE);
    return 0;
  }
  const parsed = parseCommand(argv, { scenario: { type: 'string' }, lang: { type: 'string' }, jsonl: { type: 'boolean' } }, USAGE, io);
  if (!parsed) return 2;
  const { values, positionals } = parsed;
  const jsonl = values.jsonl === true;
  if (!jsonl && values.scenario === undefined) {
    io.err(`--scenario is required (a scenario id or number).\n${USAGE}`);
    return 2;
  }
  if (!textOrJsonl(jsonl, positionals, 'answer', 'grade', USAGE, io)) return 2;

  const ready = prepare(io);
  if (!ready) return 1;
  const { library } = ready.coach;
  const fallback = ready.config.defaultLang;
  const fixedLang = parsed.lang;

  let defaultScenario: Localized<Scenario> | undefined;
  if (values.scenario !== undefined) {
    defaultScenario = findScenario(library, values.scenario);
    if (!defaultScenario) {
      io.err(`unknown scenario "${values.scenario}". ${validScenarios(library)}\n${USAGE}`);
      return 2;
    }
  }

  if (!jsonl) {
    const answer = positionals.join(' ');
    io.out(JSON.stringify(gradeJson(defaultScenario!, answer, fixedLang ?? textLanguage(answer) ?? fallback)) + '\n');
    return 0;
  }

  await answerJsonLines(io.stdin, '{"scenario","answer","lang"}', (fields) => {
    const request = parseLine(fields, library, defaultScenario);
    if ('error' in request) return request;
    const lang = request.lang ?? fixedLang ?? textLanguage(request.answer) ?? fallback;
    return { json: gradeJson(request.scenario, request.answer, lang) };
  }, io.out);
  return 0;
}

/** The JSON contract, keys in this order. */
export function gradeJson(scenario: Localized<Scenario>, answer: string, lang: Lang) {
  const r = gradeFreeText(scenario, answer, lang);
  return { scenario: scenario.id, score: r.score, max: r.max, covered: r.covered, missed: r.missed, flags: r.flags };
}

/** A scenario by id or by number ("3", 3). */
export function findScenario(library: Library, key: string | number): Localized<Scenario> | undefined {
  const text = String(key).trim();
  if (/^\d+$/.test(text)) return library.scenarios.find((s) => s.fr.number === Number(text));
  return library.scenarios.find((s) => s.id === text.toLowerCase());
}

function validScenarios(library: Library): string {
  const list = [...library.scenarios].sort((a, b) => a.fr.number - b.fr.number).map((s) => `${s.fr.number} ${s.id}`);
  return `Valid scenarios: ${list.join(', ')}.`;
}

type LineRequest = { scenario: Localized<Scenario>; answer: string; lang?: Lang } | { error: string };

function parseLine(fields: Record<string, unknown>, library: Library, fallbackScenario: Localized<Scenario> | undefined): LineRequest {
  if (typeof fields.answer !== 'string') return { error: '"answer" must be a string' };
  let scenario = fallbackScenario;
  if (fields.scenario !== undefined) {
    if (typeof fields.scenario !== 'string' && typeof fields.scenario !== 'number') return { error: '"scenario" must be a scenario id or number' };
    scenario = findScenario(library, fields.scenario);
    if (!scenario) return { error: `unknown scenario "${fields.scenario}". ${validScenarios(library)}` };
  }
  if (!scenario) return { error: '"scenario" is missing (or give --scenario)' };
  if (fields.lang !== undefined && fields.lang !== null && !isLang(fields.lang)) return { error: '"lang" must be fr or en' };
  return { scenario, answer: fields.answer, lang: isLang(fields.lang) ? fields.lang : undefined };
}
