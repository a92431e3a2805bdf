/**
 * Sample quantile, Hyndman & Fan (1996) type 7: the default of R's `quantile` and numpy's
 * `np.quantile(..., method="linear")`. h = (n − 1)·p; Q = x₍⌊h⌋₎ + (h − ⌊h⌋)·(x₍⌊h⌋+1₎ − x₍⌊h⌋₎), 0-based
 * order statistics. Our own, selection based (expected O(n), no full sort).
 *
 * NaN policy: NaN values are skipped; an input with no non-NaN value gives NaN. `p` outside [0, 1] or NaN
 * is a RangeError. The input is never mutated.
 */
import { collectNonNaN } from './collectNonNaN';
import { selectKth } from './selectKth';

export interface QuantileOptions {
  /**
   * Work buffer of length ≥ `values.length`, reused across calls in hot loops to avoid allocation.
   * Its contents are overwritten. Default: a fresh buffer per call.
   */
  scratch?: Float64Array;
}

export function quantile(values: ArrayLike<number>, p: number, options: QuantileOptions = {}): number {
  if (!(p >= 0 && p <= 1)) {
    throw new RangeError(`quantile: p must be in [0, 1], got ${p}`);
  }
  const { buffer, count } = collectNonNaN(values, options.scratch);
  return quantileOfBuffer(buffer, count, p);
}

/** Type-7 quantile of `buffer[0..count)`, reordering it. Shared by `median` and `mad`. */
export function quantileOfBuffer(buffer: Float64Array, count: number, p: number): number {
  if (count === 0) {
    return NaN;
  }
  const h = (count - 1) * p;
  const lo = Math.floor(h);
  const frac = h - lo;
  const xlo = selectKth(buffer, lo, 0, count - 1);
  if (frac === 0 || lo + 1 >= count) {
    return xlo;
  }
  // After selection everything right of `lo` is ≥ x₍lo₎, so the next order statistic is their minimum.
  let xhi = Infinity;
  for (let i = lo + 1; i < count; i++) {
    if (buffer[i] < xhi) {
      xhi = buffer[i];
    }
  }
  // Written as a + f·(b − a) like numpy, but guard equal infinities (∞ − ∞ = NaN).
  return xhi === xlo ? xlo : xlo + frac * (xhi - xlo);
}
