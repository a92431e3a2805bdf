/**
 * Robust STL remainder band: expected = trend + seasonal from STL (our `decomposition/stl`, robust by default
 * so that anomalies do not bend the fit), σ = 1.4826·MAD of the remainder, either over the whole series or
 * over a centred rolling window (for noise that changes over time). Our own band on top of our STL.
 * Not causal: STL smooths over the whole series (use `movingBand`/`forecastBand` for causal scoring).
 *
 * STL settings: any `StlOptions` pass through; those left out follow R's `stats::stl` speed defaults rather
 * than statsmodels' (loess evaluated every ⌈span/10⌉ points, inner = 1 pass; robust outer = 5 iterations
 * instead of 15), since a band on 10⁴ points at period 1440 must redraw in milliseconds, not seconds, and
 * the bisquare weights settle within a few iterations (Cleveland et al. 1990, §3.4).
 *
 * Rounding floor: STL's loess leaves remainders of ~1e-15·|y| on a noiseless series, which would make a MAD
 * of rounding noise the σ and give O(1) scores to nothing. σ is therefore at least `minSigma`, by default
 * 1e-9 × mean |y| (finite values); it only binds on (near-)noiseless data.
 *
 * NaN policy: STL fills gaps to estimate trend and seasonal (see stl.ts), so expected is defined at gaps but
 * the score there is NaN; the MAD skips NaN remainders. Fewer than two periods throws (STL's rule). With a
 * rolling window, a window with fewer than 3 finite remainders gives σ = NaN.
 */
import { stl, StlOptions, stlParameters, StlResult } from '../decomposition/stl';
import { mad } from '../stats';
import { bandFromSpread, checkBandOptions } from './bandFromSpread';
import type { BandOptions, BandResult } from './bandResult';

export interface StlResidualBandOptions extends BandOptions, Omit<StlOptions, 'robust'> {
  /** Robust STL (bisquare outer loop). Default true. */
  robust?: boolean;
  /** Centred rolling window (odd, points) for the MAD; 0 = one MAD for the whole series. Default 0. */
  madWindow?: number;
  /** Lower bound for σ. Default 1e-9 × mean |y| (see the header). */
  minSigma?: number;
  /** A decomposition already computed for `y` (skips the STL call). */
  decomposition?: Pick<StlResult, 'trend' | 'seasonal'>;
}

export interface StlResidualBandResult extends BandResult {
  trend: Float64Array;
  seasonal: Float64Array;
  remainder: Float64Array;
}

/** Fills unset STL options with R's jump and pass defaults (see the header). */
function fastStlOptions(options: StlOptions): StlOptions {
  const p = stlParameters(options);
  const jump = (span: number) => Math.ceil(span / 10);
  return {
    ...options,
    seasonalJump: options.seasonalJump ?? jump(p.seasonal),
    trendJump: options.trendJump ?? jump(p.trend),
    lowPassJump: options.lowPassJump ?? jump(p.lowPass),
    inner: options.inner ?? 1,
    outer: options.outer ?? (p.robust ? 5 : 0),
  };
}

/** STL expected value with a robust spread of the remainder. */
export function stlResidualBand(y: ArrayLike<number>, options: StlResidualBandOptions): StlResidualBandResult {
  const k = options.k ?? 3;
  const direction = options.direction ?? 'both';
  checkBandOptions('stlResidualBand', k, direction);
  const madWindow = options.madWindow ?? 0;
  if (!Number.isInteger(madWindow) || madWindow < 0 || (madWindow > 0 && (madWindow % 2 === 0 || madWindow < 3))) {
    throw new RangeError(`stlResidualBand: madWindow must be 0 or an odd integer ≥ 3, got ${madWindow}`);
  }
  const n = y.length;
  const { decomposition, k: _k, direction: _d, madWindow: _w, minSigma: _m, ...stlOptions } = options;
  const parts = decomposition ?? stl(y, fastStlOptions({ ...stlOptions, robust: options.robust ?? true }));
  if (parts.trend.length !== n || parts.seasonal.length !== n) {
    throw new RangeError('stlResidualBand: decomposition length differs from the series length');
  }
  const expected = new Float64Array(n);
  const remainder = new Float64Array(n);
  for (let t = 0; t < n; t++) {
    expected[t] = parts.trend[t] + parts.seasonal[t];
    remainder[t] = y[t] - expected[t];
  }
  const sigma = new Float64Array(n);
  if (madWindow === 0) {
    sigma.fill(mad(remainder));
  } else {
    const half = (madWindow - 1) / 2;
    const scratch = new Float64Array(madWindow);
    for (let t = 0; t < n; t++) {
      // Shift the window inside the series at the ends so every point has a full-width estimate.
      const from = Math.max(0, Math.min(t - half, n - madWindow));
      const slice = remainder.subarray(from, Math.min(n, from + madWindow));
      let finite = 0;
      for (let i = 0; i < slice.length; i++) {
        if (slice[i] === slice[i]) {
          finite++;
        }
      }
      sigma[t] = finite >= 3 ? mad(slice, { scratch }) : NaN;
    }
  }
  let minSigma = options.minSigma;
  if (minSigma === undefined) {
    let sum = 0;
    let count = 0;
    for (let t = 0; t < n; t++) {
      if (y[t] === y[t]) {
        sum += Math.abs(y[t]);
        count++;
      }
    }
    minSigma = count > 0 ? (1e-9 * sum) / count : 0;
  }
  for (let t = 0; t < n; t++) {
    if (sigma[t] < minSigma) {
      sigma[t] = minSigma;
    }
  }
  const band = bandFromSpread(y, expected, sigma, k, direction, 'remainder');
  return { ...band, trend: Float64Array.from(parts.trend), seasonal: Float64Array.from(parts.seasonal), remainder };
}
