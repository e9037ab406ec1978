// Grading a scenario answer, pure and platform-neutral.
// - A choice scores the option's points, with its explanation and the best option.
// - Free text is graded against the scenario's rubric: each key point is covered when the answer shows
//   one of its evidence phrasings (French or English lists, matched by ids: people code-switch), outside
//   a negation; red flags that fire, harmful decisions taken, a disrespectful tone or a bare list of words
//   cap the score; a learned model trained on the scenario's graded answers weighs in. See evidence.ts for
//   the matching, text.ts for negation, decisions.ts, tone.ts, answer-shape.ts and learned.ts.
import { MAX_POINTS, type Choice, type Lang, type Localized, type Scenario } from '../content/model.js';
import { isDontKnow, isKeywordList } from './answer-shape.js';
import { BUILT_IN_FLAGS } from './built-in-flags.js';
import { compileDecisions, conditioned, findDecisions, type CompiledDecision } from './decisions.js';
import { compilePhrase, Matcher, type Match, type Phrase } from './evidence.js';
import { QUALITY_LEVELS, QualityModel, trainingAnswers, type AnswerFacts } from './learned.js';
import { isContent, tokenize } from './text.js';
import { disrespect } from './tone.js';

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
  /**
   * Red-flag ids that fired, in content order (shown by their evidence or taken as a harmful decision),
   * then `disrespectful-tone` and `not-an-answer` when they apply (see BUILT_IN_FLAGS).
   */
  flags: string[];
  /** Among `flags`, the red flags the answer takes as a decision. */
  decisions: string[];
  /** The disrespectful words found, as written (empty when the tone is fine). */
  disrespect: string[];
  /** The learned model's expected quality, 0 (harmful) to 4 (excellent); null without graded answers. */
  quality: number | null;
  /** How torn the learned model is between quality levels (standard deviation, 0 to 2); null without a model. */
  qualitySpread: number | null;
  /** For each covered point and fired flag: the words of the answer that showed it. */
  evidence: Record<string, string[]>;
  /** Words of the answer that would have been evidence, had they not been negated (for debugging). */
  negated: Record<string, string[]>;
}

export { BUILT_IN_FLAGS, type BuiltInFlag } from './built-in-flags.js';

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

/**
 * Grades a free-text answer: the rubric's points covered (evidence phrasings in French or English, outside a
 * negation), the red flags shown (by their evidence, or taken as a harmful decision: decisions.ts), the
 * tone (tone.ts) and whether it is an answer at all (answer-shape.ts); then, when the scenario has graded
 * answers, a learned model's view of its quality (learned.ts) is blended with the rubric's score. Every cap
 * applies last: a harmful decision scores low whatever else the answer says.
 */
export function gradeFreeText(scenario: Localized<Scenario>, answer: string, lang?: Lang): FreeTextResult {
  const compiled = compile(scenario);
  const read = readAnswer(scenario, compiled, answer, lang);
  const model = qualityModel(scenario, compiled);
  const reading = model ? model.reading(read.facts) : null;
  const quality = reading ? reading.expected : null;
  const rubricScore = read.total > 0 ? (MAX_POINTS * read.got) / read.total : 0;
  // An answer that says nothing about the scenario (empty, off-topic, "no idea") earns nothing from the model.
  const blended = quality === null || !read.relevant ? rubricScore : RUBRIC_SHARE * rubricScore + (1 - RUBRIC_SHARE) * pointsOfQuality(quality);
  return {
    kind: 'free-text',
    scenario: scenario.id,
    score: Math.max(0, Math.min(Math.round(blended), read.cap)),
    max: MAX_POINTS,
    covered: read.facts.covered,
    missed: read.missed,
    flags: read.flags,
    decisions: read.facts.decisions,
    disrespect: read.disrespect,
    quality: quality === null ? null : Math.round(quality * 100) / 100,
    qualitySpread: reading ? Math.round(reading.spread * 100) / 100 : null,
    evidence: read.evidence,
    negated: read.negated,
  };
}

/**
 * Points out of 10 for a quality level (0 harmful … 4 excellent), interpolated between levels: a poor answer
 * is worth about 2, a partial one about 4, a good one 6.5, an excellent one 9 (the scale the choices use).
 */
const POINTS_OF_LEVEL = [0, 2, 4, 6.5, 9];
function pointsOfQuality(q: number): number {
  const lo = Math.max(0, Math.min(QUALITY_LEVELS - 2, Math.floor(q)));
  return POINTS_OF_LEVEL[lo]! + (q - lo) * (POINTS_OF_LEVEL[lo + 1]! - POINTS_OF_LEVEL[lo]!);
}

/** How much the rubric's score counts when a learned model also grades (chosen by cross-validation). */
const RUBRIC_SHARE = 0.3;

interface Reading {
  facts: AnswerFacts;
  /** Whether the answer covers a point, shows a flag, or uses any word of the scenario's own vocabulary. */
  relevant: boolean;
  missed: string[];
  flags: string[];
  disrespect: string[];
  got: number;
  total: number;
  cap: number;
  evidence: Record<string, string[]>;
  negated: Record<string, string[]>;
}

