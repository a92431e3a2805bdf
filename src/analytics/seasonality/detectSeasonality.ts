/**
 * Which seasonal periods, if any, a series has. Our own ACF-based detector, because augurs'
 * `seasonalities` (`@bsull/augurs/seasons`, 0.10.2, periodogram based) returned [21] for a pure period-24
 * sine over 240 points (checked in __tests__/detectSeasonality.test.ts): its frequency grid cannot land
 * on 24 at that length, and a daily period off by 3 hours is wrong for a band.
 *
 * Method (autocorrelation at candidate lags, as in Hyndman & Athanasopoulos, "Forecasting: Principles and
 * Practice", 3rd ed., §2.8, and the usual "ACF peak at the seasonal lag" rule):
 * 1. gaps are filled (linear interpolation) and a least-squares line is removed, so a trend does not make
 *    every lag look correlated;
 * 2. candidate periods, shortest first: given ones, or hourly/daily/weekly at the series' step when
 *    `stepMs` is given, or else every local ACF maximum (a full scan, O(n·maxLag));
 * 3. a candidate p is accepted when ACF(p) ≥ `threshold` and ACF(p) − ACF(⌊p/2⌋) ≥ `contrast` (a season
 *    correlates at its lag but not at half of it, while trends and random walks decay monotonically), and
 *    at least two full cycles exist;
 * 4. after accepting p, its per-phase means are subtracted before testing longer candidates, so a weekly
 *    period is only reported when there is week structure beyond the daily one (not merely because
 *    7 days is a multiple of 1 day).
 *
 * NaN policy: NaN is filled by interpolation; fewer than 4 finite values or a constant series give no
 * periods (not an error). Candidates shorter than 2 or with fewer than two cycles are skipped.
 */
import { interpolateGaps } from '../stats/interpolateGaps';

export interface DetectSeasonalityOptions {
  /** Candidate periods in steps. Default: from `stepMs`, else a scan of ACF peaks. */
  candidates?: number[];
  /** Step of the series in ms, used to derive hourly, daily and weekly candidates. */
  stepMs?: number;
  /** Minimum ACF at the period. Default 0.3. */
  threshold?: number;
  /** Minimum ACF(p) − ACF(⌊p/2⌋). Default 0.1. */
  contrast?: number;
  /** Most periods reported. Default 3. */
  maxPeriods?: number;
  /** Longest lag scanned without candidates. Default min(⌊n/2⌋, 2000). */
  maxLag?: number;
}

export interface SeasonalityCandidate {
  period: number;
  /** ACF of the (detrended, previously deseasonalised) series at the period. */
  acf: number;
  /** ACF at half the period. */
  acfHalf: number;
  accepted: boolean;
}

export interface DetectSeasonalityResult {
  /** Accepted periods, ascending. */
  periods: number[];
  /** ACF strength per accepted period. */
  strengths: number[];
  /** Every candidate examined, for explanations. */
  candidates: SeasonalityCandidate[];
}

const HOUR = 3_600_000;

/** Periods in steps for hour, day and week at this step, when integral (within 1e-6) and ≥ 2. */
export function calendarPeriods(stepMs: number): number[] {
  const out: number[] = [];
  for (const span of [HOUR, 24 * HOUR, 7 * 24 * HOUR]) {
    const p = span / stepMs;
    const r = Math.round(p);
    if (r >= 2 && Math.abs(p - r) <= 1e-6 * p) {
      out.push(r);
    }
  }
  return out;
}

function acfAt(x: Float64Array, variance: number, lag: number): number {
  const n = x.length;
  let s = 0;
  for (let t = 0; t + lag < n; t++) {
    s += x[t] * x[t + lag];
  }
  // Standard (biased) estimator: divide by n·variance, as R's acf, so long lags shrink toward 0.
  return s / (n * variance);
}

function centredVariance(x: Float64Array): number {
  let mean = 0;
  for (let i = 0; i < x.length; i++) {
    mean += (x[i] - mean) / (i + 1);
  }
  let v = 0;
  for (let i = 0; i < x.length; i++) {
    x[i] -= mean;
    v += x[i] * x[i];
  }
  return v / x.length;
}

