/**
 * The data source's forecast: one call that picks a model, fits it and returns the forecast with its interval
 * and a plain statement of what was used. Every model starts from the series' current state (see each one's
 * header); `auto` weighs the candidates by their out-of-sample error on the series' own recent past. See
 * docs/algorithms/forecasting.md.
 *
 * Models (`kind`):
 * - `trend`: trend from now (`recentTrendForecast`);
 * - `seasonal`: MSTL + exponential smoothing of the adjusted rest (`seasonalForecast`), with all seasons or
 *   with the shortest one only;
 * - `naive`: seasonal naive with one season (`seasonalNaiveForecast`);
 * - `mean`: seasonal mean with one season: the mean of the same position over the last k cycles
 *   (`seasonalNaiveForecast` with `cycles`; k covers at least three cycles and one longest season);
 * - `combination`: a weighted mean of several of the above (`members`).
 *
 * `auto`: every candidate is fitted at two backtest origins — the series minus its last b points
 * (b = min(horizon, ⌊n/4⌋)), and one longest season earlier than the forecast origin, so the second backtest
 * covers the same part of the week (or day) as the forecast will — and scored by its symmetric relative error
 * 2|y − ŷ|/(|y| + |ŷ|) averaged over both. The five best are combined with weights ∝ error⁻⁴ (members below
 * 5 % dropped): a clear winner takes nearly all the weight, near ties are averaged, which on M4 hourly data
 * beat picking the single best (EVALUATION.md). The error is bounded per point, so one spike in a backtest
 * window cannot decide alone. Without a usable season only `trend` is a candidate.
 *
 * Interval calibration: on the same backtests the chosen forecast's interval half-widths are compared with its
 * actual errors; when fewer than `level` of the errors fall inside, the interval is widened by the factor that
 * makes them fall inside (never narrowed, at most ×`maxWiden`). A combination's interval is the weighted mean
 * of its members' edges before that check.
 *
 * Non-negative series (every finite training value ≥ 0): the forecast and its interval are cut at 0.
 *
 * NaN policy: NaN are gaps (trend skips them, the seasonal models interpolate them). Fewer than 3 finite
 * values throws a RangeError. The input is never mutated.
 */
import { quantile } from '../stats';
import type { ForecastResult } from './forecastResult';
import { lastLevelShift } from './lastLevelShift';
import { recentTrendForecast } from './recentTrendForecast';
import { seasonalForecast, SeasonalSmoothing, SeasonalState } from './seasonalForecast';
import { seasonalNaiveForecast } from './seasonalNaiveForecast';
import { validateForecastInput } from './validateForecastInput';

export type ForecastKind = 'trend' | 'seasonal' | 'naive' | 'mean' | 'combination';
export type ForecastModelRequest = 'auto' | 'linear' | 'seasonal';

/** One fitted model's identity: enough to refit it later without choosing again. */
export interface ForecastModel {
  kind: Exclude<ForecastKind, 'combination'>;
  /** Season lengths (steps) the model uses; empty for `trend`. */
  periods: number[];
  /** Trend window (points) for `trend`. */
  window?: number;
  /** Seasons averaged for `mean` (fewer when the data holds fewer). */
  cycles?: number;
  /** For `seasonal`: smoothing parameters to use instead of fitting them. */
  smoothing?: SeasonalSmoothing;
  /** For `seasonal`: the fitted seasonal cycles and smoothing; a refit with it skips the decomposition. */
  state?: SeasonalState;
}

/** What `auto` chose: one model, or a weighted combination of models. */
export interface ForecastChoice {
  kind: ForecastKind;
  /** Season lengths (steps) used; for a combination, those of all its members. */
  periods: number[];
  /** Trend window (points) for `trend`. */
  window?: number;
  /** Seasons averaged for `mean`. */
  cycles?: number;
  /** For `seasonal`: see ForecastModel. */
  state?: SeasonalState;
  /** For `combination`: the members and their weights (summing to 1), heaviest first. */
  members?: Array<ForecastModel & { weight: number }>;
  /** Interval widening factor found by the backtest (1 when none was needed). */
  widen: number;
  /**
   * Whether a level shift was found when the choice was made. A reuse looks for a shift again only then; a
   * shift that appears later is found when the choice is made again.
   */
  levelShift?: boolean;
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
  /**
   * A choice returned by an earlier call on the same series: refit it without the backtest (a seasonal model
   * also without its decomposition and parameter fit: its seasonal cycles and smoothing are reused).
   */
  reuse?: ForecastChoice;
  /**
   * Absolute step index of y[0] (its timestamp divided by the step): lines up a reused seasonal model's cycles
   * with a series that has moved on since. Default 0.
   */
  start?: number;
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
  /**
   * Backtest error per candidate label: the symmetric relative error 2|y − ŷ|/(|y| + |ŷ|), mean over the
   * backtest points (empty unless chosen by backtest; NaN for a candidate that could not be fitted).
   */
  backtest: Record<string, number>;
  /** Why the request could not be met as asked (e.g. a seasonal model without two seasons of data). */
  notices: string[];
  /** Index of the first point trained on (> 0 after a detected level shift). */
  trainedFrom: number;
}

