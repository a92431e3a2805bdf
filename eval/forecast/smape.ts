/**
 * Symmetric MAPE as defined for the M4 competition (Makridakis, Spiliotis & Assimakopoulos 2020,
 * "The M4 Competition: 100,000 time series and 61 forecasting methods", IJF 36(1), eq. 1):
 *   sMAPE = (200/h) · Σₜ |yₜ − ŷₜ| / (|yₜ| + |ŷₜ|)   (percent).
 * A term with |yₜ| + |ŷₜ| = 0 (both zero: a perfect forecast) contributes 0. Lengths must match; NaN in
 * either input makes the result NaN (M4 has no gaps, so a NaN means a broken forecaster).
 */
export function smape(actual: ArrayLike<number>, forecast: ArrayLike<number>): number {
  if (actual.length !== forecast.length || actual.length === 0) {
    throw new Error(`smape: need equal, non-zero lengths (got ${actual.length} and ${forecast.length})`);
  }
  let sum = 0;
  for (let t = 0; t < actual.length; t++) {
    const denom = Math.abs(actual[t]) + Math.abs(forecast[t]);
    const err = Math.abs(actual[t] - forecast[t]);
    sum += denom === 0 ? (err === err ? 0 : NaN) : err / denom;
  }
  return (200 * sum) / actual.length;
}
