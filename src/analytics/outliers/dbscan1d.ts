/**
 * DBSCAN (Ester, Kriegel, Sander & Xu 1996, KDD-96) on one-dimensional values with the absolute
 * difference as distance. Our own: in 1-D, sorting makes every ε-neighbourhood a contiguous run, so
 * neighbour counts come from two pointers and clusters from consecutive core points, O(n log n) in all,
 * where augurs' `DbscanClusterer` needs an n × n distance matrix (O(n²) time and memory; see
 * benchmarks/outliers.bench.ts).
 *
 * Semantics follow scikit-learn's `DBSCAN(eps, min_samples)`: a point is core when at least `minPts`
 * points (itself included) lie within distance ≤ ε; cores within ε of each other share a cluster; a
 * non-core point within ε of a core is a border point of that cluster, else noise (−1). A border point
 * within ε of cores of two clusters joins the nearer one (ties: the lower-valued), where scikit-learn's
 * choice depends on visiting order. Cluster ids are numbered 0, 1, … in ascending order of value.
 *
 * NaN policy: NaN values get label −1 and are nobody's neighbour. Inputs are never mutated.
 */

export interface Dbscan1dOptions {
  /** Neighbourhood radius ε > 0 (inclusive, as scikit-learn). */
  epsilon: number;
  /** Points within ε, itself included, needed for a core point. Default 2 (then DBSCAN is single linkage cut at ε). */
  minPts?: number;
}

export interface Dbscan1dSorted {
  /** Cluster id per sorted position, −1 for noise. */
  labels: Int32Array;
  /** 1 where the sorted position is a core point. */
  core: Uint8Array;
  /** Number of clusters. */
  clusterCount: number;
}

export function checkDbscanOptions(options: Dbscan1dOptions): { epsilon: number; minPts: number } {
  const { epsilon } = options;
  const minPts = options.minPts ?? 2;
  if (!(epsilon > 0) || !Number.isFinite(epsilon)) {
    throw new RangeError(`dbscan: epsilon must be a finite number > 0, got ${epsilon}`);
  }
  if (!Number.isInteger(minPts) || minPts < 1) {
    throw new RangeError(`dbscan: minPts must be an integer ≥ 1, got ${minPts}`);
  }
  return { epsilon, minPts };
}

/**
 * DBSCAN labels of ascending, NaN-free `sorted[0..m)`. `labels` and `core` are output buffers of length ≥ m
 * (reused across calls by the outlier detector). Returns the number of clusters.
 */
export function dbscanSortedInto(
  sorted: ArrayLike<number>,
  m: number,
  epsilon: number,
  minPts: number,
  labels: Int32Array,
  core: Uint8Array
): number {
  // Neighbour counts: the ε-neighbourhood of sorted[i] is the run [lo, hi].
  let lo = 0;
  let hi = 0;
  for (let i = 0; i < m; i++) {
    const v = sorted[i];
    while (v - sorted[lo] > epsilon) {
      lo++;
    }
    if (hi < i) {
      hi = i;
    }
    while (hi + 1 < m && sorted[hi + 1] - v <= epsilon) {
      hi++;
    }
    core[i] = hi - lo + 1 >= minPts ? 1 : 0;
  }
  // Clusters: consecutive cores closer than ε are density-connected; a larger gap between consecutive
  // cores cannot be bridged (reachability only passes through cores).
  let clusterCount = 0;
  let lastCore = -1;
  for (let i = 0; i < m; i++) {
    if (core[i] === 1) {
      if (lastCore < 0 || sorted[i] - sorted[lastCore] > epsilon) {
        clusterCount++;
      }
      labels[i] = clusterCount - 1;
      lastCore = i;
    }
  }
  // Border points: the nearest core on either side within ε.
  let prevCore = -1;
  for (let i = 0; i < m; i++) {
    if (core[i] === 1) {
      prevCore = i;
      continue;
    }
    let next = i + 1;
    while (next < m && core[next] === 0 && sorted[next] - sorted[i] <= epsilon) {
      next++;
    }
    const dl = prevCore >= 0 ? sorted[i] - sorted[prevCore] : Infinity;
    const dr = next < m && core[next] === 1 ? sorted[next] - sorted[i] : Infinity;
    if (dl <= epsilon && dl <= dr) {
      labels[i] = labels[prevCore];
    } else if (dr <= epsilon) {
      labels[i] = labels[next];
    } else {
      labels[i] = -1;
    }
  }
  return clusterCount;
}

/** DBSCAN labels of `values` in their original order (−1 = noise or NaN). */
export function dbscan1d(values: ArrayLike<number>, options: Dbscan1dOptions): Int32Array {
  const { epsilon, minPts } = checkDbscanOptions(options);
  const n = values.length;
  const order: number[] = [];
  for (let i = 0; i < n; i++) {
    if (values[i] === values[i]) {
      order.push(i);
    }
  }
  order.sort((a, b) => values[a] - values[b] || a - b);
  const m = order.length;
  const sorted = new Float64Array(m);
  for (let k = 0; k < m; k++) {
    sorted[k] = values[order[k]];
  }
  const sortedLabels = new Int32Array(m);
  dbscanSortedInto(sorted, m, epsilon, minPts, sortedLabels, new Uint8Array(m));
  const labels = new Int32Array(n).fill(-1);
  for (let k = 0; k < m; k++) {
    labels[order[k]] = sortedLabels[k];
  }
  return labels;
}
