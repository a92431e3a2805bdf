/**
 * Index of the first element ≥ x in an ascending array (its length when none is): binary search, O(log n). The
 * insertion point that keeps `sorted` ascending, shared by the calibrators that keep a stream's history sorted.
 */
export function lowerBound(sorted: ArrayLike<number>, x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] < x) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  return lo;
}
