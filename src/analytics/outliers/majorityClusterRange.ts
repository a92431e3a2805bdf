/**
 * The value range of the majority DBSCAN cluster among the values at one time step (our own), the core
 * of `dbscanOutliers`. A cluster holding a strict majority is a contiguous run of the sorted values, so it
 * contains the lower median (a run longer than m/2 cannot avoid the middle position).
 *
 * Two paths:
 * - `minPts ≤ 2` (DBSCAN is then single-linkage chaining at ε): no sort. Values go into ε-wide buckets
 *   anchored at the lower median (found by selection, expected O(m)); a bucket is one chain link wide, so
 *   the anchor's cluster is the run of non-empty buckets around bucket 0 whose facing extremes are ≤ ε
 *   apart; an empty bucket is a gap > ε. At most m buckets can be non-empty, so indices are clamped to ±m.
 *   O(m) per step.
 * - `minPts > 2`: sort, then `dbscanSortedInto` and the largest cluster. O(m log m).
 */
import { selectKth } from '../stats/selectKth';
import { dbscanSortedInto } from './dbscan1d';

/** Reusable buffers for one group size `m` (number of series). */
export interface MajorityScratch {
  labels: Int32Array;
  core: Uint8Array;
  sizes: Int32Array;
  bucketMin: Float64Array;
  bucketMax: Float64Array;
  bucketCount: Int32Array;
}

export function majorityScratch(m: number): MajorityScratch {
  return {
    labels: new Int32Array(m),
    core: new Uint8Array(m),
    sizes: new Int32Array(m + 1),
    bucketMin: new Float64Array(2 * m + 3),
    bucketMax: new Float64Array(2 * m + 3),
    bucketCount: new Int32Array(2 * m + 3),
  };
}

/**
 * Finds the majority cluster of `values[0..m)` (NaN-free; reordered). Writes its [lo, hi] into `out` and
 * returns true, or returns false when no cluster holds more than half the values.
 */
export function majorityClusterRange(
  values: Float64Array,
  m: number,
  epsilon: number,
  minPts: number,
  scratch: MajorityScratch,
  out: { lo: number; hi: number }
): boolean {
  if (minPts <= 2) {
    return chainMajority(values, m, epsilon, scratch, out);
  }
  const sorted = values.subarray(0, m).sort();
  const { labels, core, sizes } = scratch;
  const clusterCount = dbscanSortedInto(sorted, m, epsilon, minPts, labels, core);
  sizes.fill(0, 0, clusterCount);
  for (let i = 0; i < m; i++) {
    if (labels[i] >= 0) {
      sizes[labels[i]]++;
    }
  }
  let best = -1;
  for (let c = 0; c < clusterCount; c++) {
    if (best < 0 || sizes[c] > sizes[best]) {
      best = c;
    }
  }
  if (best < 0 || 2 * sizes[best] <= m) {
    return false;
  }
  // Members of one cluster are contiguous in sorted order.
  let lo = NaN;
  let hi = NaN;
  for (let i = 0; i < m; i++) {
    if (labels[i] === best) {
      if (lo !== lo) {
        lo = sorted[i];
      }
      hi = sorted[i];
    }
  }
  out.lo = lo;
  out.hi = hi;
  return true;
}

function chainMajority(
  values: Float64Array,
  m: number,
  epsilon: number,
  scratch: MajorityScratch,
  out: { lo: number; hi: number }
): boolean {
  const anchor = selectKth(values, (m - 1) >>> 1, 0, m - 1);
  const { bucketMin, bucketMax, bucketCount } = scratch;
  const offset = m + 1; // bucket b lives at index b + offset, b ∈ [−m, m]
  bucketCount.fill(0, 0, 2 * m + 3);
  for (let i = 0; i < m; i++) {
    const v = values[i];
    const b = Math.floor((v - anchor) / epsilon);
    if (b < -m || b > m) {
      continue; // farther than any chain of m values can reach
    }
    const k = b + offset;
    if (bucketCount[k] === 0) {
      bucketMin[k] = v;
      bucketMax[k] = v;
    } else {
      if (v < bucketMin[k]) {
        bucketMin[k] = v;
      }
      if (v > bucketMax[k]) {
        bucketMax[k] = v;
      }
    }
    bucketCount[k]++;
  }
  let count = bucketCount[offset];
  let lo = bucketMin[offset];
  let hi = bucketMax[offset];
  for (let k = offset + 1; k <= offset + m && bucketCount[k] > 0 && bucketMin[k] - hi <= epsilon; k++) {
    count += bucketCount[k];
    hi = bucketMax[k];
  }
  for (let k = offset - 1; k >= offset - m && bucketCount[k] > 0 && lo - bucketMax[k] <= epsilon; k--) {
    count += bucketCount[k];
    lo = bucketMin[k];
  }
  if (2 * count <= m) {
    return false;
  }
  out.lo = lo;
  out.hi = hi;
  return true;
}
