// The one competition ranking every board uses ("1, 1, 3"), in the store so that both backends' boards and
// the domain share it (the store never imports the domain).

/**
 * Competition ranking of a score among all scores (its own included): one plus the number of scores
 * strictly above it, by binary search on a sorted copy.
 */
export function ranker(scores: readonly number[]): (points: number) => number {
  const sorted = Float64Array.from(scores).sort(); // ascending
  return (points) => {
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (sorted[mid]! <= points) lo = mid + 1;
      else hi = mid;
    }
    return sorted.length - lo + 1; // those strictly above, plus one
  };
}
