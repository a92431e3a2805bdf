/**
 * Spearman's rank correlation: Pearson's r of the average-tie ranks (Spearman 1904), as
 * `scipy.stats.spearmanr`. Our own, built on `rank` and `pearson` from stats/.
 *
 * NaN policy: pairwise-complete (pairs with a NaN are dropped before ranking, like
 * `spearmanr(nan_policy="omit")` on paired data); fewer than 2 pairs or a constant side gives NaN.
 * Different lengths are a RangeError. Inputs are never mutated.
 */
import { pearson } from '../stats/pearson';
import { rank } from '../stats/rank';

export function spearman(x: ArrayLike<number>, y: ArrayLike<number>): number {
  const n = x.length;
  if (y.length !== n) {
    throw new RangeError(`spearman: series lengths differ (${n} vs ${y.length})`);
  }
  const xs: number[] = [];
  const ys: number[] = [];
  for (let i = 0; i < n; i++) {
    if (x[i] === x[i] && y[i] === y[i]) {
      xs.push(x[i]);
      ys.push(y[i]);
    }
  }
  return xs.length < 2 ? NaN : pearson(rank(xs), rank(ys));
}
