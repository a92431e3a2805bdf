/**
 * STL: Seasonal-Trend decomposition using Loess (Cleveland, Cleveland, McRae & Terpenning 1990,
 * "STL: A Seasonal-Trend Decomposition Procedure Based on Loess", Journal of Official Statistics 6(1), 3–73).
 *
 * Our own implementation: `@bsull/augurs` runs STL inside its MSTL forecaster but exposes no
 * components, and the panels and bands need trend, seasonal, remainder and robustness weights.
 * Written from the paper's algorithm (inner loop steps 1–6, outer robustness loop) and checked against
 * statsmodels 0.13.5 `STL` (defaults follow statsmodels) and R `stats::stl` (same algorithm, other
 * defaults: pass R's windows, degrees and jumps explicitly to reproduce it). See docs/algorithms/stl.md.
 *
 * Missing values (NaN): statsmodels and R refuse them. We fill interior NaN by linear interpolation and
 * leading/trailing NaN with the nearest observed value, decompose, then report NaN in `remainder` at
 * those positions (trend and seasonal stay estimated there, so bands can still be drawn). All-NaN input,
 * ±Infinity, fewer than two full periods, period < 2 and even or too-small windows throw.
 */

import { interpolateGaps } from '../stats/interpolateGaps';
import { selectKth } from '../stats/selectKth';

/** Options of {@link stl}. Windows are loess spans in points and must be odd. */
export interface StlOptions {
  /** Number of points in one seasonal cycle (integer ≥ 2). Required. */
  period: number;
  /** Seasonal smoother span (odd, ≥ 3). Default 7 (statsmodels). */
  seasonal?: number;
  /** Trend smoother span (odd, ≥ 3, > period). Default: smallest odd ≥ ⌈1.5·period / (1 − 1.5/seasonal)⌉. */
  trend?: number;
  /**
   * Low-pass filter loess span (odd, ≥ 3). Default: smallest odd > period. statsmodels also demands
   * > period; we accept R's `nextodd(period)` (= period for odd periods) so MSTL can reproduce R.
   */
  lowPass?: number;
  /** Degree (0 or 1) of the seasonal loess. Default 1 (statsmodels; R uses 0). */
  seasonalDeg?: number;
  /** Degree (0 or 1) of the trend loess. Default 1. */
  trendDeg?: number;
  /** Degree (0 or 1) of the low-pass loess. Default 1. */
  lowPassDeg?: number;
  /** Loess is evaluated every `jump` points and linearly interpolated between. Default 1 (statsmodels; R uses ⌈span/10⌉). */
  seasonalJump?: number;
  /** See `seasonalJump`. Default 1. */
  trendJump?: number;
  /** See `seasonalJump`. Default 1. */
  lowPassJump?: number;
  /** Use bisquare robustness weights in an outer loop. Default false. */
  robust?: boolean;
  /** Inner-loop passes. Default 2 if robust, else 5 (statsmodels; R uses 1 and 2). */
  inner?: number;
  /** Outer (robustness) iterations. Default 15 if robust, else 0. */
  outer?: number;
}

/** Components of {@link stl}; each has the input's length and `observed = trend + seasonal + remainder`. */
export interface StlResult {
  trend: Float64Array;
  seasonal: Float64Array;
  /** Observed minus trend minus seasonal; NaN where the input was NaN. */
  remainder: Float64Array;
  /** Final robustness weights in [0, 1]; all 1 when `outer` is 0. */
  weights: Float64Array;
}

/** The fully resolved parameters `stl` runs with (after defaults). */
export interface StlParameters {
  period: number;
  seasonal: number;
  trend: number;
  lowPass: number;
  seasonalDeg: number;
  trendDeg: number;
  lowPassDeg: number;
  seasonalJump: number;
  trendJump: number;
  lowPassJump: number;
  robust: boolean;
  inner: number;
  outer: number;
}

