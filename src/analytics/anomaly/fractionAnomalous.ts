/**
 * Rolling share of flagged points over the last `window` points (ending at t, inclusive). Our own, O(n) with
 * a running count. Any non-zero flag counts as anomalous.
 *
 * NaN policy: NaN flags are "unknown" and leave both numerator and denominator; the fraction is over the
 * known points in the window, NaN when there are none. Before `window` points exist the window is shorter.
 */

export interface FractionAnomalousOptions {
  /** Points per window. Default 60. */
  window?: number;
}

export function fractionAnomalous(flags: ArrayLike<number>, options: FractionAnomalousOptions = {}): Float64Array {
  const window = options.window ?? 60;
  if (!Number.isInteger(window) || window < 1) {
    throw new RangeError(`fractionAnomalous: window must be a positive integer, got ${window}`);
  }
  const n = flags.length;
  const out = new Float64Array(n);
  let known = 0;
  let bad = 0;
  for (let t = 0; t < n; t++) {
    const f = flags[t];
    if (f === f) {
      known++;
      if (f !== 0) {
        bad++;
      }
    }
    if (t >= window) {
      const g = flags[t - window];
      if (g === g) {
        known--;
        if (g !== 0) {
          bad--;
        }
      }
    }
    out[t] = known > 0 ? bad / known : NaN;
  }
  return out;
}
