/**
 * Seasonal naive forecast: each step repeats the value one season earlier, ŷₙ₊ₕ = yₙ₊ₕ₋ₘ·⌈h/m⌉ (the M4
 * competition's "sNaive" benchmark; Hyndman & Athanasopoulos, "Forecasting: Principles and Practice", §5.2).
 * With `cycles` k > 1 it is the seasonal mean: each step is the mean of the values at the same position of the
 * last k seasons, which keeps the shape of the season but averages out one unusual day or week.
 *
 * Interval: point ± z·σ·√(⌊(h − 1)/m⌋ + 1), the seasonal-random-walk interval of the same book (§5.5), with σ
 * the robust scale (1.4826·MAD) of the one-season-ahead errors of the same rule on the history (for k = 1 the
 * seasonal differences yₜ − yₜ₋ₘ).
 *
 * NaN policy: gaps are filled first (`interpolateGaps`). Fewer than k seasons plus one point, or no finite
 * value, throws a RangeError. The input is never mutated.
 */
import { mad } from '../stats';
import type { ForecastResult } from './forecastResult';
import { interpolateGaps } from '../stats/interpolateGaps';
import { normalQuantile } from './normalQuantile';

export interface SeasonalNaiveForecastOptions {
  /** Season length in steps (integer ≥ 1). Required. */
  period: number;
  /** Steps ahead. Default: one season. */
  horizon?: number;
  /** Interval coverage. Default 0.95. */
  level?: number;
  /** Seasons averaged (integer ≥ 1). Default 1 (seasonal naive). */
  cycles?: number;
}

export function seasonalNaiveForecast(y: ArrayLike<number>, options: SeasonalNaiveForecastOptions): ForecastResult {
  const period = options.period;
  const horizon = options.horizon ?? period;
  const level = options.level ?? 0.95;
  const cycles = options.cycles ?? 1;
  const n = y.length;
  if (!Number.isInteger(cycles) || cycles < 1) {
    throw new RangeError(`seasonalNaiveForecast: cycles must be a positive integer, got ${cycles}`);
  }
  if (!Number.isInteger(period) || period < 1) {
    throw new RangeError(`seasonalNaiveForecast: period must be a positive integer, got ${period}`);
  }
  if (!Number.isInteger(horizon) || horizon < 1) {
    throw new RangeError(`seasonalNaiveForecast: horizon must be a positive integer, got ${horizon}`);
  }
  if (!(level > 0 && level < 1)) {
    throw new RangeError(`seasonalNaiveForecast: level must lie in (0, 1), got ${level}`);
  }
  const span = cycles * period;
  if (n < span + 1) {
    throw new RangeError(
      `seasonalNaiveForecast: needs more than ${cycles} season${cycles > 1 ? 's' : ''} (${span} points), got ${n}`
    );
  }
  const { values } = interpolateGaps(y);
  /** Mean of the values k·period before t, k = 1…cycles. */
  const meanBefore = (t: number): number => {
    let sum = 0;
    for (let k = 1; k <= cycles; k++) {
      sum += values[t - k * period];
    }
    return sum / cycles;
  };
  const errors = new Float64Array(n - span);
  for (let t = span; t < n; t++) {
    errors[t - span] = values[t] - meanBefore(t);
  }
  const sigma = mad(errors);
  const z = normalQuantile((1 + level) / 2);
  const point = new Float64Array(horizon);
  const lower = new Float64Array(horizon);
  const upper = new Float64Array(horizon);
  for (let h = 1; h <= horizon; h++) {
    const p = meanBefore(n + ((h - 1) % period));
    const half = z * sigma * Math.sqrt(Math.floor((h - 1) / period) + 1);
    point[h - 1] = p;
    lower[h - 1] = p - half;
    upper[h - 1] = p + half;
  }
  return { point, lower, upper, level };
}
