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
  const order: number[] = [];
  for (let i = 0; i < n; i++) {
    if (values[i] === values[i]) {
      order.push(i);
    } else {
      out[i] = NaN;
    }
  }
  // Stable index tiebreak keeps the result deterministic (ties get the same average anyway).
  order.sort((a, b) => values[a] - values[b] || a - b);
  const m = order.length;
  let i = 0;
  while (i < m) {
    let j = i + 1;
    const v = values[order[i]];
    while (j < m && values[order[j]] === v) {
      j++;
    }
    // Positions i..j−1 (0-based) share ranks i+1..j, whose mean is (i + 1 + j) / 2.
    const r = (i + 1 + j) / 2;
    for (let k = i; k < j; k++) {
      out[order[k]] = r;
    }
    i = j;
  }
  return out;
}
