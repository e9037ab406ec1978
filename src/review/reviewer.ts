// The review as the rest of the coach uses it: the content's grids compiled once, the classifiers trained
// on first use from the labelled drafts, the situation guessed by the router when not given.
import type { Lang, Library } from '../content/model.js';
import { textLanguage } from '../core/language.js';
import type { RouteResult } from '../understanding/router.js';
import { compileGrid, reviewDraft, type CompiledGrid, type Review, type ReviewModels, type ReviewOptions } from './review.js';
import { trainModels } from './train.js';

/** Longest draft reviewed (characters): a reply to a person, not a document. */
export const MAX_DRAFT_CHARS = 5000;

/** Router confidence from which its playbook is taken as the draft's situation without asking. */
export const SITUATION_CONFIDENCE = 0.4;

export type SituationGuess =
  | { situation: string; candidates: string[] }
  | { situation: null; candidates: string[] };

/** Anything with the router's public `route()` (the router is reworked elsewhere; only this is relied on). */
export interface Routes {
  route(text: string): RouteResult;
}

export class DraftReviewer {
  private readonly compiled = new Map<string, CompiledGrid>();
  private models: ReviewModels | null = null;

  constructor(private readonly library: Library, private readonly router?: Routes, models?: ReviewModels) {
    for (const pair of library.reviews ?? []) this.compiled.set(pair.id, compileGrid({ fr: pair.fr, en: pair.en }));
    if (models) this.models = models;
  }

  /** The situations that have a review grid, in content order. */
  get situations(): string[] {
    return [...this.compiled.keys()];
  }

  has(situation: string): boolean {
    return this.compiled.has(situation);
  }

  /** The grid of a situation in one language (names, whys), or undefined. */
  grid(situation: string, lang: Lang) {
    return this.library.reviews?.find((r) => r.id === situation)?.[lang];
  }

  /** The classifiers, trained on first use (about a hundred milliseconds for the shipped drafts). */
  trained(): ReviewModels {
    this.models ??= trainModels(this.library.reviews ?? [], this.library.drafts ?? []);
    return this.models;
  }

  /**
   * Reviews a draft for a known situation. `lang` defaults to the draft's own language (then `fallback`).
   * Throws a RangeError for an unknown situation or a draft without words.
   */
  review(draft: string, situation: string, lang?: Lang, fallback: Lang = 'fr', options: ReviewOptions = {}): Review {
    const grid = this.compiled.get(situation);
    if (!grid) throw new RangeError(`no review grid for "${situation}"`);
    return reviewDraft(grid, draft, lang ?? textLanguage(draft) ?? fallback, this.trained(), options);
  }

  /** The draft's situation as the router reads it, or null with the candidates worth offering. */
  guess(draft: string): SituationGuess {
    const all = this.situations;
    if (!this.router) return { situation: null, candidates: all };
    const result = this.router.route(draft);
    if (result.playbook && this.has(result.playbook) && result.confidence >= SITUATION_CONFIDENCE) {
      return { situation: result.playbook, candidates: [result.playbook] };
    }
    const likely = result.alternatives.filter((a) => a.score >= 0.2 && this.has(a.playbook)).map((a) => a.playbook);
    return { situation: null, candidates: likely.length ? [...likely, ...all.filter((s) => !likely.includes(s))] : all };
  }
}
