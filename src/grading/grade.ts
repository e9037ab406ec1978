// Grading a scenario answer, pure and platform-neutral.
// - A choice scores the option's points, with its explanation and the best option.
// - Free text is graded against the scenario's rubric: each key point is covered when the answer shows
//   one of its evidence phrasings (French or English lists, matched by ids: people code-switch), outside
//   a negation; red flags that fire cap the score. See evidence.ts for the matching, text.ts for negation.
import { MAX_POINTS, type Choice, type Lang, type Localized, type Scenario } from '../content/model.js';
import { compilePhrase, Matcher, type Match, type Phrase } from './evidence.js';
import { tokenize } from './text.js';

export { feedbackMessage, type PlaybookTitles } from './feedback.js';

export interface ChoiceResult {
  kind: 'choice';
  scenario: string;
  /** The option picked, from 0. */
  index: number;
  score: number;
  max: number;
  /** The option's text and why it scores so. */
  text: string;
  explanation: string;
  /** The best option, from 0, with its text and explanation. */
  best: number;
  bestText: string;
  bestExplanation: string;
  /** Whether the best option was picked. */
  correct: boolean;
}

export interface FreeTextResult {
  kind: 'free-text';
  scenario: string;
  /** 0 to `max`, a whole number. */
  score: number;
  max: number;
  /** Rubric point ids the answer covers, in rubric order. */
  covered: string[];
  /** Rubric point ids it does not, in rubric order. */
  missed: string[];
  /** Red-flag ids that fired, in content order. */
  flags: string[];
  /** For each covered point and fired flag: the words of the answer that showed it. */
  evidence: Record<string, string[]>;
  /** Words of the answer that would have been evidence, had they not been negated (for debugging). */
  negated: Record<string, string[]>;
}

export type GradeResult = ChoiceResult | FreeTextResult;

/** Longest answer read; the rest is ignored (a chat answer is a few sentences). */
export const MAX_ANSWER_CHARS = 10_000;

export function gradeChoice(scenario: Localized<Scenario>, index: number, lang: Lang): ChoiceResult {
  const s = scenario[lang];
  const choice = s.choices[index];
  if (!Number.isInteger(index) || !choice) {
    throw new RangeError(`scenario ${scenario.id} has options 0 to ${s.choices.length - 1}, not ${index}`);
  }
  const best = s.choices.findIndex((c) => c.best);
  const bestChoice: Choice = s.choices[best] ?? choice;
  return {
    kind: 'choice',
    scenario: scenario.id,
    index,
    score: choice.points,
    max: MAX_POINTS,
    text: choice.text,
    explanation: choice.explanation,
    best,
    bestText: bestChoice.text,
    bestExplanation: bestChoice.explanation,
    correct: index === best,
  };
}

