/** Naive full-sort references the selection-based statistics are checked against in tests. */
export function sortedFinite(values: ArrayLike<number>): number[] {
  return Array.from(values)
    .filter((v) => !Number.isNaN(v))
    .sort((a, b) => a - b);
}

/** Type-7 quantile from a full sort (Hyndman & Fan 1996). */
export function naiveQuantile(values: ArrayLike<number>, p: number): number {
  const s = sortedFinite(values);
  if (s.length === 0) {
    return NaN;
  }
  const h = (s.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, s.length - 1);
  return s[lo] + (h - lo) * (s[hi] - s[lo]);
}