/** Most candidates combined, and the smallest weight kept. */
const COMBINE_TOP = 5;
const MIN_WEIGHT = 0.05;
/** Weights ∝ error^−WEIGHT_POWER: a clear winner takes nearly all, near ties share. */
const WEIGHT_POWER = 4;

function label(c: ForecastModel): string {
  if (c.kind === 'mean') {
    return `mean(${c.periods[0]}×${c.cycles})`;
  }
  return c.periods.length > 0 ? `${c.kind}(${c.periods.join('+')})` : c.kind;
}

/**
 * Fits one model on `y` and forecasts `horizon` steps. `memo` (label → forecast on this same `y` and horizon)
 * lets a combination reuse its members' forecasts when they were fitted as candidates already.
 */
type Fitted = ForecastResult & { window?: number; state?: SeasonalState };

function fit(
  y: ArrayLike<number>,
  c: ForecastModel,
  horizon: number,
  level: number,
  start: number,
  memo: Map<string, Fitted> = new Map()
): Fitted {
  const key = label(c);
  const known = memo.get(key);
  if (known) {
    return known;
  }
  let f: Fitted;
  switch (c.kind) {
    case 'trend':
      f = recentTrendForecast(y, { horizon, level, window: c.window });
      break;
    case 'seasonal':
      f = seasonalForecast(y, { periods: c.periods, horizon, level, start, state: c.state, smoothing: c.smoothing });
      break;
    case 'naive':
      f = seasonalNaiveForecast(y, { period: c.periods[0], horizon, level });
      break;
    case 'mean': {
      // As many of the wanted cycles as the data holds (a backtest origin sees fewer), at least two.
      const cycles = Math.min(c.cycles ?? 3, Math.floor((y.length - 1) / c.periods[0]));
      if (cycles < 2) {
        throw new RangeError(`seasonal mean needs two cycles of ${c.periods[0]} points`);
      }
      f = seasonalNaiveForecast(y, { period: c.periods[0], horizon, level, cycles });
      break;
    }
  }
  memo.set(key, f);
  return f;
}

/** Weighted mean of forecasts, edges included. */
function combine(members: ForecastResult[], weights: number[], horizon: number, level: number): ForecastResult {
  const point = new Float64Array(horizon);
  const lower = new Float64Array(horizon);
  const upper = new Float64Array(horizon);
  members.forEach((m, k) => {
    const w = weights[k];
    for (let h = 0; h < horizon; h++) {
      point[h] += w * m.point[h];
      lower[h] += w * m.lower[h];
      upper[h] += w * m.upper[h];
    }
  });
  return { point, lower, upper, level };
}

/** Candidate models for a series of n points with these seasons. */
function candidates(n: number, periods: number[]): ForecastModel[] {
  const usable = periods.filter((p) => Number.isInteger(p) && p >= 2 && n >= 2 * p).sort((a, b) => a - b);
  const out: ForecastModel[] = [{ kind: 'trend', periods: [] }];
  if (usable.length === 0) {
    return out;
  }
  const longest = usable[usable.length - 1];
  out.push({ kind: 'seasonal', periods: usable });
  if (usable.length > 1) {
    out.push({ kind: 'seasonal', periods: [usable[0]] });
  }
  for (const p of usable) {
    out.push({ kind: 'naive', periods: [p] });
  }
  for (const p of usable) {
    // Three cycles at least, and a whole longest season (a week of days when the week is a season too).
    out.push({ kind: 'mean', periods: [p], cycles: Math.max(3, Math.round(longest / p)) });
  }
  return out;
}