/** Resolves defaults and validates; throws a clear error for invalid parameters. */
export function stlParameters(options: StlOptions): StlParameters {
  if (options === null || typeof options !== 'object') {
    throw new Error('stl: options with a period are required');
  }
  const { period } = options;
  if (!Number.isInteger(period) || period < 2) {
    throw new Error(`stl: period must be an integer >= 2, got ${period}`);
  }
  const seasonal = options.seasonal ?? 7;
  checkWindow('seasonal', seasonal, 0);
  // Cleveland et al. 1990 §3.5: n(t) ≥ 1.5·n(p) / (1 − 1.5/n(s)), rounded up to the next odd integer.
  const trend = options.trend ?? nextOdd(Math.ceil((1.5 * period) / (1 - 1.5 / seasonal)));
  checkWindow('trend', trend, period);
  const lowPass = options.lowPass ?? nextOdd(period + 1);
  checkWindow('lowPass', lowPass, 0);
  const robust = options.robust ?? false;
  const params: StlParameters = {
    period,
    seasonal,
    trend,
    lowPass,
    seasonalDeg: checkDegree('seasonalDeg', options.seasonalDeg ?? 1),
    trendDeg: checkDegree('trendDeg', options.trendDeg ?? 1),
    lowPassDeg: checkDegree('lowPassDeg', options.lowPassDeg ?? 1),
    seasonalJump: checkPositive('seasonalJump', options.seasonalJump ?? 1),
    trendJump: checkPositive('trendJump', options.trendJump ?? 1),
    lowPassJump: checkPositive('lowPassJump', options.lowPassJump ?? 1),
    robust,
    inner: checkPositive('inner', options.inner ?? (robust ? 2 : 5)),
    outer: checkNonNegative('outer', options.outer ?? (robust ? 15 : 0)),
  };
  return params;
}

/**
 * Decomposes `y` into trend, seasonal and remainder with STL. Does not mutate `y`.
 * Cost is O(n·(seasonal + trend/trendJump + lowPass/lowPassJump)) per inner pass.
 */
export function stl(y: ArrayLike<number>, options: StlOptions): StlResult {
  const p = stlParameters(options);
  const n = y.length;
  if (n < 2 * p.period) {
    throw new Error(`stl: need at least two full periods (${2 * p.period} points), got ${n}`);
  }
  const { filled, missing } = fillMissing(y);
  const ws = new StlWorkspace(n, p);
  ws.run(filled);
  const remainder = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    remainder[i] = missing !== null && missing[i] === 1 ? NaN : filled[i] - ws.trend[i] - ws.seasonal[i];
  }
  // The workspace belongs to this call, so its output arrays are handed over without copying.
  return { trend: ws.trend, seasonal: ws.seasonal, remainder, weights: ws.rw };
}

function nextOdd(x: number): number {
  return x % 2 === 0 ? x + 1 : x;
}

function checkWindow(name: string, w: number, period: number): void {
  if (!Number.isInteger(w) || w < 3 || w % 2 === 0 || w <= period) {
    const more = period > 0 ? ` greater than period (${period})` : '';
    throw new Error(`stl: ${name} must be an odd integer >= 3${more}, got ${w}`);
  }
}

function checkDegree(name: string, d: number): number {
  if (d !== 0 && d !== 1) {
    throw new Error(`stl: ${name} must be 0 or 1, got ${d}`);
  }
  return d;
}

function checkPositive(name: string, v: number): number {
  if (!Number.isInteger(v) || v < 1) {
    throw new Error(`stl: ${name} must be a positive integer, got ${v}`);
  }
  return v;
}

function checkNonNegative(name: string, v: number): number {
  if (!Number.isInteger(v) || v < 0) {
    throw new Error(`stl: ${name} must be a non-negative integer, got ${v}`);
  }
  return v;
}

/**
 * Copies `y` with its NaN filled (`interpolateGaps`, nearest observation at the ends); `missing` is null when
 * nothing was missing. ±Infinity and an input without observations throw.
 */
function fillMissing(y: ArrayLike<number>): { filled: Float64Array; missing: Uint8Array | null } {
  let observed = 0;
  for (let i = 0; i < y.length; i++) {
    const v = +y[i];
    if (v === Infinity || v === -Infinity) {
      throw new Error(`stl: input must be finite or NaN; got ${v} at index ${i}`);
    }
    observed += Number.isNaN(v) ? 0 : 1;
  }
  if (observed === 0) {
    throw new Error('stl: input has no observed (non-NaN) values');
  }
  const { values, missing } = interpolateGaps(y);
  return { filled: values, missing };
}

/**
 * Preallocated buffers and the STL passes. One instance per call; nothing is allocated per point.
 */
