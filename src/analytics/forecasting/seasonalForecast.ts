/**
 * Seasonal forecast, our own and fast: MSTL (our `mstl`, non-robust) splits the series into one seasonal
 * component per period and a seasonally adjusted rest; the rest is forecast by exponential smoothing with a
 * damped trend (our `holtWinters` without season, α β φ fitted), so it starts from the current adjusted level
 * and slope and flattens out; each seasonal component's last cycle is repeated on top (the scheme of R's
 * `forecast::stlf`). For positive series the decomposition runs on the log scale (multiplicative seasons:
 * a busy hour is busier in a busy week), which on M4 hourly data lowered the error (EVALUATION.md).
 *
 * Interval: the exponential-smoothing interval of the adjusted series, shifted by the seasonal components
 * (and transformed back from the log scale); the seasonal shape is taken as known.
 *
 * Reuse: the result's `state` (one cycle of each seasonal component by phase, the scale, and the smoothing
 * parameters) can be passed back as `state` on a later call for the same series: the decomposition and the
 * parameter fit are skipped, the adjusted rest is the series minus those cycles, and only the smoothing runs
 * (a few hundred microseconds instead of tens of milliseconds on 10,000 points). Phases count from `start`, the
 * absolute step index of y[0], so the cycles line up when the series has moved on. `smoothing` alone skips
 * only the parameter fit.
 *
 * NaN policy: gaps are filled first (`interpolateGaps`). Periods without two full cycles are dropped; none
 * left throws a RangeError. The input is never mutated.
 */
import { mstl } from '../decomposition/mstl';
import type { ForecastResult } from './forecastResult';
import { holtWinters } from './holtWinters';
import { interpolateGaps } from '../stats/interpolateGaps';

export interface SeasonalForecastOptions {
  /** Season lengths in steps (integers ≥ 2). Required. */
  periods: number[];
  /** Steps ahead. Default: the longest period. */
  horizon?: number;
  /** Interval coverage. Default 0.95. */
  level?: number;
  /**
   * Seasons that scale with the level (decomposed on the log scale, forecast transformed back: the point is
   * then the forecast median). Default 'auto': when every value is > 0. `true` throws on values ≤ 0.
   */
  multiplicative?: boolean | 'auto';
  /** Absolute step index of y[0] (e.g. its timestamp divided by the step), for the phase of `state`. Default 0. */
  start?: number;
  /** A state from an earlier call on the same series: skip the decomposition and the parameter fit. */
  state?: SeasonalState;
  /** Smoothing parameters of the adjusted rest to use instead of fitting them. */
  smoothing?: SeasonalSmoothing;
}

/** Damped-trend smoothing parameters of the adjusted rest (Holt–Winters form, see holtWinters). */
export interface SeasonalSmoothing {
  alpha: number;
  beta: number;
  phi: number;
}

/** What a refit needs to skip the decomposition and the parameter fit. */
export interface SeasonalState {
  periods: number[];
  multiplicative: boolean;
  /** Per period p, one cycle of its seasonal component: entry j belongs to absolute index ≡ j (mod p). */
  profiles: Float64Array[];
  smoothing: SeasonalSmoothing;
}

export interface SeasonalForecastResult extends ForecastResult {
  /** Periods used (those with two full cycles), ascending. */
  periods: number[];
  /** Whether the seasons were taken as multiplicative (log scale). */
  multiplicative: boolean;
  state: SeasonalState;
}

/**
 * Adjusted points the smoothing runs over (and fits its parameters on). 500 instead of 1,000 halved the
 * parameter fit, the largest cost of a seasonal forecast, and left the M4 hourly holdout unchanged (EVALUATION.md).
 */
const SMOOTHED = 500;

/** Non-negative remainder of a modulo p. */
function phase(i: number, p: number): number {
  return ((i % p) + p) % p;
}

/** s minus its trailing mean over one cycle (the first cycle uses the first full cycle's mean). */
function centreCycles(s: Float64Array, p: number): Float64Array {
  const out = new Float64Array(s.length);
  let sum = 0;
  for (let i = 0; i < p; i++) {
    sum += s[i];
  }
  for (let i = 0; i < s.length; i++) {
    if (i >= p) {
      sum += s[i] - s[i - p];
    }
    out[i] = s[i] - sum / p;
  }
  return out;
}

