// The review as the rest of the coach uses it: the content's grids compiled once, the classifiers trained
// on first use from the labelled drafts, the situation guessed by the router when not given.
import type { Lang, Library } from '../content/model.js';
import { textLanguage } from '../core/language.js';
import type { RouteResult } from '../understanding/router.js';
import { compileGrid, reviewDraft, type CompiledGrid, type Review, type ReviewModels, type ReviewOptions } from './review.js';
import { trainModels } from './train.js';
import { rankSituations, SITUATION_DECISION, SituationModel } from './situation.js';

/** Longest draft reviewed (characters): a reply to a person, not a document. */
export const MAX_DRAFT_CHARS = 5000;

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
  private situationModel: SituationModel | null = null;

  constructor(private readonly library: Library, private readonly router?: Routes, models?: ReviewModels) {
    if (models) this.models = models;
  }

  /** The situations that have a review grid, in content order. */
  get situations(): string[] {
    return (this.library.reviews ?? []).map((r) => r.id);
  }

  has(situation: string): boolean {
    return (this.library.reviews ?? []).some((r) => r.id === situation);
  }

  /** Compiles the grids and trains the classifiers now rather than at the first review (about 1 s: 535 labelled drafts and sentences). */
  warm(): void {
    for (const id of this.situations) this.compiledGrid(id);
    this.trained();
    this.guess('warm up');
  }

  /** A situation's grid compiled for matching, on first use. */
  private compiledGrid(situation: string): CompiledGrid | undefined {
    let grid = this.compiled.get(situation);
    const pair = grid ? undefined : this.library.reviews?.find((r) => r.id === situation);
    if (pair) this.compiled.set(situation, (grid = compileGrid({ fr: pair.fr, en: pair.en })));
    return grid;
  }

  /** The grid of a situation in one language (names, whys), or undefined. */
  grid(situation: string, lang: Lang) {
    return this.library.reviews?.find((r) => r.id === situation)?.[lang];
  }

  /** The classifiers, trained on first use (most of the second that `warm` takes). */
  trained(): ReviewModels {
    this.models ??= trainModels(this.library.reviews ?? [], this.library.drafts ?? []);
    return this.models;
  }

  /**
   * Reviews a draft for a known situation. `lang` defaults to the draft's own language (then `fallback`).
   * Throws a RangeError for an unknown situation or a draft without words.
   */
  review(draft: string, situation: string, lang?: Lang, fallback: Lang = 'fr', options: ReviewOptions = {}): Review {
    const grid = this.compiledGrid(situation);
    if (!grid) throw new RangeError(`no review grid for "${situation}"`);
    return reviewDraft(grid, draft, lang ?? textLanguage(draft) ?? fallback, this.trained(), options);
  }

  /**
   * The draft's situation, from the router and the classifier of situations trained on the labelled
   * drafts (situation.ts); null, with every situation ranked, when the best one does not win clearly.
   */
  guess(draft: string): SituationGuess {
    const all = this.situations;
    this.situationModel ??= this.library.drafts?.length ? SituationModel.train(all, this.library.drafts) : null;
    const ranked = rankSituations(all, this.router ? this.router.route(draft) : null, this.situationModel, draft);
    const [first, second] = ranked;
    const candidates = ranked.map((r) => r.situation);
    if (first && first.score >= SITUATION_DECISION.score && first.score - (second?.score ?? 0) >= SITUATION_DECISION.margin) {
      return { situation: first.situation, candidates };
    }
    return { situation: null, candidates };
  }
}