function removeLine(x: Float64Array): void {
  const n = x.length;
  const xm = (n - 1) / 2;
  let ym = 0;
  for (let i = 0; i < n; i++) {
    ym += (x[i] - ym) / (i + 1);
  }
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < n; i++) {
    sxy += (i - xm) * (x[i] - ym);
    sxx += (i - xm) * (i - xm);
  }
  const slope = sxx > 0 ? sxy / sxx : 0;
  for (let i = 0; i < n; i++) {
    x[i] -= ym + slope * (i - xm);
  }
}

function removePhaseMeans(x: Float64Array, p: number): void {
  const sums = new Float64Array(p);
  const counts = new Float64Array(p);
  for (let i = 0; i < x.length; i++) {
    sums[i % p] += x[i];
    counts[i % p]++;
  }
  for (let i = 0; i < x.length; i++) {
    x[i] -= sums[i % p] / counts[i % p];
  }
}

export function detectSeasonality(
  y: ArrayLike<number>,
  options: DetectSeasonalityOptions = {}
): DetectSeasonalityResult {
  const threshold = options.threshold ?? 0.3;
  const contrast = options.contrast ?? 0.1;
  const maxPeriods = options.maxPeriods ?? 3;
  const empty: DetectSeasonalityResult = { periods: [], strengths: [], candidates: [] };
  let finite = 0;
  for (let i = 0; i < y.length; i++) {
    if (y[i] === y[i]) {
      finite++;
    }
  }
  if (finite < 4) {
    return empty;
  }
  const x = interpolateGaps(y).values;
  const n = x.length;
  removeLine(x);
  let variance = centredVariance(x);
  // Relative to the data's magnitude: rounding noise of a flat series is not a season.
  if (!(variance > 1e-24 * (1 + Math.abs(y[0]) ** 2))) {
    return empty;
  }
  const result: DetectSeasonalityResult = { periods: [], strengths: [], candidates: [] };
  const test = (p: number): SeasonalityCandidate => {
    const acf = acfAt(x, variance, p);
    const acfHalf = acfAt(x, variance, Math.floor(p / 2));
    return { period: p, acf, acfHalf, accepted: acf >= threshold && acf - acfHalf >= contrast };
  };
  const accept = (c: SeasonalityCandidate) => {
    result.periods.push(c.period);
    result.strengths.push(c.acf);
    removePhaseMeans(x, c.period);
    variance = centredVariance(x);
  };

  let candidates = options.candidates ?? (options.stepMs !== undefined ? calendarPeriods(options.stepMs) : undefined);
  if (candidates !== undefined) {
    candidates = [...new Set(candidates.filter((p) => Number.isInteger(p) && p >= 2 && 2 * p <= n))].sort(
      (a, b) => a - b
    );
    for (const p of candidates) {
      if (result.periods.length >= maxPeriods || !(variance > 0)) {
        break;
      }
      const c = test(p);
      result.candidates.push(c);
      if (c.accepted) {
        accept(c);
      }
    }
    return result;
  }

  // No candidates: scan lags for the strongest ACF peak, accept it, deseasonalise and repeat.
  const maxLag = Math.min(options.maxLag ?? 2000, Math.floor(n / 2));
  const acf = new Float64Array(maxLag + 2);
  while (result.periods.length < maxPeriods && variance > 0) {
    for (let lag = 1; lag <= Math.min(maxLag + 1, n - 1); lag++) {
      acf[lag] = acfAt(x, variance, lag);
    }
    let best: SeasonalityCandidate | undefined;
    for (let p = 2; p <= maxLag; p++) {
      const peak = acf[p] >= acf[p - 1] && (p + 1 > n - 1 || acf[p] >= acf[p + 1]);
      if (!peak || result.periods.includes(p)) {
        continue;
      }
      const c = { period: p, acf: acf[p], acfHalf: acf[Math.floor(p / 2)], accepted: false };
      c.accepted = c.acf >= threshold && c.acf - c.acfHalf >= contrast;
      if (c.accepted && (best === undefined || c.acf > best.acf)) {
        best = c;
      }
    }
    if (best === undefined) {
      break;
    }
    result.candidates.push(best);
    accept(best);
  }
  const order = result.periods.map((_, i) => i).sort((a, b) => result.periods[a] - result.periods[b]);
  return {
    periods: order.map((i) => result.periods[i]),
    strengths: order.map((i) => result.strengths[i]),
    candidates: result.candidates,
  };
}
