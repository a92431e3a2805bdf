/**
 * The data source's forecast: one call that picks a model, fits it and returns the forecast with its interval
 * and a plain statement of what was used. Every model starts from the series' current state (see each one's
 * header); `auto` chooses by out-of-sample error on the series' own recent past. See
 * docs/algorithms/forecasting.md.
 *
 * Models (`kind`):
 * - `trend`: trend from now (`recentTrendForecast`);
 * - `seasonal`: MSTL + exponential smoothing of the adjusted rest (`seasonalForecast`), with all seasons or
 *   with the shortest one only;
 * - `naive`: seasonal naive with one season (`seasonalNaiveForecast`);
 * - `median`: the point-wise median of seasonal naive with the shortest and the longest season and the
 *   seasonal model with all seasons (with one season: seasonal naive, seasonal model and trend). A median of
 *   three is not thrown by one member that is off; on M4 hourly data it beat every single model (EVALUATION.md).
 *
 * `auto`: every candidate is fitted on the series minus its last b points (b = min(horizon, ⌊n/4⌋)) and scored
 * by its mean absolute error on those b points; the best is refitted on the whole series. Without a usable
 * season only `trend` is a candidate.
 *
 * Interval calibration: on the same backtest, the chosen model's interval half-widths are compared with its
 * actual errors; when fewer than `level` of the errors fall inside, the interval is widened by the factor that
 * makes them fall inside (never narrowed, at most ×`maxWiden`).
 *
 * Non-negative series (every finite training value ≥ 0): the forecast and its interval are cut at 0.
 *
 * NaN policy: NaN are gaps (trend skips them, the seasonal models interpolate them). Fewer than 3 finite
 * values throws a RangeError. The input is never mutated.
 */
import { median, quantile } from '../stats';
import type { ForecastResult } from './forecastResult';
import { lastLevelShift } from './lastLevelShift';
import { recentTrendForecast } from './recentTrendForecast';
import { seasonalForecast } from './seasonalForecast';
import { seasonalNaiveForecast } from './seasonalNaiveForecast';
import { validateForecastInput } from './validateForecastInput';

export type ForecastKind = 'trend' | 'seasonal' | 'naive' | 'median';
export type ForecastModelRequest = 'auto' | 'linear' | 'seasonal';

/** A fitted model's identity: enough to refit the same model later without choosing again. */
export interface ForecastChoice {
  kind: ForecastKind;
  /** Season lengths (steps) the model uses; empty for `trend`. */
  periods: number[];
  /** Trend window (points) for `trend`. */
  window?: number;
  /** Interval widening factor found by the backtest (1 when none was needed). */
  widen: number;
}

export interface ForecastSeriesOptions {
  /** Steps ahead. Required. */
  horizon: number;
  /** Interval coverage. Default 0.95. */
  level?: number;
  /** 'auto' (default), 'linear' (trend from now) or 'seasonal' (all usable seasons). */
  model?: ForecastModelRequest;
  /** Season lengths in steps (e.g. [24, 168] for hourly data). Default none. */
  periods?: number[];
  /** A choice returned by an earlier call on the same series: refit it without the backtest. */
  reuse?: ForecastChoice;
  /** Largest interval widening. Default 4. */
  maxWiden?: number;
  /** Cut forecasts at 0. Default: when every finite value is ≥ 0. */
  nonNegative?: boolean;
  /**
   * Level-shift detection (`lastLevelShift`): train only on the data after the most recent shift, when at
   * least three windows of data follow it. Window: the shortest season (without one: n/20, at least 10
   * points). Default threshold 20 noise scales (chosen on the M4 hourly training part: lower thresholds cut
   * series whose "shifts" were ordinary variation and raised the error); `false` turns it off.
   */
  levelShift?: { threshold?: number } | false;
}

export interface ForecastSeriesResult extends ForecastResult {
  choice: ForecastChoice;
  /** How the model was chosen. */
  chosenBy: 'backtest' | 'request' | 'reuse' | 'only candidate';
  /** Mean absolute backtest error per candidate label (empty unless chosen by backtest). */
  backtest: Record<string, number>;
  /** Why the request could not be met as asked (e.g. a seasonal model without two seasons of data). */
  notices: string[];
  /** Index of the first point trained on (> 0 after a detected level shift). */
  trainedFrom: number;
}

function label(c: Omit<ForecastChoice, 'widen'>): string {
  return c.periods.length > 0 ? `${c.kind}(${c.periods.join('+')})` : c.kind;
}

