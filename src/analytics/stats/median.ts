/**
 * Median (our own, selection based: expected O(n), no full sort). Equals the type-7 quantile at p = 0.5:
 * the middle value for odd counts, the mean of the two middle values for even counts.
 *
 * NaN policy: NaN values are skipped; no non-NaN value gives NaN. The input is never mutated.
 */
import { collectNonNaN } from './collectNonNaN';
import { quantileOfBuffer } from './quantile';

export interface MedianOptions {
  /** Work buffer of length ≥ `values.length`, overwritten; reuse it in hot loops. Default: fresh buffer. */
  scratch?: Float64Array;
}

export function median(values: ArrayLike<number>, options: MedianOptions = {}): number {
  const { buffer, count } = collectNonNaN(values, options.scratch);
  return quantileOfBuffer(buffer, count, 0.5);
}
