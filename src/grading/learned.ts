// A learned model of answer quality, one per scenario, trained on that scenario's graded answers (content
// `grading/*.jsonl`, both languages) and on its own choices (their points make them graded answers too:
// 10 points is excellent, 0 harmful). It reads what the rubric found (points covered, red flags, harmful
// decisions, tone, a bare list of words), the answer's shape (length, sentences, someone speaking) and its
// words (stems), and predicts the expected quality from 0 (harmful) to 4 (excellent). Trained on first use
// (a few milliseconds to tens of milliseconds), then kept with the scenario.
import type { Localized, Scenario } from '../content/model.js';
import type { Features } from '../understanding/features.js';
import { FEATURE_BITS } from '../understanding/features.js';
import { SoftmaxRegression, type Example } from '../understanding/softmax.js';
import type { Token } from './text.js';

/** What the rubric-based reading of an answer found, as the model sees it. */
export interface AnswerFacts {
  tokens: Token[];
  /** Rubric point ids covered, and the weighted share of the rubric they make (0..1). */
  covered: string[];
  coverage: number;
  pointCount: number;
  /** Red-flag ids that fired, and among them those that fired as harmful decisions. */
  flags: string[];
  decisions: string[];
  disrespect: boolean;
  keywordList: boolean;
  /** How many evidence phrasings the answer negates ("sans rire", "I won't copy it"). */
  negatedEvidence: number;
}

export const QUALITY_LEVELS = 5;
const TRAINING = { epochs: 30, learningRate: 0.3, l2: 1e-4, seed: 11 };
/** What the answer's words weigh against what the rubric found. */
const WORDS_WEIGHT = 0.4;
const MASK = (1 << FEATURE_BITS) - 1;

function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) & MASK;
}

/** The model's features: what the rubric found, then the answer's own words. */
export function qualityFeatures(facts: AnswerFacts): Features {
  const named = new Map<number, number>();
  const put = (name: string, v: number) => { if (v !== 0) named.set(hash(name), v); };
  const words = facts.tokens.filter((t) => !t.stop && !t.negator);
  const sentences = new Set(facts.tokens.map((t) => t.sentence)).size;
  const speaking = facts.tokens.filter((t) => ['je', 'j', 'on', 'nous', 'i', 'we'].includes(t.word)).length;
  put('bias', 1);
  put('coverage', facts.coverage);
  put('coverage^2', facts.coverage * facts.coverage);
  put('points', facts.pointCount ? facts.covered.length / facts.pointCount : 0);
  for (const id of facts.covered) put(`point:${id}`, 1);
  for (const id of facts.flags) put(`flag:${id}`, 1);
  put('flagged', facts.flags.length > 0 ? 1 : 0);
  put('decision', facts.decisions.length > 0 ? 1 : 0);
  put('disrespect', facts.disrespect ? 1 : 0);
  put('keyword-list', facts.keywordList ? 1 : 0);
  put('negated-evidence', Math.min(1, facts.negatedEvidence / 3));
  put('length', Math.min(1, Math.log1p(facts.tokens.length) / Math.log(80)));
  put('sentences', Math.min(1, sentences / 5));
  put('speaking', Math.min(1, speaking / 4));
  const stems = new Set<number>();
  for (const t of words) stems.add(hash(`stem:${t.stems[0]}`));
  const wordValue = stems.size ? WORDS_WEIGHT / Math.sqrt(stems.size) : 0;
  for (const h of stems) if (!named.has(h)) named.set(h, wordValue);
  return { index: Int32Array.from(named.keys()), value: Float32Array.from(named.values()) };
}

/** A graded choice: its points out of 10 as a quality level. */
export function choiceQuality(points: number): number {
  return points >= 9 ? 4 : points >= 6 ? 3 : points >= 4 ? 2 : points >= 2 ? 1 : 0;
}

export class QualityModel {
  private constructor(private readonly model: SoftmaxRegression) {}

  /** Trains on graded examples; null when there are none (the rubric then grades alone). */
  static train(examples: { facts: AnswerFacts; quality: number }[]): QualityModel | null {
    const levels = new Set(examples.map((e) => e.quality));
    if (examples.length === 0 || levels.size < 2) return null;
    const model = new SoftmaxRegression(QUALITY_LEVELS, 0);
    const rows: Example[] = examples.map((e) => ({ features: qualityFeatures(e.facts), dense: null, label: e.quality, weight: 1 }));
    model.train(rows, TRAINING);
    return new QualityModel(model);
  }

  /** Expected quality, 0 (harmful) to 4 (excellent). */
  expected(facts: AnswerFacts): number {
    return this.reading(facts).expected;
  }

  /**
   * Expected quality and its spread: the standard deviation of the level distribution (0: one level
   * certain; about 1.4 when spread evenly over the five), read as how torn the model is (grading/doubt.ts).
   */
  reading(facts: AnswerFacts): { expected: number; spread: number } {
    const p = this.model.probabilities(qualityFeatures(facts), null);
    let e = 0;
    for (let k = 0; k < p.length; k++) e += k * p[k]!;
    let v = 0;
    for (let k = 0; k < p.length; k++) v += p[k]! * (k - e) ** 2;
    return { expected: e, spread: Math.sqrt(v) };
  }
}

/** Below this many graded answers, a scenario has no learned model: the rubric grades alone. */
export const MIN_GRADED = 10;

/** The answers a scenario's model learns from: its graded answers, then its choices (none without enough graded). */
export function trainingAnswers(scenario: Localized<Scenario>): { answer: string; lang: 'fr' | 'en'; quality: number }[] {
  const graded = scenario.fr.graded ?? [];
  if (graded.length < MIN_GRADED) return [];
  const out: { answer: string; lang: 'fr' | 'en'; quality: number }[] = graded.map((g) => ({ answer: g.answer, lang: g.lang, quality: g.quality }));
  for (const lang of ['fr', 'en'] as const) {
    for (const c of scenario[lang].choices) out.push({ answer: c.text, lang, quality: choiceQuality(c.points) });
  }
  return out;
}
