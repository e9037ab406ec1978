// "Did you mean" for a mistyped id or title in content: the nearest known one within a couple of typos
// (`editDistance` on folded text, so accents and case do not count), or nothing.
import { editDistance } from '../text/edit-distance.js';
import { foldKey } from '../text/fold.js';

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
