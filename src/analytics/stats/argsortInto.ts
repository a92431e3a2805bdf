/**
 * Stable argsort of the non-NaN values (our own): writes into `order` the positions i of `values[0..n)`
 * with a value, sorted ascending by value (equal values keep their position order), and returns how many.
 * Bottom-up merge sort on typed arrays, with insertion-sorted runs of 8: no comparator callbacks, several
 * times faster than `Array#sort` with one. `order` and `tmp` need length ≥ n; `tmp` is scratch.
 * NaN positions are left out. The input is never mutated.
 */
export function argsortInto(values: ArrayLike<number>, n: number, order: Uint32Array, tmp: Uint32Array): number {
  let m = 0;
  for (let i = 0; i < n; i++) {
    if (values[i] === values[i]) {
      order[m++] = i;
    }
  }
  const RUN = 8;
  for (let lo = 0; lo < m; lo += RUN) {
    const hi = Math.min(lo + RUN, m);
    for (let i = lo + 1; i < hi; i++) {
      const x = order[i];
      const v = values[x];
      let j = i - 1;
      while (j >= lo && values[order[j]] > v) {
        order[j + 1] = order[j];
        j--;
      }
      order[j + 1] = x;
    }
  }
  let src = order;
  let dst = tmp;
  for (let width = RUN; width < m; width *= 2) {
    for (let lo = 0; lo < m; lo += 2 * width) {
      const mid = Math.min(lo + width, m);
      const hi = Math.min(lo + 2 * width, m);
      let i = lo;
      let j = mid;
      let k = lo;
      while (i < mid && j < hi) {
        dst[k++] = values[src[j]] < values[src[i]] ? src[j++] : src[i++];
      }
      while (i < mid) {
        dst[k++] = src[i++];
      }
      while (j < hi) {
        dst[k++] = src[j++];
      }
    }
    const t = src;
    src = dst;
    dst = t;
  }
  if (src !== order) {
    order.set(src.subarray(0, m));
  }
  return m;
}
