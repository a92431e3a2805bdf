/**
 * Median absolute deviation, MAD = scale · median(|xᵢ − median(x)|). Our own, selection based.
 *
 * `scale` defaults to 1.4826 (≈ 1/Φ⁻¹(3/4)), which makes MAD a consistent estimator of the standard
 * deviation for normal data, the default of R's `stats::mad` and of
 * `scipy.stats.median_abs_deviation(scale="normal")`. Pass `scale: 1` for the raw MAD.
 *
 * NaN policy: NaN values are skipped; no non-NaN value gives NaN. The input is never mutated.
 */
import { collectNonNaN } from './collectNonNaN';
import { quantileOfBuffer } from './quantile';

/** 1/Φ⁻¹(0.75) rounded as R does (`mad(constant = 1.4826)`). */
export const MAD_NORMAL_SCALE = 1.4826;

export interface MadOptions {
  /** Multiplier of the raw MAD. Default 1.4826 (normal-consistent); 1 gives the raw MAD. */
  scale?: number;
  /** Centre to measure deviations from. Default: the median of the non-NaN values. */
  center?: number;
  /** Work buffer of length ≥ `values.length`, overwritten; reuse it in hot loops. Default: fresh buffer. */
  scratch?: Float64Array;
}

export function mad(values: ArrayLike<number>, options: MadOptions = {}): number {
  const scale = options.scale ?? MAD_NORMAL_SCALE;
  const { buffer, count } = collectNonNaN(values, options.scratch);
  if (count === 0) {
    return NaN;
  }
  const center = options.center ?? quantileOfBuffer(buffer, count, 0.5);
  // Selection reordered the buffer but kept its multiset, so deviations can be taken in place.
  for (let i = 0; i < count; i++) {
    buffer[i] = Math.abs(buffer[i] - center);
  }
  return scale * quantileOfBuffer(buffer, count, 0.5);
}
