/**
 * Ranks with ties given their average rank (1-based), as R's `rank(ties.method = "average")` and
 * `scipy.stats.rankdata(method="average")`; the ranks Spearman's correlation is built on. Our own.
 *
 * NaN policy: NaN values get rank NaN and are not counted, so the other values are ranked 1..m among
 * the m non-NaN values (R's `na.last = "keep"`). The input is never mutated. O(n log n) via `argsortInto`.
 */
import { argsortInto } from './argsortInto';

export function rank(values: ArrayLike<number>): Float64Array {
  const n = values.length;
  const out = new Float64Array(n);
  const order = new Uint32Array(n);
  const m = argsortInto(values, n, order, new Uint32Array(n));
  for (let i = 0; i < n; i++) {
    if (values[i] !== values[i]) {
      out[i] = NaN;
    }
  }
  // Runs of equal values share the average of their 1-based positions.
  let i = 0;
  while (i < m) {
    let j = i + 1;
    const v = values[order[i]];
    while (j < m && values[order[j]] === v) {
      j++;
    }
    const r = (i + 1 + j) / 2;
    for (let k = i; k < j; k++) {
      out[order[k]] = r;
    }
    i = j;
  }
  return out;
}
