// The review grids (what a good reply to a user does in each situation, and what it must not do) and the
// labelled drafts the review's classifier learns from: content, editable by a trainer, checked by
// `coach lint-content`. Principle and violation ids are the same in both languages of a grid.
import type { Lang, SourceRef } from './model.js';

/** Where a missing principle's sentence belongs in a reply: after the greeting, in the body, at the end. */
export const REVIEW_PLACES = ['opening', 'body', 'closing'] as const;
export type ReviewPlace = (typeof REVIEW_PLACES)[number];

/**
 * Conditions a signal may name in braces, checked by the review in code: `{name}` the draft names the
 * person (a greeting or thanks followed by a name), `{time}` the same sentence gives a time or a delay
 * (14 h, 2:30 pm, d'ici vendredi, within 30 minutes), `{short}` the whole draft is a few words long,
 * `{placeholder}` the same sentence holds a template's blank ([Prénom], {{first_name}}, <NAME>, XXX).
 */
export const SIGNAL_CONDITIONS = ['name', 'time', 'short', 'placeholder'] as const;
export type SignalCondition = (typeof SIGNAL_CONDITIONS)[number];

/** What a principle and a violation share: how the review finds them in a draft. */
export interface ReviewCheck {
  id: string;
  /** Short label shown to the agent ("Empathie"). */
  name: string;
  /** One sentence: why it matters (from the playbook). */
  why: string;
  /** Phrasings that show it in a draft (stemmed, negation-aware; see the review's README section). */
  signals: string[];
  /** Phrasings that look like it but are not ("désolé que tu sois incapable"): they void a signal in the same sentence. */
  notSignals: string[];
  /**
   * `polarity: any` in the file: a signal under a negation still shows it (a reason is often negative:
   * « la licence n'est pas dans le budget »). By default a negated signal does not count.
   */
  anyPolarity: boolean;
  source: SourceRef;
}

export interface ReviewPrinciple extends ReviewCheck {
  /** How much it counts in the score, 1 to 3. */
  weight: number;
  place: ReviewPlace;
  /** A sentence to add when it is missing, in the grid's language (`vous` in French). */
  suggestion: string;
  /** The same sentence for a draft written with `tu` (French only). */
  suggestionTu?: string;
}

export interface ReviewViolation extends ReviewCheck {
  /** Points taken off the score (out of 10), 1 to 10. */
  penalty: number;
  /** Principles it voids when both are in one sentence around "mais"/"but" ("I understand, but as I explained…"). */
  cancels: string[];
  /** The default rewrite of an offending phrase. */
  rewrite: string;
  rewriteTu?: string;
  /** A rewrite for a given signal, when the default one would not fit. */
  rewrites: { signal: string; rewrite: string }[];
}

export interface ReviewGrid {
  /** The playbook this grid reviews replies for (same id). */
  id: string;
  lang: Lang;
  title: string;
  principles: ReviewPrinciple[];
  violations: ReviewViolation[];
  source: SourceRef;
}

export const DRAFT_QUALITIES = ['poor', 'fair', 'good', 'excellent'] as const;
export type DraftQuality = (typeof DRAFT_QUALITIES)[number];

/** A draft reply labelled by hand: which principles it shows and which violations, with the phrases that show them. */
export interface LabelledDraft {
  id: string;
  situation: string;
  lang: Lang;
  quality: DraftQuality;
  present: string[];
  violations: string[];
  /** For each principle present and violation: the exact phrases of the draft that show it. */
  spans: Record<string, string[]>;
  draft: string;
  source: SourceRef;
}
