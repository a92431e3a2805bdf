/**
 * Dynamic time warping distance (Sakoe & Chiba 1978, IEEE TASSP 26(1)) with a Sakoe–Chiba band:
 * D(i, j) = d(aᵢ, bⱼ) + min(D(i−1, j), D(i, j−1), D(i−1, j−1)) for |i − j| ≤ w, where
 * w = max(window, |len(a) − len(b)|) so the end cell stays reachable. `euclidean` sums squared
 * differences and returns the square root of the total (as augurs' `Dtw.euclidean`); `manhattan` sums
 * absolute differences.
 *
 * Our own, O(n·w) time and O(n) memory in reused rows. augurs' `Dtw` computes the same distance (checked
 * in tests); benchmarks/correlation.bench.ts compares their speed. We keep ours because it avoids
 * copying each pair across the WebAssembly boundary in the ranking loop and needs no initialisation.
 *
 * NaN policy: any NaN in either input gives NaN. Either input empty gives Infinity (no alignment
 * exists; augurs does the same). Inputs are never mutated.
 */

export interface DtwDistanceOptions {
  /** Sakoe–Chiba band half-width in steps. Default: unbounded (full DTW). */
  window?: number;
  /** Local distance. Default `euclidean`. */
  distance?: 'euclidean' | 'manhattan';
  /** Reusable row buffers of length ≥ len(b) + 1 each (hot loops). */
  rows?: [Float64Array, Float64Array];
}

export function dtwDistance(a: ArrayLike<number>, b: ArrayLike<number>, options: DtwDistanceOptions = {}): number {
  const n = a.length;
  const m = b.length;
  if (n === 0 || m === 0) {
    return Infinity;
  }
  const window = options.window ?? Math.max(n, m);
  if (!Number.isInteger(window) || window < 0) {
    throw new RangeError(`dtwDistance: window must be an integer ≥ 0, got ${options.window}`);
  }
  const manhattan = options.distance === 'manhattan';
  if (options.distance !== undefined && options.distance !== 'euclidean' && !manhattan) {
    throw new RangeError(`dtwDistance: distance must be euclidean or manhattan, got ${options.distance}`);
  }
  for (let i = 0; i < n; i++) {
    if (a[i] !== a[i]) {
      return NaN;
    }
  }
  for (let j = 0; j < m; j++) {
    if (b[j] !== b[j]) {
      return NaN;
    }
  }
  const w = Math.max(window, Math.abs(n - m));
  const given = options.rows;
  const reuse = given !== undefined && given[0].length >= m + 1 && given[1].length >= m + 1;
  let prev: Float64Array = reuse ? given[0] : new Float64Array(m + 1);
  let cur: Float64Array = reuse ? given[1] : new Float64Array(m + 1);
  // Row i of the cost matrix over columns 1..m; column 0 is the infinite border.
  prev.fill(Infinity, 0, m + 1);
  prev[0] = 0;
  for (let i = 1; i <= n; i++) {
    const ai = a[i - 1];
    const jLo = Math.max(1, i - w);
    const jHi = Math.min(m, i + w);
    // Cells outside the band are unreachable: reset the ones the previous use of `cur` may have left.
    cur[0] = Infinity;
    if (jLo > 1) {
      cur[jLo - 1] = Infinity;
    }
    for (let j = jLo; j <= jHi; j++) {
      const diff = ai - b[j - 1];
      const d = manhattan ? Math.abs(diff) : diff * diff;
      const up = prev[j];
      const left = cur[j - 1];
      const diag = prev[j - 1];
      let best = up < left ? up : left;
      if (diag < best) {
        best = diag;
      }
      cur[j] = d + best;
    }
    if (jHi < m) {
      cur[jHi + 1] = Infinity;
    }
    const t: Float64Array = prev;
    prev = cur;
    cur = t;
  }
  const total = prev[m];
  return manhattan ? total : Math.sqrt(total);
}
