// When the grader is unsure of a free-text grade (issue 14, item 3): read from its own signals, so an
// admin reviews those grades in `/coach queue`. Three signals, each a reason named in the queue:
// - `model-torn`: the learned model spreads its reading over the quality levels (standard deviation of
//   its level distribution at least 1, one whole level: "poor or good?"); the rubric then carries a grade
//   the model could not settle;
// - `negated-evidence`: words of a missed rubric point were found under a negation ("sans…", "I won't…"),
//   the reading most often wrong in the held-out answers (double negatives, "not only… but");
// - `capped`: a red flag or a disrespectful tone capped an answer the rubric alone scores 6 or more: the
//   right principles with one harmful phrase, where a misread flag costs the most points.
// A choice answer is never unsure (its points are the option's).
import { MAX_POINTS, type Lang, type Localized, type Scenario } from '../content/model.js';
import type { FreeTextResult } from './grade.js';

export type Doubt = 'model-torn' | 'negated-evidence' | 'capped';

/** The spread (standard deviation, in quality levels) from which the learned model is torn. */
export const TORN_SPREAD = 1;
/** The rubric's points (out of 10) from which a cap is worth a second look. */
export const CAPPED_FROM = 6;

/** The grader's reasons to doubt `result` (empty: sure), in the order above. */
export function gradeDoubts(scenario: Localized<Scenario>, result: FreeTextResult, lang: Lang): Doubt[] {
  const rubric = scenario[lang].rubric;
  const total = rubric.reduce((sum, p) => sum + p.weight, 0);
  const got = rubric.filter((p) => result.covered.includes(p.id)).reduce((sum, p) => sum + p.weight, 0);
  const rubricPoints = total > 0 ? (MAX_POINTS * got) / total : 0;
  const doubts: Doubt[] = [];
  // An answer that says nothing about the scenario is graded by the rubric alone (0): the model's view does not count.
  const offTopic = result.covered.length === 0 && result.flags.length === 0 && result.score === 0;
  if (result.qualitySpread !== null && !offTopic && result.qualitySpread >= TORN_SPREAD) doubts.push('model-torn');
  if (result.missed.some((id) => (result.negated[id]?.length ?? 0) > 0)) doubts.push('negated-evidence');
  if (result.flags.some((f) => f !== 'not-an-answer') && rubricPoints >= CAPPED_FROM && result.score < rubricPoints) doubts.push('capped');
  return doubts;
}
