// How many typos apart two words are, for the content linter's "did you mean", the grader's one-typo
// evidence and the router's spelling fixes. Our own few lines: natural 8.1.1's DamerauLevenshteinDistance
// is not symmetric ("corige" → "corrige" 0, "corrige" → "corige" 1), which hid the very typos we look for.

/**
 * The optimal string alignment distance from `a` to `b`: the fewest inserts, deletes, replacements and
 * swaps of two neighbouring characters (UTF-16 units; fold first if case and accents should not count).
 * Symmetric; 0 only for equal strings.
 */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  if (a.length === 0 || b.length === 0) return a.length + b.length;
  // Three rows of the usual table: the one two above (for swaps), the one above and this one.
  let before = new Array<number>(b.length + 1).fill(0);
  let above = Array.from({ length: b.length + 1 }, (_, j) => j);
  let row = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(above[j]! + 1, row[j - 1]! + 1, above[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, before[j - 2]! + 1);
      row[j] = d;
    }
    [before, above, row] = [above, row, before];
  }
  return above[b.length]!;
}
