/**
 * Incremental querying: when a dashboard refreshes (or an alert rule evaluates again) the range moves forward by a
 * little, and most of what the upstream would send has not changed. Points older than an overlap window before the
 * last fetch are taken as settled and reused; only the rest is asked for again. This is the idea of Grafana's
 * Prometheus option of the same name (`incrementalQuerying`, overlap window `incrementalQueryOverlapWindow`, default
 * 10m); the planning and merging here are our own. It matters more to us than to a plain data source because every
 * band query also fetches training history, often several times longer than the visible range.
 *
 * Only for upstreams whose answer at a grid point does not depend on the range asked for: a PromQL expression is
 * evaluated at each step on its own, unless it uses `$__range…` or the `@ start()` / `@ end()` modifiers
 * (`isRangeIndependentPromQL`). InfluxQL is not incremental: `derivative`, `moving_average`, `cumulative_sum` and
 * friends change at the start of a range.
 */
import { FetchedQuery, FetchedSeries, gridTimestamps } from './fetchedSeries';

/** A cached answer and when it was fetched (wall clock). */
export interface CachedRange {
  fetched: FetchedQuery;
  fetchedAtMs: number;
}

export interface RangeRequest {
  fromMs: number;
  toMs: number;
  stepMs: number;
}

export interface IncrementalOptions {
  nowMs: number;
  /** Points later than `fetchedAt − overlap` may still change upstream (late samples) and are fetched again. */
  overlapMs: number;
  /** An answer younger than this is reused whole, recent points included (several panels, one refresh). */
  freshMs: number;
}

export type RangePlan =
  /** The cache holds every point asked for: slice it. */
  | { kind: 'reuse' }
  /** Reuse the cached points up to `reuseToMs` (a grid point) and fetch from `fetchFromMs` (the next one) to the end. */
  | { kind: 'extend'; reuseToMs: number; fetchFromMs: number }
  /** Nothing usable: fetch the whole range. */
  | { kind: 'full' };

/** What to fetch for `req`, given the cached answer for the same query and step (if any). */
export function planIncremental(
  cached: CachedRange | undefined,
  req: RangeRequest,
  opts: IncrementalOptions
): RangePlan {
  if (!cached || cached.fetched.stepMs !== req.stepMs || cached.fetched.timestamps.length === 0) {
    return { kind: 'full' };
  }
  const step = req.stepMs;
  const firstMs = Math.ceil(req.fromMs / step) * step;
  const lastMs = Math.floor(req.toMs / step) * step;
  const ts = cached.fetched.timestamps;
  const cachedFirst = ts[0];
  const cachedLast = ts[ts.length - 1];
  if (firstMs < cachedFirst || firstMs > lastMs) {
    return { kind: 'full' };
  }
  if (lastMs <= cachedLast && opts.nowMs - cached.fetchedAtMs < opts.freshMs) {
    return { kind: 'reuse' };
  }
  // Settled: at or before fetchedAt − overlap, and inside what was fetched.
  const settledMs = Math.min(cachedLast, Math.floor((cached.fetchedAtMs - opts.overlapMs) / step) * step);
  if (lastMs <= settledMs) {
    return { kind: 'reuse' };
  }
  if (settledMs < firstMs) {
    return { kind: 'full' };
  }
  return { kind: 'extend', reuseToMs: settledMs, fetchFromMs: settledMs + step };
}

/** The grid points of `q` in [fromMs, toMs] (both grid-aligned or not); series with no value there are dropped. */
export function sliceFetched(q: FetchedQuery, fromMs: number, toMs: number): FetchedQuery {
  const timestamps = gridTimestamps(fromMs, toMs, q.stepMs);
  if (timestamps.length === 0 || q.timestamps.length === 0) {
    return { ...q, timestamps, series: [] };
  }
  const start = Math.round((timestamps[0] - q.timestamps[0]) / q.stepMs);
  const end = start + timestamps.length;
  if (start < 0 || end > q.timestamps.length) {
    throw new RangeError(`sliceFetched: [${fromMs}, ${toMs}] is not inside the cached range`);
  }
  if (start === 0 && end === q.timestamps.length) {
    return q;
  }
  const series: FetchedSeries[] = [];
  for (const s of q.series) {
    const values = s.values.subarray(start, end);
    if (hasValue(values)) {
      series.push({ ...s, values });
    }
  }
  return { ...q, timestamps, series };
}

/**
 * Joins the reused head (cached points up to `reuseToMs`) and the freshly fetched tail into one answer over
 * `grid`. Series are matched by their label set; one present on one side only is NaN on the other, and one with
 * no value on the whole grid is dropped (the upstream would not have returned it for the whole range). Executed
 * query and warnings are the tail's: it is what was just asked of the upstream.
 */
export function mergeFetched(
  head: FetchedQuery,
  tail: FetchedQuery,
  grid: Float64Array,
  reuseToMs: number
): FetchedQuery {
  const step = tail.stepMs;
  const headCount =
    grid.length === 0 ? 0 : Math.max(0, Math.min(grid.length, Math.floor((reuseToMs - grid[0]) / step) + 1));
  const headOffset = head.timestamps.length === 0 ? 0 : Math.round((grid[0] - head.timestamps[0]) / step);
  const tailOffset = tail.timestamps.length === 0 ? 0 : Math.round((grid[0] - tail.timestamps[0]) / step);
  const byLabels = new Map<string, FetchedSeries>();
  const slot = (s: FetchedSeries) => {
    const key = labelKey(s.labels);
    let out = byLabels.get(key);
    if (!out) {
      out = { ...s, values: new Float64Array(grid.length).fill(NaN) };
      byLabels.set(key, out);
    }
    return out;
  };
  for (const s of head.series) {
    const out = slot(s);
    for (let i = 0; i < headCount; i++) {
      const j = i + headOffset;
      out.values[i] = j >= 0 && j < s.values.length ? s.values[j] : NaN;
    }
  }
  for (const s of tail.series) {
    const out = slot(s);
    for (let i = headCount; i < grid.length; i++) {
      const j = i + tailOffset;
      out.values[i] = j >= 0 && j < s.values.length ? s.values[j] : NaN;
    }
  }
  // Map iteration is insertion order: head series first, then those new in the tail.
  const series = [...byLabels.values()].filter((s) => hasValue(s.values));
  return { timestamps: grid, stepMs: step, series, executed: tail.executed, warnings: tail.warnings };
}

function hasValue(values: Float64Array): boolean {
  for (let i = 0; i < values.length; i++) {
    if (!Number.isNaN(values[i])) {
      return true;
    }
  }
  return false;
}

/** Label sets compared regardless of key order. */
function labelKey(labels: Record<string, string>): string {
  return JSON.stringify(
    Object.keys(labels)
      .sort()
      .map((k) => [k, labels[k]])
  );
}
