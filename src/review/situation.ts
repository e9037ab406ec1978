// Which situation a draft reply answers. The router (`route()`, trained on how techs describe a situation)
// reads the situation's own words; a classifier trained on the labelled drafts reads how replies to each
// situation are written ("prochaine mise à jour", "merci pour votre demande"). Both are averaged; the
// coach only decides when the best situation wins clearly, otherwise it asks.
import type { LabelledDraft } from '../content/review-model.js';
import { isContent, tokenize } from '../grading/text.js';
import type { RouteResult } from '../understanding/router.js';
import { LogisticModel } from './classifier.js';

/** The averaged score the best situation needs, and its lead over the second, to be taken without asking. */
export const SITUATION_DECISION = { score: 0.5, margin: 0.3 } as const;

/** The words of a whole draft as classifier features (stems, negation-marked). */
export function draftFeatures(draft: string): string[] {
  const out = new Set<string>();
  for (const t of tokenize(draft)) {
    if (!isContent(t)) continue;
    const neg = t.scopes.length % 2 === 1 ? '¬' : '';
    for (const s of t.stems) out.add(`w:${neg}${s}`);
  }
  return [...out];
}

export class SituationModel {
  private constructor(private readonly models: Map<string, LogisticModel>) {}

  static train(situations: string[], drafts: LabelledDraft[]): SituationModel {
    const models = new Map<string, LogisticModel>();
    const features = drafts.map((d) => draftFeatures(d.draft));
    for (const s of situations) {
      models.set(s, LogisticModel.train(drafts.map((d, i) => ({ features: features[i]!, positive: d.situation === s }))));
    }
    return new SituationModel(models);
  }

  /** Each situation's share (they sum to 1), from the classifiers' probabilities. */
  shares(draft: string): Map<string, number> {
    const f = draftFeatures(draft);
    const raw = new Map([...this.models].map(([s, m]) => [s, m.probability(f)] as const));
    const total = [...raw.values()].reduce((a, b) => a + b, 0) || 1;
    return new Map([...raw].map(([s, p]) => [s, p / total] as const));
  }
}

/** Router and classifier averaged: situations best first, with their scores (0 to 1). */
export function rankSituations(situations: string[], routed: RouteResult | null, model: SituationModel | null, draft: string): { situation: string; score: number }[] {
  const shares = model?.shares(draft);
  const routerScore = (s: string) => routed?.alternatives.find((a) => a.playbook === s)?.score ?? 0;
  const sources = (routed ? 1 : 0) + (shares ? 1 : 0) || 1;
  return situations
    .map((s) => ({ situation: s, score: (routerScore(s) + (shares?.get(s) ?? 0)) / sources }))
    .sort((a, b) => b.score - a.score);
}
