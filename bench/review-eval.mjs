// Figures of the draft review, shared by bench/review.mjs (the frozen evaluation drafts) and
// bench/review-dev.mjs (cross-validation on the training drafts, the only set tuning reads).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadLibrary } from '../dist/app/build-coach.js';
import { DraftReviewer } from '../dist/review/reviewer.js';

export const root = new URL('..', import.meta.url).pathname;
export const QUALITY_RANK = { poor: 0, fair: 1, good: 2, excellent: 3 };

export function library() {
  return loadLibrary(join(root, 'content'));
}

/** Labelled drafts from a JSONL file (same shape as content/reviews/*.jsonl). */
export function loadDrafts(path) {
  return readFileSync(path, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l));
}

/** Reviews every draft with its labelled situation and language. */
export function reviewAll(reviewer, drafts) {
  return drafts.map((d) => ({ d, r: reviewer.review(d.draft, d.situation, d.lang) }));
}

/** Precision, recall, F1 per situation and id; macro averages for principles and violations. */
export function labelFigures(lib, results) {
  const rows = [];
  for (const pair of lib.reviews) {
    const mine = results.filter((x) => x.d.situation === pair.id);
    if (!mine.length) continue;
    for (const [kind, items] of [['principle', pair.en.principles], ['violation', pair.en.violations]]) {
      for (const item of items) {
        let tp = 0, fp = 0, fn = 0;
        for (const { d, r } of mine) {
          const truth = (kind === 'principle' ? d.present : d.violations).includes(item.id);
          const said = (kind === 'principle' ? r.present : r.violations).includes(item.id);
          if (truth && said) tp++;
          else if (said) fp++;
          else if (truth) fn++;
        }
        const p = tp + fp ? tp / (tp + fp) : 1;
        const rcl = tp + fn ? tp / (tp + fn) : 1;
        const f1 = p + rcl ? (2 * p * rcl) / (p + rcl) : 0;
        rows.push({ situation: pair.id, kind, id: item.id, tp, fp, fn, support: tp + fn, p, r: rcl, f1 });
      }
    }
  }
  const macro = (kind) => {
    const xs = rows.filter((x) => x.kind === kind);
    return xs.reduce((s, x) => s + x.f1, 0) / xs.length;
  };
  return { rows, macroPrinciples: macro('principle'), macroViolations: macro('violation') };
}

/** Share of pairs of drafts (same situation, different labelled quality) the score orders right; ties count half. */
export function pairwise(results) {
  let right = 0, total = 0, ties = 0;
  for (let i = 0; i < results.length; i++) {
    for (let j = i + 1; j < results.length; j++) {
      const a = results[i], b = results[j];
      if (a.d.situation !== b.d.situation) continue;
      const qa = QUALITY_RANK[a.d.quality], qb = QUALITY_RANK[b.d.quality];
      if (qa === qb) continue;
      total++;
      const ds = (a.r.score - b.r.score) * Math.sign(qa - qb);
      if (ds > 0) right++;
      else if (ds === 0) { right += 0.5; ties++; }
    }
  }
  return { value: total ? right / total : 1, pairs: total, ties };
}

/** Excellent drafts the review flags with any violation. */
export function excellentFlagged(results) {
  const excellent = results.filter((x) => x.d.quality === 'excellent');
  const flagged = excellent.filter((x) => x.r.violations.length > 0);
  return { flagged: flagged.length, total: excellent.length, drafts: flagged };
}

/** Remarks on a correctly found label whose quoted phrase overlaps one of the labelled phrases. */
export function phraseAccuracy(results) {
  let right = 0, total = 0;
  for (const { d, r } of results) {
    for (const remark of r.remarks) {
      if (remark.kind === 'missing') continue;
      const spans = d.spans[remark.id];
      if (!spans) continue;
      total++;
      const hit = spans.some((span) => {
        for (let at = d.draft.indexOf(span); at >= 0; at = d.draft.indexOf(span, at + 1)) if (remark.start < at + span.length && at < remark.end) return true;
        return false;
      });
      if (hit) right++;
    }
  }
  return { right, total };
}

/** Scores by labelled quality: mean and range. */
export function scoresByQuality(results) {
  const out = {};
  for (const q of Object.keys(QUALITY_RANK)) {
    const s = results.filter((x) => x.d.quality === q).map((x) => x.r.score);
    if (s.length) out[q] = { n: s.length, mean: s.reduce((a, b) => a + b, 0) / s.length, min: Math.min(...s), max: Math.max(...s) };
  }
  return out;
}

export const pct = (x) => `${(100 * x).toFixed(1)} %`;

export function printLabelTable(figures) {
  console.log('situation       kind       id                  support  precision  recall   F1');
  for (const x of figures.rows) {
    console.log(`${x.situation.padEnd(15)} ${x.kind.padEnd(10)} ${x.id.padEnd(19)} ${String(x.support).padStart(7)}  ${pct(x.p).padStart(9)}  ${pct(x.r).padStart(7)}  ${x.f1.toFixed(2)}`);
  }
}

/** A new reviewer on the library with these drafts (for cross-validation), trained now. */
export function reviewerWith(lib, drafts, router) {
  const reviewer = new DraftReviewer({ ...lib, drafts }, router);
  reviewer.trained();
  return reviewer;
}
