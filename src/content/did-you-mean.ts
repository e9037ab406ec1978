// "Did you mean" for a mistyped id or title in content: the nearest known one within a couple of typos
// (optimal string alignment distance: insert, delete, replace, swap two neighbours; on folded text, so
// accents and case do not count), or nothing. Our own few lines: natural's DamerauLevenshteinDistance
// answered 0 for "corige" / "corrige" (8.1.1), which would hide the very typos we look for.
import { foldKey } from '../text/fold.js';

/** Edits (insert, delete, replace, swap of neighbours) from `a` to `b`. */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[a.length]![b.length]!;
}

/**
 * The candidate closest to `typed`, when at most 2 edits away (1 for words of 4 letters or fewer) and not
 * equal to it once folded; null otherwise. Ties go to the first candidate given.
 */
export function closest(typed: string, candidates: Iterable<string>): string | null {
  const key = foldKey(typed);
  const limit = key.length <= 4 ? 1 : 2;
  let best: { candidate: string; distance: number } | null = null;
  for (const candidate of candidates) {
    const distance = editDistance(key, foldKey(candidate));
    if (distance === 0 || distance > limit) continue;
    if (!best || distance < best.distance) best = { candidate, distance };
  }
  return best?.candidate ?? null;
}

/** ` Did you mean "X"?` for the closest candidate, or an empty string (to append to a message). */
export function didYouMean(typed: string, candidates: Iterable<string>): string {
  const found = closest(typed, candidates);
  return found ? ` Did you mean "${found}"?` : '';
}
