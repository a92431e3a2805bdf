/**
 * Trend from now: a Theil–Sen line (median of pairwise slopes, see linearForecast) fitted over a RECENT window
 * of the series and anchored at its current level, so the forecast starts where the series is and goes the
 * way it has been going lately — not the way it went on average over the whole range.
 *
 * The window is chosen from the data: candidate windows of the last w, 2w, 4w, … points (w = `minWindow`)
 * are each fitted on the data just before a validation stretch of the last v points (v = `validation`) and
 * scored by the mean absolute error of their line on that stretch; the longest window within 10 % of the best
 * error wins, and the line is refitted on the same-length window ending now. A series that turned recently
 * picks a short window; a steady one a long window (more points, steadier slope).
 *
 * Anchor: the line is shifted by the median of its residuals over the last v points of the window, so step 1
 * continues from the current level even when the window's start pulls the Theil–Sen intercept away.
 *
 * Interval: point ± z·σ·√(1 + 1/W + 12·(W/2 + h)²/W³) — the least-squares prediction-interval shape for a
 * line on W equally spaced points, x measured from the window's middle — with σ = 1.4826·MAD of the window's
 * residuals. An approximation for Theil–Sen; it assumes independent noise around the line.
 *
 * NaN policy: NaN points are skipped (x stays the index). Fewer than 3 finite values throws a RangeError.
 * The input is never mutated.
 */
import { mad, median } from '../stats';
import type { ForecastResult } from './forecastResult';
import { normalQuantile } from './normalQuantile';

export interface RecentTrendForecastOptions {
  /** Steps ahead. Default 10. */
  horizon?: number;
  /** Interval coverage. Default 0.95. */
  level?: number;
  /** Shortest window considered (points). Default 10. */
  minWindow?: number;
  /** Validation stretch for choosing the window (points). Default clamp(round(n/20), 3, horizon). */
  validation?: number;
  /** Use this window (points) instead of choosing one, e.g. one cached from an earlier evaluation. */
  window?: number;
  /** Pairwise-slope budget per fit (longer windows are thinned). Default 200. */
  maxPoints?: number;
}

export interface RecentTrendForecastResult extends ForecastResult {
  /** Slope per step. */
  slope: number;
  /** Window the line was fitted on (points, ending at the last observation). */
  window: number;
  /** Robust residual scale 1.4826·MAD. */
  sigma: number;
}

interface Line {
  slope: number;
  /** Value at index `end − 1` (the window's last point), anchored. */
  last: number;
  sigma: number;
  count: number;
}

/** Work buffers for fitting many lines in a row (the rolling time to threshold), so that no fit allocates. */
export interface TrendLineWork {
  /** Pairwise slopes, at least maxPoints·(maxPoints − 1)/2 long. */
  slopes: Float64Array;
  /** Selection copy of the slopes, as long. */
  select: Float64Array;
  /** Anchor residuals, at least as long as the anchor stretch. */
  tail: Float64Array;
}

/** Work buffers for `trendLine` with this pairwise-slope budget and windows of up to `window` points. */
export function trendLineWork(maxPoints: number, window: number): TrendLineWork {
  const k = Math.ceil(maxPoints);
  const pairs = Math.max(1, (k * (k - 1)) / 2);
  return { slopes: new Float64Array(pairs), select: new Float64Array(pairs), tail: new Float64Array(window) };
}

/**
 * The anchored line's value at index `end − 1` given its slope, x counted from `origin`: slope·(end − 1 − origin)
 * + the median of y − slope·x over the last `anchor` finite points of y[from, end). The anchor absorbs the
 * intercept (median(r − a) = median(r) − a), so the line's end needs only the slope and those points.
 */
export function anchoredLast(
  y: ArrayLike<number>,
  from: number,
  end: number,
  slope: number,
  anchor: number,
  origin = 0,
  tail?: Float64Array
): number {
  const buffer = tail && tail.length >= anchor ? tail : new Float64Array(anchor);
  let c = 0;
  for (let i = end - 1; i >= from && c < anchor; i--) {
    if (y[i] === y[i]) {
      buffer[c++] = y[i] - slope * (i - origin);
    }
  }
  return slope * (end - 1 - origin) + median(buffer.subarray(0, c), { scratch: buffer });
}

/**
 * Theil–Sen line over y[from, end), anchored on its residuals over the last `anchor` points. `withSigma` false
 * skips the residual scale (the window search needs only the line's end and slope): NaN then. `work` lends
 * buffers so that the fit allocates nothing.
 */
