/**
 * Lagged cross-correlation: Pearson's r between x[i] and y[i − k] over their overlap, for every lag
 * k in [−maxLag, maxLag] (k > 0: y leads x). Our own, sharing the kernel of `rankCorrelations`; no
 * preprocessing here (difference or detrend first if the series trend).
 *
 * Unlike the biased estimator of `statsmodels.tsa.stattools.ccf` (full-series means and a 1/n divisor),
 * each lag is a plain Pearson correlation of the overlapping pairs, so values stay in [−1, 1] and match
 * `numpy.corrcoef` on the shifted overlap.
 *
 * NaN policy: pairs with a NaN are dropped; a lag with fewer than `minOverlap` complete pairs, or a
 * constant side, gives NaN. Different lengths are a RangeError. Inputs are never mutated.
 */
import { ScanSeries, laggedPearsonScan, prepareScanSeries } from './laggedPearsonScan';
import { zNormalizeInPlace } from './zNormalizeInPlace';

export interface CrossCorrelationOptions {
  /** Largest lag in steps, both directions. Default 10, capped at length − 2. */
  maxLag?: number;
  /** Fewest complete pairs per lag. Default 3. */
  minOverlap?: number;
}

function scanSeries(v: ArrayLike<number>): ScanSeries {
  const n = v.length;
  const s: ScanSeries = {
    values: Float64Array.from(v),
    lo: 0,
    hi: n,
    prefix: new Float64Array(n + 1),
    prefixSq: new Float64Array(n + 1),
    hasNaN: false,
  };
  // Normalising first keeps the prefix-sum variances well conditioned; r does not change.
  zNormalizeInPlace(s.values, n);
  prepareScanSeries(s);
  return s;
}

/** Returns r per lag: `result[k + maxLag]` is the correlation at lag k. */
export function crossCorrelation(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  options: CrossCorrelationOptions = {}
): Float64Array {
  const n = x.length;
  if (y.length !== n) {
    throw new RangeError(`crossCorrelation: series lengths differ (${n} vs ${y.length})`);
  }
  const maxLag = Math.min(options.maxLag ?? 10, Math.max(0, n - 2));
  const minOverlap = options.minOverlap ?? 3;
  if (!Number.isInteger(maxLag) || maxLag < 0) {
    throw new RangeError(`crossCorrelation: maxLag must be an integer ≥ 0, got ${options.maxLag}`);
  }
  if (!Number.isInteger(minOverlap) || minOverlap < 2) {
    throw new RangeError(`crossCorrelation: minOverlap must be an integer ≥ 2, got ${minOverlap}`);
  }
  const out = new Float64Array(2 * maxLag + 1);
  laggedPearsonScan(scanSeries(x), scanSeries(y), maxLag, minOverlap, out);
  return out;
}