function pointMedian(members: ForecastResult[], horizon: number, level: number): ForecastResult {
  const pick = (arrays: Float64Array[]): Float64Array =>
    Float64Array.from({ length: horizon }, (_, h) => median(arrays.map((a) => a[h])));
  return {
    point: pick(members.map((m) => m.point)),
    lower: pick(members.map((m) => m.lower)),
    upper: pick(members.map((m) => m.upper)),
    level,
  };
}

/**
 * Fits one model on `y` and forecasts `horizon` steps. `memo` (label → forecast on this same `y` and horizon)
 * lets the median reuse its members' forecasts when they were fitted as candidates already.
 */
function fit(
  y: ArrayLike<number>,
  c: Omit<ForecastChoice, 'widen'>,
  horizon: number,
  level: number,
  memo: Map<string, ForecastResult> = new Map()
): ForecastResult & { window?: number } {
  const key = label(c);
  const known = memo.get(key);
  if (known) {
    return known;
  }
  let f: ForecastResult & { window?: number };
  switch (c.kind) {
    case 'trend':
      f = recentTrendForecast(y, { horizon, level, window: c.window });
      break;
    case 'seasonal':
      f = seasonalForecast(y, { periods: c.periods, horizon, level });
      break;
    case 'naive':
      f = seasonalNaiveForecast(y, { period: c.periods[0], horizon, level });
      break;
    case 'median': {
      const shortest = c.periods[0];
      const longest = c.periods[c.periods.length - 1];
      const members: Array<Omit<ForecastChoice, 'widen'>> =
        c.periods.length > 1
          ? [
              { kind: 'naive', periods: [shortest] },
              { kind: 'naive', periods: [longest] },
              { kind: 'seasonal', periods: c.periods },
            ]
          : [
              { kind: 'naive', periods: [shortest] },
              { kind: 'seasonal', periods: c.periods },
              { kind: 'trend', periods: [] },
            ];
      f = pointMedian(
        members.map((m) => fit(y, m, horizon, level, memo)),
        horizon,
        level
      );
      break;
    }
  }
  memo.set(key, f);
  return f;
}

/** Candidate models for a series of n points with these seasons. */
function candidates(n: number, periods: number[]): Array<Omit<ForecastChoice, 'widen'>> {
  const usable = periods.filter((p) => Number.isInteger(p) && p >= 2 && n >= 2 * p).sort((a, b) => a - b);
  const out: Array<Omit<ForecastChoice, 'widen'>> = [{ kind: 'trend', periods: [] }];
  if (usable.length === 0) {
    return out;
  }
  out.push({ kind: 'seasonal', periods: usable });
  if (usable.length > 1) {
    out.push({ kind: 'seasonal', periods: [usable[0]] });
  }
  for (const p of usable) {
    out.push({ kind: 'naive', periods: [p] });
  }
  out.push({ kind: 'median', periods: usable });
  return out;
}

function meanAbsError(actual: ArrayLike<number>, from: number, forecast: Float64Array): number {
  let sum = 0;
  let count = 0;
  for (let h = 0; h < forecast.length; h++) {
    const a = actual[from + h];
    if (a === a) {
      sum += Math.abs(a - forecast[h]);
      count++;
    }
  }
  return count > 0 ? sum / count : NaN;
}

/** Smallest factor (≥ 1, ≤ maxWiden) by which the interval must widen to hold `level` of the backtest errors. */
function widening(actual: ArrayLike<number>, from: number, f: ForecastResult, maxWiden: number): number {
  const ratios: number[] = [];
  for (let h = 0; h < f.point.length; h++) {
    const a = actual[from + h];
    const half = (f.upper[h] - f.lower[h]) / 2;
    if (a === a && half === half) {
      ratios.push(half > 0 ? Math.abs(a - (f.upper[h] + f.lower[h]) / 2) / half : Infinity);
    }
  }
  if (ratios.length === 0) {
    return 1;
  }
  return Math.min(maxWiden, Math.max(1, quantile(ratios, f.level)));
}

function widen(f: ForecastResult, factor: number): void {
  if (factor === 1) {
    return;
  }
  for (let h = 0; h < f.point.length; h++) {
    const mid = (f.upper[h] + f.lower[h]) / 2;
    const half = ((f.upper[h] - f.lower[h]) / 2) * factor;
    f.lower[h] = mid - half;
    f.upper[h] = mid + half;
  }
}

