/**
 * MSTL: STL for several seasonal periods (Bandara, Hyndman & Bergmeir 2021, "MSTL: A Seasonal-Trend
 * Decomposition Algorithm for Time Series with Multiple Seasonal Patterns", arXiv:2107.13462), as R's
 * `forecast::mstl` (8.20) does it: periods in increasing order, each seasonal component re-estimated
 * `iterations` times by STL on the series with the other seasonal components removed; the trend is that of
 * the last STL fit.
 *
 * Our own on top of our {@link stl}: augurs' MSTL is a forecaster that exposes no components. The STL
 * parameters default to R `stats::stl`'s (s.window 7 + 4·i, s.degree 0, t/l degree 1, jumps ⌈span/10⌉,
 * inner 2 / outer 0, or 1 / 15 when robust) so that results match R; checked in
 * `__tests__/mstl.test.ts` against `scripts/fixtures/mstl.R`.
 *
 * Policies: periods with fewer than two full cycles in the series are dropped (R does the same, with a
 * warning; `periods` in the result says which were used); if none is left, or a period is < 2 or not an
 * integer, it throws. NaN (and Box-Cox-undefined values) are linearly interpolated before decomposition
 * (R uses `na.interp`, a seasonal model, so results differ near gaps) and the remainder is NaN there.
 */
import { interpolateGaps } from '../stats/interpolateGaps';
import { stl, StlOptions } from './stl';

export interface MstlOptions {
  /** Seasonal periods in points (integers ≥ 2), e.g. [24, 168] for hourly data. Required. */
  periods: number[];
  /** Seasonal spans (odd) per period in increasing period order; one number for all. Default 7 + 4·i (i = 1, 2, …): 11, 15, … (R). */
  seasonalWindows?: number | number[];
  /** Times each seasonal component is re-estimated. Default 2 (R's `iterate`). */
  iterations?: number;
  /** Box-Cox parameter applied before decomposition (components are on the transformed scale). Default none. */
  lambda?: number;
  /** Robust STL fits. Default false. */
  robust?: boolean;
  /**
   * Further STL options applied to every fit, overriding the R defaults (trend, lowPass, degrees, jumps,
   * inner, outer). `period`, `seasonal` and `robust` are set by MSTL.
   */
  stl?: Omit<StlOptions, 'period' | 'seasonal' | 'robust'>;
}

export interface MstlResult {
  /** Periods actually used, in increasing order (those with at least two full cycles). */
  periods: number[];
  trend: Float64Array;
  /** One seasonal component per entry of `periods`. */
  seasonals: Float64Array[];
  /** (Transformed) observed minus trend minus all seasonals; NaN where the input was missing. */
  remainder: Float64Array;
}

/** R's `nextodd`: round, then add one if even. */
function nextOdd(x: number): number {
  const r = Math.round(x);
  return r % 2 === 0 ? r + 1 : r;
}

/** STL options for one period with R `stats::stl`'s defaults (R 4.x `stl`, `forecast::mstl` passes `s.window`). */
export function rStlOptions(period: number, seasonal: number, robust: boolean): StlOptions {
  const trend = nextOdd(Math.ceil((1.5 * period) / (1 - 1.5 / seasonal)));
  const lowPass = nextOdd(period);
  return {
    period,
    seasonal,
    trend,
    lowPass,
    seasonalDeg: 0,
    trendDeg: 1,
    lowPassDeg: 1,
    seasonalJump: Math.ceil(seasonal / 10),
    trendJump: Math.ceil(trend / 10),
    lowPassJump: Math.ceil(lowPass / 10),
    robust,
    inner: robust ? 1 : 2,
    outer: robust ? 15 : 0,
  };
}

/** Box-Cox as R `forecast::BoxCox`: log for λ = 0, (sign(x)|x|^λ − 1)/λ otherwise; undefined values become NaN. */
function boxCox(x: number, lambda: number): number {
  if (lambda < 0 && x < 0) {
    return NaN;
  }
  if (lambda === 0) {
    return x > 0 ? Math.log(x) : NaN;
  }
  return (Math.sign(x) * Math.pow(Math.abs(x), lambda) - 1) / lambda;
}

