/**
 * Same-time-of-season band: the expected value at t is the weighted median of the values at the same phase
 * (±`halfWidth` points) in the previous `seasons` seasons, with weights decayᶦ⁻¹ for the i-th season back
 * (recent seasons count more; exponential decay as in Holt–Winters' seasonal update), and σ is the weighted
 * median absolute deviation around it × 1.4826 (normal-consistent, Hampel 1974). Our own: augurs has no
 * seasonal band. Causal: only points t − i·period + d (i ≥ 1, |d| ≤ halfWidth < period) are used.
 *
 * Weighted median: the smallest value whose cumulative weight reaches half the total; when a value's
 * cumulative weight equals exactly half, the mean of it and the next value (so equal weights give the usual
 * median).
 *
 * NaN policy: NaN history points are skipped; fewer than `minSamples` finite samples give a NaN band (the
 * first season is always NaN). A NaN y[t] has a band but a NaN score.
 */
import { MAD_NORMAL_SCALE } from '../stats';
import { bandFromSpread, checkBandOptions } from './bandFromSpread';
import type { BandOptions, BandResult } from './bandResult';

export interface SeasonalBandOptions extends BandOptions {
  /** Season length in points (e.g. 1440 for daily at 1 min). Required. */
  period: number;
  /** How many past seasons to look at. Default 4. */
  seasons?: number;
  /** Weight ratio between consecutive seasons back, in (0, 1]. Default 0.7. */
  decay?: number;
  /** Neighbouring phases on each side also used (absorbs small timing jitter). Default 1. */
  halfWidth?: number;
  /** Finite samples needed for a band. Default 3. */
  minSamples?: number;
}

/** Weighted median of values[0..count) with weights; `order` is a work buffer. The inputs keep their order. */
function weightedMedian(values: Float64Array, weights: Float64Array, count: number, order: Uint32Array): number {
  // Insertion sort of indices: count is small (seasons · (2·halfWidth + 1)), where it beats a comparator sort.
  for (let i = 0; i < count; i++) {
    const v = values[i];
    let j = i - 1;
    while (j >= 0 && values[order[j]] > v) {
      order[j + 1] = order[j];
      j--;
    }
    order[j + 1] = i;
  }
  const idx = order;
  let total = 0;
  for (let i = 0; i < count; i++) {
    total += weights[i];
  }
  const half = total / 2;
  let cumulative = 0;
  for (let i = 0; i < count; i++) {
    cumulative += weights[idx[i]];
    if (cumulative >= half) {
      // Exact tie at the half: average with the next value (relative tolerance for rounding of the sums).
      if (Math.abs(cumulative - half) <= 1e-12 * total && i + 1 < count) {
        return (values[idx[i]] + values[idx[i + 1]]) / 2;
      }
      return values[idx[i]];
    }
  }
  return values[idx[count - 1]];
}

/** Weighted same-phase band over past seasons. See the file header for the policies. */
export function seasonalBand(y: ArrayLike<number>, options: SeasonalBandOptions): BandResult {
  const { period } = options;
  const seasons = options.seasons ?? 4;
  const decay = options.decay ?? 0.7;
  const halfWidth = options.halfWidth ?? 1;
  const minSamples = options.minSamples ?? 3;
  const k = options.k ?? 3;
  const direction = options.direction ?? 'both';
  checkBandOptions('seasonalBand', k, direction);
  if (!Number.isInteger(period) || period < 2) {
    throw new RangeError(`seasonalBand: period must be an integer ≥ 2, got ${period}`);
  }
  if (!Number.isInteger(seasons) || seasons < 1) {
    throw new RangeError(`seasonalBand: seasons must be a positive integer, got ${seasons}`);
  }
  if (!(decay > 0 && decay <= 1)) {
    throw new RangeError(`seasonalBand: decay must lie in (0, 1], got ${decay}`);
  }
  if (!Number.isInteger(halfWidth) || halfWidth < 0 || 2 * halfWidth >= period) {
    throw new RangeError(`seasonalBand: halfWidth must be an integer in [0, period/2), got ${halfWidth}`);
  }
  const n = y.length;
  const capacity = seasons * (2 * halfWidth + 1);
  const values = new Float64Array(capacity);
  const weights = new Float64Array(capacity);
  const deviations = new Float64Array(capacity);
  const order = new Uint32Array(capacity);
  const expected = new Float64Array(n);
  const sigma = new Float64Array(n);
  for (let t = 0; t < n; t++) {
    let count = 0;
    let w = 1;
    for (let i = 1; i <= seasons; i++, w *= decay) {
      const centre = t - i * period;
      if (centre + halfWidth < 0) {
        break;
      }
      for (let d = -halfWidth; d <= halfWidth; d++) {
        const j = centre + d;
        // j < t − period + halfWidth < t always, so the point itself is never used.
        if (j >= 0) {
          const v = y[j];
          if (v === v) {
            values[count] = v;
            weights[count] = w;
            count++;
          }
        }
      }
    }
    if (count < minSamples) {
      expected[t] = NaN;
      sigma[t] = NaN;
      continue;
    }
    const centre = weightedMedian(values, weights, count, order);
    for (let i = 0; i < count; i++) {
      deviations[i] = Math.abs(values[i] - centre);
    }
    expected[t] = centre;
    sigma[t] = MAD_NORMAL_SCALE * weightedMedian(deviations, weights, count, order);
  }
  return bandFromSpread(y, expected, sigma, k, direction, 'seasonal');
}