class StlWorkspace {
  readonly trend: Float64Array;
  readonly seasonal: Float64Array;
  readonly rw: Float64Array;
  private readonly n: number;
  private readonly p: StlParameters;
  /** Cycle-subseries smooth, extended by one period at each end (n + 2·period). */
  private readonly cycle: Float64Array;
  private readonly ma1: Float64Array;
  private readonly ma2: Float64Array;
  private readonly lowPassOut: Float64Array;
  private readonly detrended: Float64Array;
  private readonly subY: Float64Array;
  private readonly subW: Float64Array;
  private readonly subOut: Float64Array;
  private readonly absRes: Float64Array;
  /** Tricube weights by integer distance for the bandwidth `kernelH`. */
  private readonly kernel: Float64Array;
  private kernelH = -1;

  constructor(n: number, p: StlParameters) {
    this.n = n;
    this.p = p;
    const np = p.period;
    this.trend = new Float64Array(n);
    this.seasonal = new Float64Array(n);
    this.rw = new Float64Array(n);
    this.cycle = new Float64Array(n + 2 * np);
    this.ma1 = new Float64Array(n + np + 1);
    this.ma2 = new Float64Array(n + 2);
    this.lowPassOut = new Float64Array(n);
    this.detrended = new Float64Array(n);
    const k = Math.ceil(n / np) + 2;
    this.subY = new Float64Array(k);
    this.subW = new Float64Array(k);
    this.subOut = new Float64Array(k);
    this.absRes = new Float64Array(n);
    // Bandwidth never exceeds the larger of span and series length plus one (extrapolation at xs = −1 or n).
    this.kernel = new Float64Array(Math.max(p.seasonal, p.trend, p.lowPass, n) + 3);
  }

  run(y: Float64Array): void {
    const { p } = this;
    let useRw = false;
    for (let k = 0; ; k++) {
      this.innerLoop(y, useRw);
      if (k >= p.outer) {
        break;
      }
      this.robustnessWeights(y);
      useRw = true;
    }
    if (p.outer <= 0) {
      this.rw.fill(1);
    }
  }

  /** Cleveland et al. 1990 §2.2, steps 1–6, repeated `inner` times. */
  private innerLoop(y: Float64Array, useRw: boolean): void {
    const { n, p, trend, seasonal, detrended, cycle, lowPassOut } = this;
    const np = p.period;
    const rw = useRw ? this.rw : null;
    for (let it = 0; it < p.inner; it++) {
      // Step 1: detrend.
      for (let i = 0; i < n; i++) {
        detrended[i] = y[i] - trend[i];
      }
      // Step 2: cycle-subseries smoothing, extended one period either side.
      this.smoothCycleSubseries(detrended, rw);
      // Step 3: low-pass filter of the cycle-subseries: MA(np), MA(np), MA(3), then loess.
      movingAverage(cycle, n + 2 * np, np, this.ma1);
      movingAverage(this.ma1, n + np + 1, np, this.ma2);
      movingAverage(this.ma2, n + 2, 3, this.ma1);
      this.loess(this.ma1, n, p.lowPass, p.lowPassDeg, p.lowPassJump, null, lowPassOut, 0);
      // Step 4: detrend the smoothed cycle-subseries.
      for (let i = 0; i < n; i++) {
        seasonal[i] = cycle[np + i] - lowPassOut[i];
      }
      // Step 5: deseasonalise; step 6: trend smoothing.
      for (let i = 0; i < n; i++) {
        detrended[i] = y[i] - seasonal[i];
      }
      this.loess(detrended, n, p.trend, p.trendDeg, p.trendJump, rw, trend, 0);
    }
  }

  private smoothCycleSubseries(x: Float64Array, rw: Float64Array | null): void {
    const { n, p, subY, subW, subOut, cycle } = this;
    const np = p.period;
    const ns = p.seasonal;
    const subRw = rw === null ? null : subW;
    for (let j = 0; j < np; j++) {
      const k = Math.floor((n - 1 - j) / np) + 1;
      for (let i = 0; i < k; i++) {
        subY[i] = x[i * np + j];
      }
      if (rw !== null) {
        for (let i = 0; i < k; i++) {
          subW[i] = rw[i * np + j];
        }
      }
      this.loess(subY, k, ns, p.seasonalDeg, p.seasonalJump, subRw, subOut, 1);
      // Extrapolate one cycle before the start and one after the end.
      const before = this.estimate(subY, k, ns, p.seasonalDeg, -1, 0, Math.min(ns, k) - 1, subRw);
      subOut[0] = Number.isNaN(before) ? subOut[1] : before;
      const after = this.estimate(subY, k, ns, p.seasonalDeg, k, Math.max(0, k - ns), k - 1, subRw);
      subOut[k + 1] = Number.isNaN(after) ? subOut[k] : after;
      for (let m = 0; m < k + 2; m++) {
        cycle[m * np + j] = subOut[m];
      }
    }
  }