export function gradeFreeText(scenario: Localized<Scenario>, answer: string, lang?: Lang): FreeTextResult {
  const compiled = compile(scenario);
  const grid = scenario[lang ?? 'fr'];
  const tokens = tokenize(answer.slice(0, MAX_ANSWER_CHARS));
  const evidence: Record<string, string[]> = {};
  const negated: Record<string, string[]> = {};
  const span = (m: Match) => answer.slice(tokens[m.at[0]!]!.start, tokens[m.at[m.at.length - 1]!]!.end);
  const record = (into: Record<string, string[]>, id: string, text: string) => {
    const list = (into[id] ??= []);
    if (!list.includes(text)) list.push(text);
  };

  const found = (items: Iterable<CompiledItem>) => {
    const out = new Map<string, Match[]>();
    for (const item of items) {
      const matches: Match[] = [];
      for (const phrase of item.phrases) {
        for (const m of compiled.matcher.find(phrase, tokens)) {
          if (m.negated) record(negated, item.id, span(m));
          else matches.push(m);
        }
      }
      out.set(item.id, matches);
    }
    return out;
  };
  const pointMatches = found(compiled.points.values());
  const flagMatches = found(compiled.flags.values());
  // Where a key point and a red flag read the same words, the longer reading wins: "c'est sa vie privée"
  // is privacy, not "c'est sa vie"; "je refuse et je ferme le ticket" is a curt refusal, not "je refuse".
  const all = (map: Map<string, Match[]>) => [...map.values()].flat();
  const keep = (m: Match, others: Match[]) =>
    !others.some((o) => contentWords(o) > contentWords(m) && o.at.some((i) => m.at.includes(i) && !tokens[i]!.stop));
  const pointsAll = all(pointMatches);
  const flagsAll = all(flagMatches);
  const shows = (map: Map<string, Match[]>, id: string, others: Match[]): boolean => {
    const kept = (map.get(id) ?? []).filter((m) => keep(m, others));
    for (const m of kept) record(evidence, id, span(m));
    return kept.length > 0;
  };

  const covered: string[] = [];
  const missed: string[] = [];
  let total = 0;
  let got = 0;
  for (const point of grid.rubric) {
    total += point.weight;
    if (shows(pointMatches, point.id, flagsAll)) {
      covered.push(point.id);
      got += point.weight;
    } else {
      missed.push(point.id);
    }
  }
  const flags: string[] = [];
  let cap = MAX_POINTS;
  for (const flag of grid.redFlags) {
    if (shows(flagMatches, flag.id, pointsAll)) {
      flags.push(flag.id);
      cap = Math.min(cap, flag.cap);
    }
  }
  const raw = total > 0 ? Math.round((MAX_POINTS * got) / total) : 0;
  return {
    kind: 'free-text',
    scenario: scenario.id,
    score: Math.max(0, Math.min(raw, cap)),
    max: MAX_POINTS,
    covered,
    missed,
    flags,
    evidence,
    negated,
  };
}

const contentWords = (m: Match) => m.phrase.slots.filter((s) => s.kind === 'stem').length;

interface CompiledItem {
  id: string;
  phrases: Phrase[];
}

interface CompiledScenario {
  points: Map<string, CompiledItem>;
  flags: Map<string, CompiledItem>;
  matcher: Matcher;
}

const compiledCache = new WeakMap<Localized<Scenario>, CompiledScenario>();

/** Both languages' evidence for each id, compiled once per scenario. */
function compile(scenario: Localized<Scenario>): CompiledScenario {
  const cached = compiledCache.get(scenario);
  if (cached) return cached;
  const points = new Map<string, CompiledItem>();
  const flags = new Map<string, CompiledItem>();
  const seen = new Map<string, Set<string>>();
  const known = new Set<string>();
  const learn = (text: string) => {
    for (const t of tokenize(text)) for (const s of t.stems) known.add(s);
  };
  const add = (into: Map<string, CompiledItem>, id: string, phrases: string[]) => {
    const item = into.get(id) ?? { id, phrases: [] };
    into.set(id, item);
    const keys = seen.get(`${into === points ? 'p' : 'f'}:${id}`) ?? new Set<string>();
    seen.set(`${into === points ? 'p' : 'f'}:${id}`, keys);
    for (const text of phrases) {
      learn(text);
      const phrase = compilePhrase(text);
      if (!phrase) continue;
      const key = JSON.stringify(phrase.slots, (_, v: unknown) => (v instanceof Set ? [...v].sort() : v));
      if (keys.has(key)) continue;
      keys.add(key);
      item.phrases.push(phrase);
    }
  };
  for (const lang of ['fr', 'en'] as const) {
    const s = scenario[lang];
    for (const p of s.rubric) { add(points, p.id, p.evidence); learn(p.point); }
    for (const f of s.redFlags) { add(flags, f.id, f.evidence); learn(f.flag); }
    learn(s.title);
    for (const c of s.choices) { learn(c.text); learn(c.explanation); }
  }
  const compiled = { points, flags, matcher: new Matcher(known) };
  compiledCache.set(scenario, compiled);
  return compiled;
}
