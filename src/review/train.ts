// Training the review's classifiers from the labelled drafts (content/reviews/*.jsonl): one model per
// principle or violation id, over the sentences of the drafts of every situation whose grid has that id.
// A sentence is a positive example when it overlaps a phrase the draft's labels give for the id; the
// grids' own suggestions are positive examples too, so a new id is never learned from nothing.
import type { Lang, Localized } from '../content/model.js';
import type { LabelledDraft, ReviewGrid } from '../content/review-model.js';
import { LogisticModel, type Example, type TrainOptions, DEFAULT_TRAIN_OPTIONS } from './classifier.js';
import { sentenceFeatures } from './features.js';
import { layoutOf } from './layout.js';

/** A labelled draft read once: its sentences' features and offsets. */
interface ReadDraft {
  draft: LabelledDraft;
  sentences: { start: number; end: number; features: string[] }[];
}

function read(drafts: LabelledDraft[]): ReadDraft[] {
  return drafts.map((d) => {
    const layout = layoutOf(d.draft);
    return { draft: d, sentences: layout.sentences.map((s) => ({ start: s.start, end: s.end, features: sentenceFeatures(layout, s) })) };
  });
}

/** The sentences of labelled drafts as examples for one id. */
export function examplesFor(id: string, drafts: LabelledDraft[] | ReadDraft[], grids: Localized<ReviewGrid>[]): Example[] {
  const readDrafts = drafts.length && 'sentences' in drafts[0]! ? (drafts as ReadDraft[]) : read(drafts as LabelledDraft[]);
  const situations = new Set(grids.filter((g) => [...g.fr.principles, ...g.fr.violations].some((x) => x.id === id)).map((g) => g.id));
  const examples: Example[] = [];
  for (const { draft: d, sentences } of readDrafts) {
    if (!situations.has(d.situation)) continue;
    const ranges = (d.spans[id] ?? []).flatMap((span) => occurrences(d.draft, span));
    for (const s of sentences) {
      const positive = ranges.some(([a, b]) => s.start < b && a < s.end);
      examples.push({ features: s.features, positive });
    }
  }
  for (const g of grids) {
    if (!situations.has(g.id)) continue;
    for (const lang of ['fr', 'en'] as Lang[]) {
      const item = [...g[lang].principles, ...g[lang].violations].find((x) => x.id === id);
      const suggestion = item && 'suggestion' in item ? item.suggestion : undefined;
      if (suggestion) {
        const layout = layoutOf(suggestion.replace(/\{name\}/g, ''));
        for (const s of layout.sentences) examples.push({ features: sentenceFeatures(layout, s), positive: true, weight: 0.5 });
      }
      // The grid's own good phrasings (suggestions and rewrites, without blanks) show no violation.
      if (item && !('suggestion' in item)) {
        for (const text of goodPhrasings(g[lang])) {
          const layout = layoutOf(text.replace(/\{name\}/g, ''));
          for (const s of layout.sentences) if (!s.placeholder) examples.push({ features: sentenceFeatures(layout, s), positive: false, weight: 0.5 });
        }
      }
    }
  }
  return examples;
}

/** A grid's suggestions and rewrites: how the course says it, so no violation. */
export function goodPhrasings(grid: ReviewGrid): string[] {
  return [
    ...grid.principles.flatMap((p) => [p.suggestion, p.suggestionTu]),
    ...grid.violations.flatMap((v) => [v.rewrite, v.rewriteTu, ...v.rewrites.map((r) => r.rewrite)]),
  ].filter((t): t is string => Boolean(t));
}

function occurrences(text: string, span: string): [number, number][] {
  const out: [number, number][] = [];
  for (let at = text.indexOf(span); at >= 0; at = text.indexOf(span, at + 1)) out.push([at, at + span.length]);
  return out;
}

/** One model per id of the grids, trained on the drafts (empty when there are no drafts). */
export function trainModels(grids: Localized<ReviewGrid>[], drafts: LabelledDraft[], options: TrainOptions = DEFAULT_TRAIN_OPTIONS): Map<string, LogisticModel> {
  const models = new Map<string, LogisticModel>();
  if (drafts.length === 0) return models;
  const ids = new Set(grids.flatMap((g) => [...g.fr.principles, ...g.fr.violations].map((x) => x.id)));
  const readDrafts = read(drafts);
  for (const id of ids) {
    const examples = examplesFor(id, readDrafts, grids);
    if (examples.some((e) => e.positive && e.weight === undefined)) models.set(id, LogisticModel.train(examples, options));
  }
  return models;
}
