/**
 * The most recent level shift of a series (an upgrade, a migration, a new customer): the point after which the
 * series sits at a level it does not reach by its usual change. Our own, a robust two-window comparison.
 *
 * For each split k (on a grid of step ⌈w/8⌉) the median of the w points after k is compared with the median of
 * the w points before it. The difference is taken in excess of the usual change over w steps (the median of
 * the lag-w differences yₜ − yₜ₋ᵥ, so a steady trend is not a shift) and divided by the noise scale σ =
 * 1.4826·MAD(lag-w differences)/√2. Splits whose excess is above `threshold` are shifts; the latest run of
 * them is taken and, within it, the split with the largest excess. Choose w as the shortest season (a
 * window of whole cycles sees the same seasonal shape on both sides), or a few dozen points without one.
 *
 * NaN policy: NaN are skipped in the medians; a window without a finite value is not compared. The input is
 * never mutated.
 */
import { mad, median } from '../stats';

export interface LastLevelShiftOptions {
  /** Window length w in points (≥ 2). Required. */
  window: number;
  /** Excess, in noise scales, that counts as a shift. Default 6. */
  threshold?: number;
}

export interface LastLevelShiftResult {
  /** Index of the first point at the new level; −1 when no shift. */
  index: number;
  /** Level after minus level before, in the series' unit (NaN when no shift). */
  size: number;
}

export function lastLevelShift(y: ArrayLike<number>, options: LastLevelShiftOptions): LastLevelShiftResult {
  const w = options.window;
  const threshold = options.threshold ?? 6;
  if (!Number.isInteger(w) || w < 2) {
    throw new RangeError(`lastLevelShift: window must be an integer ≥ 2, got ${w}`);
  }
  const n = y.length;
  const none = { index: -1, size: NaN };
  if (n < 3 * w) {
    return none;
  }
  const diffs = new Float64Array(n - w);
  for (let t = w; t < n; t++) {
    diffs[t - w] = y[t] - y[t - w];
  }
  const usual = median(diffs);
  const sigma = mad(diffs, { center: usual }) / Math.SQRT2;
  if (!(sigma > 0)) {
    return none;
  }
  const step = Math.max(1, Math.ceil(w / 8));
  const scratch = new Float64Array(w);
  const data = y instanceof Float64Array ? y : Float64Array.from(y);
  const windowMedian = (from: number): number => median(data.subarray(from, from + w), { scratch });
  let runEnd = -1;
  let bestK = -1;
  let bestExcess = 0;
  let bestSize = NaN;
  for (let k = n - w; k >= w; k -= step) {
    const size = windowMedian(k) - windowMedian(k - w);
    const excess = Math.abs(size - usual) / sigma;
    if (excess > threshold) {
      if (runEnd < 0) {
        runEnd = k;
      }
      if (excess > bestExcess) {
        bestExcess = excess;
        bestK = k;
        bestSize = size;
      }
    } else if (runEnd >= 0) {
      break;
    }
  }
  return bestK < 0 ? none : { index: bestK, size: bestSize };
}
