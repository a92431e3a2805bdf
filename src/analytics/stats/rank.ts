/**
 * Ranks with ties given their average rank (1-based), as R's `rank(ties.method = "average")` and
 * `scipy.stats.rankdata(method="average")`; the ranks Spearman's correlation is built on. Our own.
 *
 * NaN policy: NaN values get rank NaN and are not counted, so the other values are ranked 1..m among
 * the m non-NaN values (R's `na.last = "keep"`). The input is never mutated. O(n log n).
 */
export function rank(values: ArrayLike<number>): Float64Array {
  const n = values.length;
  const out = new Float64Array(n);
  // Native numeric sort of a typed copy (much faster than an index sort with a comparator), then each
  // value's run of equal values [lo, hi) in the sorted copy gives its average rank (lo + 1 + hi) / 2.
  const sorted = new Float64Array(n);
  let m = 0;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (v === v) {
      sorted[m++] = v;
    }
  }
  const s = sorted.subarray(0, m).sort();
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (v !== v) {
      out[i] = NaN;
      continue;
    }
    let lo = 0;
    let hi = m;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (s[mid] < v) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    const first = lo;
    hi = m;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (s[mid] <= v) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    out[i] = (first + 1 + lo) / 2;
  }
  return out;
}