/** Mean symmetric relative error 2|a − f|/(|a| + |f|) over the finite actual values (0 where both are 0). */
function symmetricError(actual: ArrayLike<number>, from: number, forecast: Float64Array, floor: boolean): number {
  let sum = 0;
  let count = 0;
  for (let h = 0; h < forecast.length; h++) {
    const a = actual[from + h];
    if (a === a) {
      const f = floor ? Math.max(0, forecast[h]) : forecast[h];
      const d = Math.abs(a) + Math.abs(f);
      sum += d > 0 ? (2 * Math.abs(a - f)) / d : 0;
      count++;
    }
  }
  return count > 0 ? sum / count : NaN;
}

/**
 * Smallest factor (≥ 1, ≤ maxWiden) by which the interval must widen to hold `level` of the backtest errors,
 * over every backtest (forecast `f` made at index `from` of `actual`).
 */
function widening(
  actual: ArrayLike<number>,
  backtests: Array<{ from: number; f: ForecastResult }>,
  level: number,
  maxWiden: number
): number {
  const ratios: number[] = [];
  for (const { from, f } of backtests) {
    for (let h = 0; h < f.point.length; h++) {
      const a = actual[from + h];
      const half = (f.upper[h] - f.lower[h]) / 2;
      if (a === a && half === half) {
        ratios.push(half > 0 ? Math.abs(a - (f.upper[h] + f.lower[h]) / 2) / half : Infinity);
      }
    }
  }
  if (ratios.length === 0) {
    return 1;
  }
  return Math.min(maxWiden, Math.max(1, quantile(ratios, level)));
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

/** The members of a choice, each with its weight (a single model is one member of weight 1). */
function membersOf(c: ForecastChoice | ForecastModel): Array<ForecastModel & { weight: number }> {
  if ('members' in c && c.members && c.members.length > 0) {
    return c.members;
  }
  const { kind, periods, window, cycles, state } = c;
  return [{ kind: kind as ForecastModel['kind'], periods, window, cycles, state, weight: 1 }];
}

/** The choice for these members: the model itself when there is one, a combination otherwise. */
function choiceOf(members: Array<ForecastModel & { weight: number }>, widenBy: number): ForecastChoice {
  if (members.length === 1) {
    const { kind, periods, window, cycles, state } = members[0];
    return { kind, periods, window, cycles, state, widen: widenBy };
  }
  const periods = [...new Set(members.flatMap((m) => m.periods))].sort((a, b) => a - b);
  return { kind: 'combination', periods, members, widen: widenBy };
}

/** Normalised weights ∝ error^−WEIGHT_POWER of the best candidates, members below MIN_WEIGHT dropped. */
function weigh(scored: Array<{ c: ForecastModel; error: number }>): Array<ForecastModel & { weight: number }> {
  const top = scored
    .filter((s) => s.error === s.error)
    .sort((a, b) => a.error - b.error)
    .slice(0, COMBINE_TOP);
  // An error floor keeps a perfect backtest (error 0) finite; it then takes all the weight.
  const raw = top.map((s) => Math.max(s.error, 1e-9) ** -WEIGHT_POWER);
  const total = raw.reduce((a, b) => a + b, 0);
  const kept = top.map((s, k) => ({ ...s.c, weight: raw[k] / total })).filter((m) => m.weight >= MIN_WEIGHT);
  const keptTotal = kept.reduce((a, m) => a + m.weight, 0);
  return kept.map((m) => ({ ...m, weight: m.weight / keptTotal }));
}

/**
 * Backtest origins: b points before the end, and one longest season (or whole seasons) before the end when
 * that leaves two cycles of the longest season to train on.
 */
function backtestOrigins(n: number, b: number, longest: number): number[] {
  const origins = [n - b];
  if (longest > 0) {
    const seasonBack = n - longest * Math.ceil((b + 1) / longest);
    if (seasonBack >= 2 * longest && seasonBack !== n - b) {
      origins.push(seasonBack);
    }
  }
  return origins;
}

export function forecastSeries(y: ArrayLike<number>, options: ForecastSeriesOptions): ForecastSeriesResult {
  const horizon = options.horizon;
  const level = options.level ?? 0.95;
  const model = options.model ?? 'auto';
  const maxWiden = options.maxWiden ?? 4;
  validateForecastInput('forecastSeries', y, horizon, level);
  let start = options.start ?? 0;
  const trainedFrom = options.reuse?.levelShift === false ? 0 : shiftStart(y, options);
  if (trainedFrom > 0) {
    y = Array.prototype.slice.call(y, trainedFrom) as number[];
    start += trainedFrom;
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
  let chosen: Array<ForecastModel & { weight: number }>;
  let chosenBy: ForecastSeriesResult['chosenBy'];
  let factor = 1;
  const all = candidates(n, options.periods ?? []);
  if (options.reuse) {
    chosen = membersOf(options.reuse);
    chosenBy = 'reuse';
    factor = options.reuse.widen;
  } else if (model === 'linear' || all.length === 1) {
    if (model === 'seasonal') {
      notices.push('Seasonal forecast needs a known season with two cycles of data; used the trend from now instead.');
    }
    chosen = membersOf(all[0]);
    chosenBy = model === 'auto' ? 'only candidate' : 'request';
  } else if (model === 'seasonal') {
    chosen = membersOf(all[1]);
    chosenBy = 'request';
  } else {
    chosen = membersOf(all[0]);
    chosenBy = 'backtest';
    const longest = Math.max(0, ...all.flatMap((c) => c.periods));
    const origins = b >= 1 ? backtestOrigins(n, b, longest) : [];
    const data = Float64Array.from(y);
    // Per origin: label → forecast of the b points after it.
    const fits = origins.map(() => new Map<string, Fitted>());
    const scored: Array<{ c: ForecastModel; error: number }> = [];
    for (let c of all) {
      let error = 0;
      origins.forEach((o, k) => {
        if (error !== error || !c.periods.every((p) => o >= 2 * p)) {
          error = NaN;
          return;
        }
        try {
          const f = fit(data.subarray(0, o), c, b, level, start, fits[k]);
          error += symmetricError(data, o, f.point, nonNegative!);
          if (f.state && !c.smoothing) {
            // The smoothing parameters fitted at the first origin serve the other origin and the final refit:
            // the adjusted series differs by a few points, the parameter fit is most of a seasonal model's cost.
            c = { ...c, smoothing: f.state.smoothing };
          }
        } catch {
          // A candidate that cannot be fitted on the shorter series is simply not chosen.
          error = NaN;
        }
      });
      error /= origins.length;
      backtest[label(c)] = error;
      scored.push({ c, error });
    }
    const weighed = weigh(scored);
    if (weighed.length > 0) {
      // The trend keeps the window it chose at the first origin (b points ago): a second window search on
      // nearly the same data is a third of the trend's cost and rarely changes the window.
      chosen = weighed.map((m) => (m.kind === 'trend' ? { ...m, window: fits[0].get(label(m))?.window } : m));
      const tests = origins.map((o, k) => ({
        from: o,
        f: combine(
          weighed.map((m) => fits[k].get(label(m))!),
          weighed.map((m) => m.weight),
          b,
          level
        ),
      }));
      factor = widening(data, tests, level, maxWiden);
    }
  }
  const memo = new Map<string, Fitted>();
  const fitted: Array<{ m: ForecastModel & { weight: number }; f: Fitted }> = [];
  for (const m of chosen) {
    try {
      fitted.push({ m, f: fit(y, m, horizon, level, start, memo) });
    } catch (e) {
      notices.push(`${label(m)} forecast failed (${(e as Error).message}); left out.`);
    }
  }
  if (fitted.length === 0) {
    notices.push('Used the trend from now instead.');
    fitted.push({ m: { ...all[0], weight: 1 }, f: fit(y, all[0], horizon, level, start, memo) });
  }
  const total = fitted.reduce((a, x) => a + x.m.weight, 0);
  const members = fitted.map(({ m, f }) => {
    const { smoothing: _fitted, ...model } = m;
    return {
      ...model,
      weight: m.weight / total,
      ...(m.kind === 'trend' ? { window: f.window ?? m.window } : {}),
      ...(f.state ? { state: f.state } : {}),
    };
  });
  const f =
    fitted.length === 1
      ? fitted[0].f
      : combine(
          fitted.map((x) => x.f),
          members.map((m) => m.weight),
          horizon,
          level
        );
  const result: ForecastSeriesResult = {
    point: Float64Array.from(f.point),
    lower: Float64Array.from(f.lower),
    upper: Float64Array.from(f.upper),
    level,
    choice: { ...choiceOf(members, factor), levelShift: trainedFrom > 0 },
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