/** Everything the rubric, the red flags, the tone and the answer's shape say about an answer. */
function readAnswer(scenario: Localized<Scenario>, compiled: CompiledScenario, answer: string, lang?: Lang): Reading {
  const grid = scenario[lang ?? 'fr'];
  const text = answer.slice(0, MAX_ANSWER_CHARS);
  const tokens = tokenize(text);
  const evidence: Record<string, string[]> = {};
  const negated: Record<string, string[]> = {};
  let negatedCount = 0;
  const span = (at: number[]) => text.slice(tokens[at[0]!]!.start, tokens[at[at.length - 1]!]!.end);
  const record = (into: Record<string, string[]>, id: string, words: string) => {
    const list = (into[id] ??= []);
    if (!list.includes(words)) list.push(words);
  };

  const found = (items: Iterable<CompiledItem>) => {
    const out = new Map<string, Match[]>();
    for (const item of items) {
      const matches: Match[] = [];
      for (const phrase of item.phrases) {
        for (const m of compiled.matcher.find(phrase, tokens)) {
          if (m.negated) { record(negated, item.id, span(m.at)); negatedCount++; }
          else matches.push(m);
        }
      }
      out.set(item.id, matches);
    }
    return out;
  };
  const pointMatches = found(compiled.points.values());
  const flagMatches = found(compiled.flags.values());
  // A red flag's words under the condition that makes them right are no red flag ("only with written permission").
  for (const [id, matches] of flagMatches) {
    const d = compiled.decisions.find((x) => x.id === id);
    flagMatches.set(id, matches.filter((m) => !conditioned(d, tokens, compiled.matcher, m.at)));
  }
  // Where a key point and a red flag read the same words, the longer reading wins: "c'est sa vie privée"
  // is privacy, not "c'est sa vie"; "je refuse et je ferme le ticket" is a curt refusal, not "je refuse".
  const all = (map: Map<string, Match[]>) => [...map.values()].flat();
  const keep = (m: Match, others: Match[]) =>
    !others.some((o) => contentWords(o) > contentWords(m) && o.at.some((i) => m.at.includes(i) && !tokens[i]!.stop));
  const pointsAll = all(pointMatches);
  const flagsAll = all(flagMatches);
  const shows = (map: Map<string, Match[]>, id: string, others: Match[]): boolean => {
    const kept = (map.get(id) ?? []).filter((m) => keep(m, others));
    for (const m of kept) record(evidence, id, span(m.at));
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
  const decided = findDecisions(compiled.decisions, tokens, compiled.matcher);
  for (const d of decided) record(evidence, d.id, span(d.at));
  const decisions: string[] = [];
  const flags: string[] = [];
  let cap: number = MAX_POINTS;
  for (const flag of grid.redFlags) {
    const asDecision = decided.some((d) => d.id === flag.id);
    if (asDecision || shows(flagMatches, flag.id, pointsAll)) {
      flags.push(flag.id);
      if (asDecision) decisions.push(flag.id);
      cap = Math.min(cap, flag.cap);
    }
  }
  const disrespectful = disrespect(text, tokens);
  if (disrespectful.length > 0) {
    flags.push('disrespectful-tone');
    cap = Math.min(cap, BUILT_IN_FLAGS['disrespectful-tone']);
    evidence['disrespectful-tone'] = disrespectful;
  }
  const list = isKeywordList(tokens);
  if (list) {
    flags.push('not-an-answer');
    cap = Math.min(cap, BUILT_IN_FLAGS['not-an-answer']);
  }
  const facts: AnswerFacts = {
    tokens, covered, coverage: total > 0 ? got / total : 0, pointCount: grid.rubric.length,
    flags: flags.filter((f) => !(f in BUILT_IN_FLAGS)), decisions, disrespect: disrespectful.length > 0, keywordList: list, negatedEvidence: negatedCount,
  };
  const relevant = covered.length > 0 || flags.length > 0 || (!isDontKnow(tokens) && tokens.some((t) => isContent(t) && t.stems.some((stem) => compiled.known.has(stem))));
  return { facts, relevant, missed, flags, disrespect: disrespectful, got, total, cap, evidence, negated };
}

const models = new WeakMap<Localized<Scenario>, QualityModel | null>();

/** The scenario's learned model, trained on first use from its graded answers and choices. */
function qualityModel(scenario: Localized<Scenario>, compiled: CompiledScenario): QualityModel | null {
  if (models.has(scenario)) return models.get(scenario)!;
  const examples = trainingAnswers(scenario).map((a) => ({ facts: readAnswer(scenario, compiled, a.answer, a.lang).facts, quality: a.quality }));
  const model = QualityModel.train(examples);
  models.set(scenario, model);
  return model;
}

const contentWords = (m: Match) => m.phrase.slots.filter((s) => s.kind === 'stem').length;

interface CompiledItem {
  id: string;
  phrases: Phrase[];
}

interface CompiledScenario {
  points: Map<string, CompiledItem>;
  flags: Map<string, CompiledItem>;
  decisions: CompiledDecision[];
  matcher: Matcher;
  /** Stems of the scenario's own words: rubric, flags, choices, title. */
  known: ReadonlySet<string>;
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
    for (const f of s.redFlags) { add(flags, f.id, f.evidence); learn(f.flag); for (const d of [...f.decisions, ...f.unless]) learn(d); }
    learn(s.title);
    for (const c of s.choices) { learn(c.text); learn(c.explanation); }
  }
  const compiled = { points, flags, decisions: compileDecisions(scenario), matcher: new Matcher(known), known };
  compiledCache.set(scenario, compiled);
  return compiled;
}
