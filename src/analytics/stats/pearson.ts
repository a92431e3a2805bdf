/**
 * Pearson product-moment correlation. Our own, two-pass (means first, then centred sums), which avoids
 * the cancellation of the one-pass Σxy − n·x̄ȳ formula.
 *
 * NaN policy: pairwise-complete, like R's `cor(use = "pairwise.complete.obs")`: a pair is dropped when
 * either value is NaN. Fewer than 2 complete pairs, or zero variance in either series, gives NaN
 * (the correlation is undefined, not 0). Different lengths are a RangeError. Inputs are never mutated.
 */
export function pearson(x: ArrayLike<number>, y: ArrayLike<number>): number {
  const n = x.length;
  if (y.length !== n) {
    throw new RangeError(`pearson: series lengths differ (${n} vs ${y.length})`);
  }
  let count = 0;
  let sx = 0;
  let sy = 0;
  for (let i = 0; i < n; i++) {
    const a = x[i];
    const b = y[i];
    if (a === a && b === b) {
      count++;
      sx += a;
      sy += b;
    }
  }
  if (count < 2) {
    return NaN;
  }
  const mx = sx / count;
  const my = sy / count;
  let sxx = 0;
  let syy = 0;
  let sxy = 0;
  for (let i = 0; i < n; i++) {
    const a = x[i];
    const b = y[i];
    if (a === a && b === b) {
      const dx = a - mx;
      const dy = b - my;
      sxx += dx * dx;
      syy += dy * dy;
      sxy += dx * dy;
    }
  }
  if (sxx === 0 || syy === 0) {
    return NaN;
  }
  const r = sxy / Math.sqrt(sxx * syy);
  // Rounding can push |r| a hair past 1.
  return r > 1 ? 1 : r < -1 ? -1 : r;
}