export function seasonalForecast(y: ArrayLike<number>, options: SeasonalForecastOptions): SeasonalForecastResult {
  const n = y.length;
  const reuse = options.state;
  const usable = (reuse ? reuse.periods : [...options.periods])
    .filter((p) => Number.isInteger(p) && p >= 2 && n >= 2 * p)
    .sort((a, b) => a - b);
  if (usable.length === 0 || (reuse && usable.length !== reuse.periods.length)) {
    throw new RangeError(
      `seasonalForecast: no period with two full cycles in ${n} points (periods ${options.periods.join(', ')})`
    );
  }
  const horizon = options.horizon ?? usable[usable.length - 1];
  const level = options.level ?? 0.95;
  const start = options.start ?? 0;
  if (!Number.isInteger(horizon) || horizon < 1) {
    throw new RangeError(`seasonalForecast: horizon must be a positive integer, got ${horizon}`);
  }
  // Bounded cost: the decomposition sees at most the last max(4 longest cycles, 2,000) points and the smoothing
  // the last SMOOTHED adjusted points; older data says little about the next cycles. A reuse needs only the latter.
  const tail = Math.min(n, reuse ? SMOOTHED : Math.max(4 * usable[usable.length - 1], 2000));
  const first = start + n - tail;
  const { values: raw } = interpolateGaps(Array.prototype.slice.call(y, n - tail) as number[]);
  const useLog = reuse
    ? reuse.multiplicative
    : (options.multiplicative ?? 'auto') === 'auto'
      ? raw.every((v) => v > 0)
      : options.multiplicative === true;
  if (useLog && !raw.every((v) => v > 0)) {
    throw new RangeError('seasonalForecast: multiplicative seasons need strictly positive values');
  }
  const values = useLog ? raw.map(Math.log) : raw;
  const m = values.length;
  const smoothFrom = Math.max(0, m - SMOOTHED);
  const adjusted = values.slice(smoothFrom);
  let profiles: Float64Array[];
  if (reuse) {
    profiles = reuse.profiles;
    usable.forEach((p, k) => {
      for (let i = smoothFrom; i < m; i++) {
        adjusted[i - smoothFrom] -= profiles[k][phase(first + i, p)];
      }
    });
  } else {
    const d = mstl(values, { periods: usable });
    // Each seasonal component is centred on its trailing one-cycle mean: STL lets part of a level shift leak
    // into the seasonal component, and what leaks must stay in the adjusted level rather than be repeated.
    const seasonals = d.seasonals.map((s, k) => centreCycles(s, d.periods[k]));
    for (const s of seasonals) {
      for (let i = smoothFrom; i < m; i++) {
        adjusted[i - smoothFrom] -= s[i];
      }
    }
    profiles = d.periods.map((p, k) => {
      const profile = new Float64Array(p);
      for (let i = m - p; i < m; i++) {
        profile[phase(first + i, p)] = seasonals[k][i];
      }
      return profile;
    });
  }
  const fixed = reuse?.smoothing ?? options.smoothing;
  const hw = holtWinters(adjusted, {
    period: 1,
    trend: 'add',
    damped: true,
    seasonal: 'none',
    horizon,
    level,
    ...(fixed ? { alpha: fixed.alpha, beta: fixed.beta, phi: fixed.phi } : {}),
  });
  const point = Float64Array.from(hw.forecast);
  const lower = Float64Array.from(hw.lower);
  const upper = Float64Array.from(hw.upper);
  usable.forEach((p, k) => {
    for (let h = 1; h <= horizon; h++) {
      const v = profiles[k][phase(first + m - 1 + h, p)];
      point[h - 1] += v;
      lower[h - 1] += v;
      upper[h - 1] += v;
    }
  });
  if (useLog) {
    for (let h = 0; h < horizon; h++) {
      point[h] = Math.exp(point[h]);
      lower[h] = Math.exp(lower[h]);
      upper[h] = Math.exp(upper[h]);
    }
  }
  const smoothing = { alpha: hw.params.alpha, beta: hw.params.beta, phi: hw.params.phi };
  return {
    point,
    lower,
    upper,
    level,
    periods: usable,
    multiplicative: useLog,
    state: { periods: usable, multiplicative: useLog, profiles, smoothing },
  };
}
