/**
 * Percent change of each value against an earlier one: 100 · (x[i] − base) / |base|, with the base
 * either `lag` steps earlier or, given timestamps, the last sample at least `durationMs` earlier. Our
 * own (a one-liner per point; no library has the gap policy we need).
 *
 * Dividing by |base| keeps the sign meaningful for negative values (−10 → −5 is +50 %).
 *
 * NaN policy:
 * - no base yet (the first `lag` points, or nothing `durationMs` back) → NaN;
 * - base or current value NaN → NaN (a gap is not bridged by an older value in step mode);
 * - base 0 → NaN (the change is undefined; not ±Infinity, which would break downstream thresholds);
 * - duration mode: the base is the latest sample with t ≤ tᵢ − durationMs; if it is older than
 *   tᵢ − durationMs − toleranceMs (a gap in the data), NaN.
 * Inputs are never mutated.
 */
import { checkTimestamps } from './checkTimestamps';

export interface PercentChangeOptions {
  /** Compare with the value this many steps earlier. Default 1 unless `durationMs` is given. */
  lag?: number;
  /** Compare with the value this long before (needs `timestamps`, ms). Give `lag` or this, not both. */
  durationMs?: number;
  /** Epoch-ms timestamps, strictly increasing, same length as values (duration mode only). */
  timestamps?: ArrayLike<number>;
  /** Duration mode: how much older than tᵢ − durationMs the base may be. Default `durationMs`. */
  toleranceMs?: number;
}

export function percentChange(values: ArrayLike<number>, options: PercentChangeOptions = {}): Float64Array {
  const n = values.length;
  const out = new Float64Array(n).fill(NaN);
  const change = (cur: number, base: number) =>
    base === 0 || base !== base || cur !== cur ? NaN : (100 * (cur - base)) / Math.abs(base);
  if (options.durationMs === undefined) {
    if (options.timestamps !== undefined || options.toleranceMs !== undefined) {
      throw new RangeError('percentChange: timestamps and toleranceMs apply only with durationMs');
    }
    const lag = options.lag ?? 1;
    if (!Number.isInteger(lag) || lag < 1) {
      throw new RangeError(`percentChange: lag must be an integer ≥ 1, got ${lag}`);
    }
    for (let i = lag; i < n; i++) {
      out[i] = change(values[i], values[i - lag]);
    }
    return out;
  }
  if (options.lag !== undefined) {
    throw new RangeError('percentChange: give lag or durationMs, not both');
  }
  const d = options.durationMs;
  if (!(d > 0) || !Number.isFinite(d)) {
    throw new RangeError(`percentChange: durationMs must be a finite number > 0, got ${d}`);
  }
  const ts = options.timestamps;
  if (ts === undefined) {
    throw new RangeError('percentChange: durationMs needs timestamps');
  }
  checkTimestamps(values, ts, 'percentChange');
  const tol = options.toleranceMs ?? d;
  if (!(tol >= 0) || !Number.isFinite(tol)) {
    throw new RangeError(`percentChange: toleranceMs must be a finite number ≥ 0, got ${tol}`);
  }
  // Two pointers: `j` is the latest index with ts[j] ≤ ts[i] − d.
  let j = -1;
  for (let i = 0; i < n; i++) {
    const target = ts[i] - d;
    while (j + 1 < i && ts[j + 1] <= target) {
      j++;
    }
    if (j >= 0 && ts[j] >= target - tol) {
      out[i] = change(values[i], values[j]);
    }
  }
  return out;
}