  /**
   * Loess smooth of y[0..n) with span `len`, evaluated every `jump` points and linearly interpolated
   * between, written to out[off..off+n). Window placement as in the original STL (Cleveland et al. 1990, App.).
   */
  private loess(
    y: Float64Array,
    n: number,
    len: number,
    deg: number,
    jump: number,
    rw: Float64Array | null,
    out: Float64Array,
    off: number
  ): void {
    if (n < 2) {
      out[off] = y[0];
      return;
    }
    const nj = Math.min(jump, n - 1);
    let nleft = 0;
    let nright = 0;
    if (len >= n) {
      nleft = 0;
      nright = n - 1;
      for (let i = 0; i < n; i += nj) {
        const v = this.estimate(y, n, len, deg, i, nleft, nright, rw);
        out[off + i] = Number.isNaN(v) ? y[i] : v;
      }
    } else if (nj === 1) {
      const nsh = (len + 1) >> 1;
      nleft = 0;
      nright = len - 1;
      for (let i = 0; i < n; i++) {
        if (i + 1 > nsh && nright !== n - 1) {
          nleft++;
          nright++;
        }
        const v = this.estimate(y, n, len, deg, i, nleft, nright, rw);
        out[off + i] = Number.isNaN(v) ? y[i] : v;
      }
    } else {
      const nsh = (len + 1) >> 1;
      for (let i = 0; i < n; i += nj) {
        if (i + 1 < nsh) {
          nleft = 0;
          nright = len - 1;
        } else if (i + 1 >= n - nsh + 1) {
          nleft = n - len;
          nright = n - 1;
        } else {
          nleft = i - nsh + 1;
          nright = len + i - nsh;
        }
        const v = this.estimate(y, n, len, deg, i, nleft, nright, rw);
        out[off + i] = Number.isNaN(v) ? y[i] : v;
      }
    }
    if (nj !== 1) {
      for (let i = 0; i < n - nj; i += nj) {
        const a = out[off + i];
        const delta = (out[off + i + nj] - a) / nj;
        for (let j = 1; j < nj; j++) {
          out[off + i + j] = a + delta * j;
        }
      }
      const k = Math.floor((n - 1) / nj) * nj;
      if (k !== n - 1) {
        // The last point is always fitted, with the window of the last fitted point (as in the original code).
        const v = this.estimate(y, n, len, deg, n - 1, nleft, nright, rw);
        out[off + n - 1] = Number.isNaN(v) ? y[n - 1] : v;
        if (k !== n - 2) {
          const a = out[off + k];
          const delta = (out[off + n - 1] - a) / (n - 1 - k);
          for (let j = k + 1; j < n - 1; j++) {
            out[off + j] = a + delta * (j - k);
          }
        }
      }
    }
  }

