/**
 * Robust linear-trend forecast: Theil–Sen slope (median of pairwise slopes; Theil 1950, Sen 1968, JASA 63)
 * with Conover's intercept median(y) − slope·median(x) (Conover 1980, as `scipy.stats.theilslopes`), so
 * up to 29% of outliers cannot tilt the line. Our own: augurs has no robust regression.
 *
 * Intervals (approximation, documented): point ± z·σ·√(1 + 1/m + (x − x̄)²/Sxx), the ordinary least-squares
 * prediction-interval shape with σ = 1.4826·MAD of the residuals (robust for the noise scale) instead of the
 * residual standard error; m = number of finite points. It is not exact for Theil–Sen, and assumes
 * independent, roughly normal noise around a straight line.
 *
 * Cost: all m(m−1)/2 pairs up to `maxPoints` finite points (default 1500, ~1.1 M slopes); longer series are
 * thinned to every ⌈m/maxPoints⌉-th finite point for the slope (the intercept and σ use all points).
 *
 * NaN policy: NaN points are skipped (x stays the index, so gaps keep their place in time). Fewer than 2
 * finite values throws a RangeError. A constant series gives slope 0 and zero-width intervals.
 */
import { mad, median } from '../stats';
import type { ForecastResult } from './forecastResult';
import { normalQuantile } from './normalQuantile';

export interface LinearForecastOptions {
  /** Steps ahead. Default 10. */
  horizon?: number;
  /** Interval coverage. Default 0.95. */
  level?: number;
  /** Pairwise-slope budget (see header). Default 1500. */
  maxPoints?: number;
}

export interface LinearForecastResult extends ForecastResult {
  slope: number;
  /** Value of the line at index 0. */
  intercept: number;
  /** Robust residual scale 1.4826·MAD. */
  sigma: number;
  /** In-sample line values (length n). */
  fitted: Float64Array;
}

export function linearForecast(y: ArrayLike<number>, options: LinearForecastOptions = {}): LinearForecastResult {
  const horizon = options.horizon ?? 10;
  const level = options.level ?? 0.95;
  const maxPoints = options.maxPoints ?? 1500;
  if (!Number.isInteger(horizon) || horizon < 1) {
    throw new RangeError(`linearForecast: horizon must be a positive integer, got ${horizon}`);
  }
  if (!(level > 0 && level < 1)) {
    throw new RangeError(`linearForecast: level must lie in (0, 1), got ${level}`);
  }
  const n = y.length;
  const xs: number[] = [];
  const ys: number[] = [];
  for (let i = 0; i < n; i++) {
    if (y[i] === y[i]) {
      xs.push(i);
      ys.push(y[i]);
    }
  }
  const m = xs.length;
  if (m < 2) {
    throw new RangeError(`linearForecast: needs at least 2 finite values, got ${m}`);
  }
  const stride = Math.ceil(m / maxPoints);
  const sx: number[] = [];
  const sy: number[] = [];
  for (let i = 0; i < m; i += stride) {
    sx.push(xs[i]);
    sy.push(ys[i]);
  }
  const k = sx.length;
  const slopes = new Float64Array((k * (k - 1)) / 2);
  let c = 0;
  for (let i = 0; i < k; i++) {
    for (let j = i + 1; j < k; j++) {
      slopes[c++] = (sy[j] - sy[i]) / (sx[j] - sx[i]);
    }
  }
  const slope = median(slopes);
  const intercept = median(ys) - slope * median(xs);
  const residuals = new Float64Array(m);
  let xMean = 0;
  for (let i = 0; i < m; i++) {
    residuals[i] = ys[i] - (intercept + slope * xs[i]);
    xMean += xs[i] / m;
  }
  let sxx = 0;
  for (let i = 0; i < m; i++) {
    sxx += (xs[i] - xMean) ** 2;
  }
  const sigma = mad(residuals);
  const z = normalQuantile((1 + level) / 2);
  const point = new Float64Array(horizon);
  const lower = new Float64Array(horizon);
  const upper = new Float64Array(horizon);
  for (let h = 1; h <= horizon; h++) {
    const x = n - 1 + h;
    point[h - 1] = intercept + slope * x;
    const half = z * sigma * Math.sqrt(1 + 1 / m + (x - xMean) ** 2 / sxx);
    lower[h - 1] = point[h - 1] - half;
    upper[h - 1] = point[h - 1] + half;
  }
  const fitted = Float64Array.from({ length: n }, (_, i) => intercept + slope * i);
  return { point, lower, upper, level, slope, intercept, sigma, fitted };
}
