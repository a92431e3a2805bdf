/**
 * Index of the time closest to `t` in ascending `times` (ties go to the earlier point); -1 when empty. Binary
 * search, so the cursor stays cheap on long series.
 */
export function nearestIndex(times: ArrayLike<number>, t: number): number {
  const n = times.length;
  if (n === 0 || !Number.isFinite(t)) {
    return -1;
  }
  let lo = 0;
  let hi = n - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (times[mid] < t) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  // lo is the first time ≥ t; the one before may be closer.
  return lo > 0 && t - times[lo - 1] <= times[lo] - t ? lo - 1 : lo;
}
