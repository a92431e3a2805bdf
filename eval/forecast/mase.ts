/**
 * Mean absolute scaled error as defined for M4 (Makridakis et al. 2020, eq. 2; Hyndman & Koehler 2006):
 *   MASE = (1/h) Σₜ |yₜ − ŷₜ|  /  ( 1/(n − m) · Σₜ₌ₘ₊₁..ₙ |yₜ − yₜ₋ₘ| ),
 * scaled by the in-sample mean absolute error of the seasonal naive forecast with period m (m = 24 for hourly).
 * Throws when the training series is not longer than m; returns Infinity when the scale is 0 (a constant
 * seasonal series) and the forecast is wrong, and 0 when both are 0.
 */
export function maseScale(insample: ArrayLike<number>, period: number): number {
  const n = insample.length;
  if (!(period >= 1) || n <= period) {
    throw new Error(`mase: the training series (${n}) must be longer than the period (${period})`);
  }
  let sum = 0;
  for (let t = period; t < n; t++) {
    sum += Math.abs(insample[t] - insample[t - period]);
  }
  return sum / (n - period);
}

export function mase(
  insample: ArrayLike<number>,
  actual: ArrayLike<number>,
  forecast: ArrayLike<number>,
  period: number
): number {
  if (actual.length !== forecast.length || actual.length === 0) {
    throw new Error(`mase: need equal, non-zero lengths (got ${actual.length} and ${forecast.length})`);
  }
  const scale = maseScale(insample, period);
  let mae = 0;
  for (let t = 0; t < actual.length; t++) {
    mae += Math.abs(actual[t] - forecast[t]);
  }
  mae /= actual.length;
  return scale === 0 ? (mae === 0 ? 0 : Infinity) : mae / scale;
}
