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
  // Copy the non-NaN values with their positions, then sort positions by value with a bottom-up merge
  // sort on typed arrays (stable, no comparator callbacks: several times faster than Array#sort here).
  const vals = new Float64Array(n);
  let idx = new Uint32Array(n);
  let m = 0;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (v === v) {
      vals[i] = v;
      idx[m++] = i;
    } else {
      out[i] = NaN;
    }
  }
  let tmp = new Uint32Array(m);
  // Runs of 8 by insertion sort first.
  const RUN = 8;
  for (let lo = 0; lo < m; lo += RUN) {
    const hi = Math.min(lo + RUN, m);
    for (let i = lo + 1; i < hi; i++) {
      const x = idx[i];
      const v = vals[x];
      let j = i - 1;
      while (j >= lo && vals[idx[j]] > v) {
        idx[j + 1] = idx[j];
        j--;
      }
      idx[j + 1] = x;
    }
  }
  for (let width = RUN; width < m; width *= 2) {
    for (let lo = 0; lo < m; lo += 2 * width) {
      const mid = Math.min(lo + width, m);
      const hi = Math.min(lo + 2 * width, m);
      let i = lo;
      let j = mid;
      let k = lo;
      while (i < mid && j < hi) {
        tmp[k++] = vals[idx[j]] < vals[idx[i]] ? idx[j++] : idx[i++];
      }
      while (i < mid) {
        tmp[k++] = idx[i++];
      }
      while (j < hi) {
        tmp[k++] = idx[j++];
      }
    }
    const t = idx;
    idx = tmp;
    tmp = t;
  }
  // Runs of equal values share the average of their 1-based positions.
  let i = 0;
  while (i < m) {
    let j = i + 1;
    const v = vals[idx[i]];
    while (j < m && vals[idx[j]] === v) {
      j++;
    }
    const r = (i + 1 + j) / 2;
    for (let k = i; k < j; k++) {
      out[idx[k]] = r;
    }
    i = j;
  }
  return out;
}
