/**
 * The series the pipeline works on, whatever the upstream: on one regular time grid shared by every series of a
 * query (so seasons are whole numbers of points and peer groups line up). Our own type and regridding.
 */

export interface FetchedSeries {
  /** Value field name of the raw output: the metric name, or `value` when the upstream gives none. */
  name: string;
  /** Upstream labels, unchanged. */
  labels: Record<string, string>;
  /** Grafana unit id when the upstream knows it (demo). */
  unit?: string;
  /** NaN where the upstream had no sample. Length = grid length. */
  values: Float64Array;
}

export interface FetchedQuery {
  /** Grid timestamps (epoch ms), t[i] = firstMs + i·stepMs. */
  timestamps: Float64Array;
  stepMs: number;
  series: FetchedSeries[];
  /** The query as the upstream ran it (after macros), for `meta.executedQueryString`. */
  executed: string;
  /** Upstream warnings (e.g. Prometheus partial answers). */
  warnings: string[];
}

/** Rough bytes held by a fetched query (for the cache budget). */
export function fetchedBytes(q: FetchedQuery): number {
  let bytes = q.timestamps.byteLength + 256 + q.executed.length * 2;
  for (const s of q.series) {
    bytes += s.values.byteLength + 128 + s.name.length * 2;
    for (const [k, v] of Object.entries(s.labels)) {
      bytes += (k.length + v.length) * 2 + 32;
    }
  }
  return bytes;
}

/** Largest grid ever built (well above the 11,000-point upstream limit). */
export const MAX_GRID_POINTS = 1_000_000;

/** Grid timestamps from the first step multiple ≥ fromMs to toMs. */
export function gridTimestamps(fromMs: number, toMs: number, stepMs: number): Float64Array {
  const first = Math.ceil(fromMs / stepMs) * stepMs;
  const count = first > toMs ? 0 : Math.floor((toMs - first) / stepMs) + 1;
  if (!(count <= MAX_GRID_POINTS)) {
    // Callers check their points limit first (runAnalysis); this guard only stops a runaway allocation.
    throw new RangeError(`time grid of ${count} points exceeds ${MAX_GRID_POINTS}`);
  }
  const out = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    out[i] = first + i * stepMs;
  }
  return out;
}

/**
 * Places samples on the grid, the one place the backend does (every upstream adapter returns its samples as sent,
 * upstreams/UpstreamAdapter.ts `RangeSeries`): each sample goes to the nearest grid point (ties to the later one),
 * the last sample in the given order wins when several land on one point, and grid points with no sample are NaN.
 * Samples outside the grid (more than half a step beyond either end) are dropped. Inputs are not modified.
 */
export function toGrid(
  grid: Float64Array,
  stepMs: number,
  timesMs: ArrayLike<number>,
  values: ArrayLike<number>
): Float64Array {
  const out = new Float64Array(grid.length).fill(NaN);
  if (grid.length === 0) {
    return out;
  }
  const first = grid[0];
  for (let i = 0; i < timesMs.length; i++) {
    const j = Math.floor((timesMs[i] - first) / stepMs + 0.5);
    if (j >= 0 && j < grid.length) {
      out[j] = values[i];
    }
  }
  return out;
}
