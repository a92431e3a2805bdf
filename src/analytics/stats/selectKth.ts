/**
 * In-place selection (our own; Hoare's quickselect with a median-of-three pivot, CACM 4(7) 1961 "FIND").
 * After the call `buffer[k]` holds the k-th smallest (0-based) of `buffer[lo..hi]`, everything left of
 * it is ≤ and everything right of it is ≥. Expected O(n); no full sort. The buffer must hold no NaN.
 *
 * This reorders `buffer`: callers pass a work copy, never user input.
 */
export function selectKth(buffer: Float64Array, k: number, lo = 0, hi = buffer.length - 1): number {
  if (k < lo || k > hi) {
    throw new RangeError(`selectKth: k=${k} outside [${lo}, ${hi}]`);
  }
  while (hi > lo) {
    // Median of three as pivot, placed at buffer[k]'s side-effects free position `mid`.
    const mid = (lo + hi) >>> 1;
    let a = buffer[lo];
    let b = buffer[mid];
    let c = buffer[hi];
    if (a > b) {
      const t = a;
      a = b;
      b = t;
    }
    if (b > c) {
      b = c;
      if (a > b) {
        b = a;
      }
    }
    const pivot = b;
    // Hoare partition around the pivot value.
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (buffer[i] < pivot) {
        i++;
      }
      while (buffer[j] > pivot) {
        j--;
      }
      if (i <= j) {
        const t = buffer[i];
        buffer[i] = buffer[j];
        buffer[j] = t;
        i++;
        j--;
      }
    }
    // Now buffer[lo..j] ≤ pivot, buffer[i..hi] ≥ pivot, and j < k < i means buffer[k] == pivot.
    if (k <= j) {
      hi = j;
    } else if (k >= i) {
      lo = i;
    } else {
      return buffer[k];
    }
  }
  return buffer[k];
}