  /**
   * Local (degree 0 or 1) weighted regression at position xs using y[nleft..nright] with tricube
   * distance weights times robustness weights. Returns NaN when all weights vanish (caller falls back).
   * One pass with sums relative to xs keeps it allocation-free and numerically tame.
   */
  private estimate(
    y: Float64Array,
    n: number,
    len: number,
    deg: number,
    xs: number,
    nleft: number,
    nright: number,
    rw: Float64Array | null
  ): number {
    let h = Math.max(xs - nleft, nright - xs);
    if (len > n) {
      h += Math.floor((len - n) / 2);
    }
    const kernel = this.kernelFor(h);
    // Only points with |j − xs| ≤ 0.999·h get weight (kernel[d] is 0 beyond), so clamp the loop.
    const reach = h > 0 ? h - 1 : 0;
    const lo = Math.max(nleft, xs - reach);
    const hi = Math.min(nright, xs + reach);
    if (rw === null && xs - lo === hi - xs) {
      // Symmetric window without robustness weights: Σw·d = 0, so the degree-1 fit equals the weighted
      // mean; fold the two halves to halve the work (the bulk of all evaluations).
      let sw = kernel[0];
      let swy = sw * y[xs];
      for (let d = 1, end = hi - xs; d <= end; d++) {
        const w = kernel[d];
        sw += 2 * w;
        swy += w * (y[xs - d] + y[xs + d]);
      }
      return swy / sw;
    }
    let sw = 0;
    let swx = 0;
    let swxx = 0;
    let swy = 0;
    let swxy = 0;
    // Left of xs (d < 0) and from xs rightwards, so kernel indices need no absolute value; separate loops
    // with and without robustness weights keep the hot loops branch-free.
    const mid = Math.min(hi + 1, Math.max(lo, xs));
    if (rw === null) {
      for (let j = lo; j < mid; j++) {
        const d = j - xs;
        const w = kernel[-d];
        const wy = w * y[j];
        sw += w;
        swx += w * d;
        swxx += w * d * d;
        swy += wy;
        swxy += wy * d;
      }
      for (let j = mid; j <= hi; j++) {
        const d = j - xs;
        const w = kernel[d];
        const wy = w * y[j];
        sw += w;
        swx += w * d;
        swxx += w * d * d;
        swy += wy;
        swxy += wy * d;
      }
    } else {
      for (let j = lo; j < mid; j++) {
        const d = j - xs;
        const w = kernel[-d] * rw[j];
        const wy = w * y[j];
        sw += w;
        swx += w * d;
        swxx += w * d * d;
        swy += wy;
        swxy += wy * d;
      }
      for (let j = mid; j <= hi; j++) {
        const d = j - xs;
        const w = kernel[d] * rw[j];
        const wy = w * y[j];
        sw += w;
        swx += w * d;
        swxx += w * d * d;
        swy += wy;
        swxy += wy * d;
      }
    }
    if (!(sw > 0)) {
      return NaN;
    }
    if (h > 0 && deg > 0) {
      const a = swx / sw;
      const c = swxx / sw - a * a;
      // Fit the slope only when the weighted spread of x is not negligible (0.001 of the range, as in STL).
      if (Math.sqrt(c) > 0.001 * (n - 1)) {
        const b = -a / c;
        return (swy + b * (swxy - a * swy)) / sw;
      }
    }
    return swy / sw;
  }

  /** Tricube weights (1 − (d/h)³)³ for integer distances d; 1 within 0.001·h, 0 beyond 0.999·h. */
  private kernelFor(h: number): Float64Array {
    const { kernel } = this;
    if (h !== this.kernelH) {
      const h9 = 0.999 * h;
      const h1 = 0.001 * h;
      const top = Math.min(Math.ceil(h), kernel.length - 1);
      for (let d = 0; d <= top; d++) {
        if (d > h9) {
          kernel[d] = 0;
        } else if (d <= h1) {
          kernel[d] = 1;
        } else {
          const r = d / h;
          const t = 1 - r * r * r;
          kernel[d] = t * t * t;
        }
      }
      this.kernelH = h;
    }
    return kernel;
  }

  /** Bisquare weights of |residual| / (6·median |residual|) (Cleveland et al. 1990 §2.4). */
  private robustnessWeights(y: Float64Array): void {
    const { n, trend, seasonal, rw, absRes } = this;
    for (let i = 0; i < n; i++) {
      absRes[i] = Math.abs(y[i] - trend[i] - seasonal[i]);
    }
    // Median via selection on the scratch copy; rw is recomputed from the residuals afterwards.
    const hiIdx = n >> 1;
    const loIdx = n - 1 - hiIdx;
    selectKth(absRes, hiIdx);
    let med = absRes[hiIdx];
    if (loIdx !== hiIdx) {
      // After selection everything left of hiIdx is ≤ it, so the lower middle is the maximum there.
      let m = -Infinity;
      for (let i = 0; i < hiIdx; i++) {
        if (absRes[i] > m) {
          m = absRes[i];
        }
      }
      med = (med + m) / 2;
    }
    const cmad = 6 * med;
    const c9 = 0.999 * cmad;
    const c1 = 0.001 * cmad;
    for (let i = 0; i < n; i++) {
      const r = Math.abs(y[i] - trend[i] - seasonal[i]);
      if (r <= c1) {
        rw[i] = 1;
      } else if (r <= c9) {
        const u = r / cmad;
        const t = 1 - u * u;
        rw[i] = t * t;
      } else {
        rw[i] = 0;
      }
    }
  }
}

/** Moving average of span `len` over x[0..n), written to out[0..n−len]. Running sum, as in STL's filter. */
function movingAverage(x: Float64Array, n: number, len: number, out: Float64Array): void {
  const m = n - len + 1;
  let v = 0;
  for (let i = 0; i < len; i++) {
    v += x[i];
  }
  out[0] = v / len;
  for (let j = 1; j < m; j++) {
    v += x[j + len - 1] - x[j - 1];
    out[j] = v / len;
  }
}