/** Decomposes `y` into trend, one seasonal component per period, and remainder. Does not mutate `y`. */
export function mstl(y: ArrayLike<number>, options: MstlOptions): MstlResult {
  if (options === null || typeof options !== 'object' || !Array.isArray(options.periods)) {
    throw new Error('mstl: options with a periods array are required');
  }
  const n = y.length;
  for (const p of options.periods) {
    if (!Number.isInteger(p) || p < 2) {
      throw new Error(`mstl: periods must be integers >= 2, got ${p}`);
    }
  }
  const iterations = options.iterations ?? 2;
  if (!Number.isInteger(iterations) || iterations < 1) {
    throw new Error(`mstl: iterations must be a positive integer, got ${iterations}`);
  }
  const { lambda } = options;
  if (lambda !== undefined && !Number.isFinite(lambda)) {
    throw new Error(`mstl: lambda must be a finite number, got ${lambda}`);
  }
  const sorted = Array.from(new Set(options.periods)).sort((a, b) => a - b);
  const windows = seasonalWindows(options.seasonalWindows, sorted.length);
  // Keep what R keeps (period < n/2) but with our STL rule: at least two full cycles.
  const keep = sorted.map((p, i) => ({ p, w: windows[i] })).filter(({ p }) => 2 * p <= n);
  if (keep.length === 0) {
    throw new Error(`mstl: no period has two full cycles in ${n} points (periods ${sorted.join(', ')})`);
  }

  const x = new Float64Array(n);
  let missing: Uint8Array | null = null;
  for (let i = 0; i < n; i++) {
    const raw = +y[i];
    if (raw === Infinity || raw === -Infinity) {
      throw new Error(`mstl: input must be finite or NaN; got ${raw} at index ${i}`);
    }
    const v = lambda === undefined ? raw : boxCox(raw, lambda);
    x[i] = v;
    if (Number.isNaN(v)) {
      missing ??= new Uint8Array(n);
      missing[i] = 1;
    }
  }
  if (missing !== null) {
    if (missing.every((m) => m === 1)) {
      throw new Error('mstl: input has no observed (non-NaN) values');
    }
    x.set(interpolateGaps(x).values);
  }

  const robust = options.robust ?? false;
  const seasonals: Float64Array[] = keep.map(() => new Float64Array(n));
  const deseas = x;
  let trend: Float64Array | null = null;
  // With one period every further iteration decomposes the same series again (it adds back the seasonal
  // component it then removes) and repeats the first up to rounding: one is enough, and half the cost.
  const rounds = keep.length === 1 ? 1 : iterations;
  for (let it = 0; it < rounds; it++) {
    for (let k = 0; k < keep.length; k++) {
      const s = seasonals[k];
      for (let i = 0; i < n; i++) {
        deseas[i] += s[i];
      }
      const fit = stl(deseas, { ...rStlOptions(keep[k].p, keep[k].w, robust), ...options.stl });
      seasonals[k] = fit.seasonal;
      for (let i = 0; i < n; i++) {
        deseas[i] -= fit.seasonal[i];
      }
      trend = fit.trend;
    }
  }
  const remainder = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    remainder[i] = missing !== null && missing[i] === 1 ? NaN : deseas[i] - trend![i];
  }
  return { periods: keep.map((k) => k.p), trend: trend!, seasonals, remainder };
}

function seasonalWindows(option: number | number[] | undefined, count: number): number[] {
  if (option === undefined) {
    return Array.from({ length: count }, (_, i) => 7 + 4 * (i + 1));
  }
  if (typeof option === 'number') {
    return new Array(count).fill(option);
  }
  if (option.length !== count) {
    throw new Error(`mstl: seasonalWindows needs one span per distinct period (${count}), got ${option.length}`);
  }
  return option.slice();
}