/** Start of the data after the most recent level shift (0 when none or turned off). */
function shiftStart(y: ArrayLike<number>, options: ForecastSeriesOptions): number {
  if (options.levelShift === false) {
    return 0;
  }
  const n = y.length;
  const seasons = (options.periods ?? []).filter((p) => Number.isInteger(p) && p >= 2 && n >= 2 * p);
  const window = seasons.length > 0 ? Math.min(...seasons) : Math.max(10, Math.round(n / 20));
  const shift = lastLevelShift(y, { window, threshold: options.levelShift?.threshold ?? 20 });
  // Too little data after the shift leaves no season to learn: keep the whole series then.
  return shift.index > 0 && n - shift.index >= 3 * window ? shift.index : 0;
}

export function forecastSeries(y: ArrayLike<number>, options: ForecastSeriesOptions): ForecastSeriesResult {
  const horizon = options.horizon;
  const level = options.level ?? 0.95;
  const model = options.model ?? 'auto';
  const maxWiden = options.maxWiden ?? 4;
  validateForecastInput('forecastSeries', y, horizon, level);
  const trainedFrom = shiftStart(y, options);
  if (trainedFrom > 0) {
    y = Array.prototype.slice.call(y, trainedFrom) as number[];
  }
  const n = y.length;
  let nonNegative = options.nonNegative;
  if (nonNegative === undefined) {
    nonNegative = true;
    for (let i = 0; i < n && nonNegative; i++) {
      nonNegative = !(y[i] < 0);
    }
  }
  const notices: string[] = [];
  const backtest: Record<string, number> = {};
  const b = Math.min(horizon, Math.floor(n / 4));
  let chosen: Omit<ForecastChoice, 'widen'>;
  let chosenBy: ForecastSeriesResult['chosenBy'];
  let factor = 1;
  const all = candidates(n, options.periods ?? []);
  if (options.reuse) {
    chosen = options.reuse;
    chosenBy = 'reuse';
    factor = options.reuse.widen;
  } else if (model === 'linear' || all.length === 1) {
    if (model === 'seasonal') {
      notices.push('Seasonal forecast needs a known season with two cycles of data; used the trend from now instead.');
    }
    chosen = all[0];
    chosenBy = model === 'auto' ? 'only candidate' : 'request';
  } else if (model === 'seasonal') {
    chosen = all[1];
    chosenBy = 'request';
  } else {
    chosen = all[0];
    chosenBy = 'backtest';
    let best = Infinity;
    let bestFit: ForecastResult | undefined;
    const train = Float64Array.from(y).subarray(0, n - b);
    const memo = new Map<string, ForecastResult>();
    const feasible = b >= 1 ? all.filter((c) => c.periods.every((p) => n - b >= 2 * p)) : [];
    for (const c of feasible) {
      let error = NaN;
      let f: ForecastResult | undefined;
      try {
        f = fit(train, c, b, level, memo);
        error = meanAbsError(y, n - b, f.point);
      } catch {
        // A candidate that cannot be fitted on the shorter series is simply not chosen.
      }
      backtest[label(c)] = error;
      if (error < best) {
        best = error;
        chosen = c;
        bestFit = f;
      }
    }
    if (bestFit) {
      factor = widening(y, n - b, bestFit, maxWiden);
    }
  }
  let f: ForecastResult & { window?: number };
  try {
    f = fit(y, chosen, horizon, level);
  } catch (e) {
    if (chosen.kind === 'trend') {
      throw e;
    }
    notices.push(`${label(chosen)} forecast failed (${(e as Error).message}); used the trend from now instead.`);
    chosen = all[0];
    f = fit(y, chosen, horizon, level);
  }
  const point = Float64Array.from(f.point);
  const result: ForecastSeriesResult = {
    point,
    lower: Float64Array.from(f.lower),
    upper: Float64Array.from(f.upper),
    level,
    choice: { ...chosen, window: f.window ?? chosen.window, widen: factor },
    chosenBy,
    backtest,
    notices,
    trainedFrom,
  };
  widen(result, factor);
  if (nonNegative) {
    for (let h = 0; h < horizon; h++) {
      result.point[h] = Math.max(0, result.point[h]);
      result.lower[h] = Math.max(0, result.lower[h]);
      result.upper[h] = Math.max(0, result.upper[h]);
    }
  }
  return result;
}