function fitLine(
  y: ArrayLike<number>,
  from: number,
  end: number,
  anchor: number,
  maxPoints: number,
  withSigma = true,
  work?: TrendLineWork
): Line | null {
  const xs: number[] = [];
  const ys: number[] = [];
  for (let i = from; i < end; i++) {
    if (y[i] === y[i]) {
      xs.push(i);
      ys.push(y[i]);
    }
  }
  const m = xs.length;
  if (m < 3) {
    return null;
  }
  const stride = Math.ceil(m / maxPoints);
  const k = Math.ceil(m / stride);
  const pairs = (k * (k - 1)) / 2;
  const slopes = work && work.slopes.length >= pairs ? work.slopes : new Float64Array(pairs);
  let c = 0;
  for (let i = 0; i < m; i += stride) {
    for (let j = i + stride; j < m; j += stride) {
      slopes[c++] = (ys[j] - ys[i]) / (xs[j] - xs[i]);
    }
  }
  const slope = median(slopes.subarray(0, c), work && work.select.length >= c ? { scratch: work.select } : {});
  if (!withSigma) {
    return { slope, last: anchoredLast(y, from, end, slope, Math.min(anchor, m), 0, work?.tail), sigma: NaN, count: m };
  }
  const intercept = median(ys) - slope * median(xs);
  const residuals = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    residuals[i] = ys[i] - (intercept + slope * xs[i]);
  }
  const shift = median(residuals.subarray(Math.max(0, m - anchor)));
  return { slope, last: intercept + slope * (end - 1) + shift, sigma: mad(residuals), count: m };
}

function validationLength(n: number, horizon: number, requested?: number): number {
  const v = requested ?? Math.min(horizon, Math.max(3, Math.round(n / 20)));
  return Math.max(1, Math.min(v, Math.floor(n / 3)));
}

/**
 * The line `recentTrendForecast` extends, without its interval: slope per step and level at the last point of `y`
 * (the whole of `y` is the window). For callers that need the trend at many points (the rolling time to a
 * threshold), where the interval's two extra medians and the forecast arrays would be most of the work.
 * Null with fewer than 3 finite values.
 */
export function trendLine(
  y: ArrayLike<number>,
  options: { horizon: number; maxPoints?: number; work?: TrendLineWork }
): { slope: number; last: number } | null {
  const line = fitLine(
    y,
    0,
    y.length,
    trendAnchor(y.length, options.horizon),
    options.maxPoints ?? 200,
    false,
    options.work
  );
  return line ? { slope: line.slope, last: line.last } : null;
}

/** Points whose residuals anchor `trendLine` on a window of `n` points. */
export function trendAnchor(n: number, horizon: number): number {
  return validationLength(n, horizon);
}

/** Window (points) whose line best predicts the last v points from the data before them. */
export function chooseTrendWindow(
  y: ArrayLike<number>,
  options: { horizon: number; minWindow?: number; validation?: number; maxPoints?: number }
): number {
  const n = y.length;
  const v = validationLength(n, options.horizon, options.validation);
  const maxPoints = options.maxPoints ?? 200;
  const end = n - v;
  const tried: Array<[number, number]> = [];
  for (let w = Math.max(3, options.minWindow ?? 10); ; w *= 2) {
    const width = Math.min(w, end);
    const line = fitLine(y, end - width, end, v, maxPoints, false);
    if (line) {
      let sum = 0;
      let count = 0;
      for (let i = end; i < n; i++) {
        if (y[i] === y[i]) {
          sum += Math.abs(y[i] - (line.last + line.slope * (i - end + 1)));
          count++;
        }
      }
      tried.push([width, count > 0 ? sum / count : Infinity]);
    }
    if (width >= end) {
      break;
    }
  }
  // The longest window within 10 % of the best error: on a steady series the errors tie and more points give
  // a steadier slope; after a turn the short windows win by far more than that.
  const bestError = Math.min(...tried.map(([, e]) => e));
  let best = n;
  for (const [width, error] of tried) {
    if (error <= bestError * 1.1) {
      best = width;
    }
  }
  return Math.min(n, best);
}

export function recentTrendForecast(
  y: ArrayLike<number>,
  options: RecentTrendForecastOptions = {}
): RecentTrendForecastResult {
  const horizon = options.horizon ?? 10;
  const level = options.level ?? 0.95;
  const maxPoints = options.maxPoints ?? 200;
  if (!Number.isInteger(horizon) || horizon < 1) {
    throw new RangeError(`recentTrendForecast: horizon must be a positive integer, got ${horizon}`);
  }
  if (!(level > 0 && level < 1)) {
    throw new RangeError(`recentTrendForecast: level must lie in (0, 1), got ${level}`);
  }
  const n = y.length;
  const window = Math.min(
    n,
    options.window ??
      (n >= 12
        ? chooseTrendWindow(y, { horizon, minWindow: options.minWindow, validation: options.validation, maxPoints })
        : n)
  );
  const anchor = validationLength(window, horizon, options.validation);
  const line = fitLine(y, n - window, n, anchor, maxPoints);
  if (!line) {
    throw new RangeError(`recentTrendForecast: needs at least 3 finite values in the last ${window} points`);
  }
  const z = normalQuantile((1 + level) / 2);
  const point = new Float64Array(horizon);
  const lower = new Float64Array(horizon);
  const upper = new Float64Array(horizon);
  const w = Math.max(line.count, 3);
  for (let h = 1; h <= horizon; h++) {
    point[h - 1] = line.last + line.slope * h;
    const half = z * line.sigma * Math.sqrt(1 + 1 / w + (12 * (w / 2 + h) ** 2) / w ** 3);
    lower[h - 1] = point[h - 1] - half;
    upper[h - 1] = point[h - 1] + half;
  }
  return { point, lower, upper, level, slope: line.slope, window, sigma: line.sigma };
}
