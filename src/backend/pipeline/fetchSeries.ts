/**
 * Fetches one query's series over [fromMs, toMs] at a given step from the instance's upstream connection
 * (upstreams/UpstreamAdapter.ts) and puts their samples on a regular grid (`toGrid`, fetchedSeries.ts: the only
 * place the backend grids samples), through the instance's cache.
 * Errors are the connection's LensErrors (status + errorSource), passed through.
 */
import type { ByteArena } from '../frames/ByteArena';
import { DEFAULT_QUERY_LIMITS } from '../settings/queryLimits';
import { limitsOf } from '../settings/dataSourceSettings';
import { checkSeriesLimits } from '../upstreams/checkSeriesLimits';
import type { ConcurrencyLimit } from './concurrencyLimit';
import { checkSeriesLabels } from './checkSeriesLabels';
import type { DataSourceInstance } from './DataSourceInstances';
import { FetchedQuery, FetchedSeries, gridTimestamps, toGrid } from './fetchedSeries';
import { CachedRange, mergeFetched, planIncremental, sliceFetched } from './incrementalRange';
import { BoundedLruCache } from './BoundedLruCache';
import { upstreamCacheKey } from './upstreamCacheKey';

export interface FetchRequest {
  refId: string;
  expr: string;
  /** Grid-aligned start (a multiple of stepMs) and end of the fetch, history included. */
  fromMs: number;
  toMs: number;
  stepMs: number;
}

/**
 * Default longest series (points) one fetch may return: Prometheus' query_range bound less 2, also kept for the
 * others; the data source's `maxPointsPerSeries` changes it (query/queryLimits.ts).
 */
export const MAX_FETCH_POINTS = DEFAULT_QUERY_LIMITS.maxPointsPerSeries;

/** Ranges ending within this of the wall clock may still change upstream: cached briefly only. */
const RECENT_MS = 10 * 60_000;
const RECENT_TTL_MS = 15_000;
const SETTLED_TTL_MS = 10 * 60_000;

export interface FetchDeps {
  cache?: BoundedLruCache<CachedRange>;
  now?: () => number;
  signal?: AbortSignal;
  /** Upstream requests in flight for one QueryData request (`maxConcurrentQueries`); cache hits do not wait. */
  upstreamSlots?: ConcurrencyLimit;
  /**
   * The query's byte arena (executeQueries): its frames' Arrow files and the analysis' visible copies are cut from
   * it, and its chunks are reused once the answer is sent; absent → fresh arrays.
   */
  arena?: ByteArena;
}

/**
 * The cache key of a fetch: with the range for whole-range entries, without it for incremental ones (Prometheus
 * with incremental querying on and an expression whose points do not depend on the range).
 */
export function fetchCacheKey(settings: DataSourceInstance, req: FetchRequest): string {
  return cacheKeyOf(settings, req, incrementalOverlapMs(settings, req.expr) !== undefined);
}

function cacheKeyOf(settings: DataSourceInstance, req: FetchRequest, incremental: boolean): string {
  const key = {
    uid: settings.uid,
    lastUpdatedMs: settings.lastUpdatedMs ?? 0,
    upstream: settings.upstream,
    expr: req.expr,
    stepMs: req.stepMs,
  };
  return upstreamCacheKey(incremental ? key : { ...key, fromMs: req.fromMs, toMs: req.toMs });
}

/** The overlap window when this fetch may be incremental, else undefined. */
function incrementalOverlapMs(settings: DataSourceInstance, expr: string): number | undefined {
  return settings.connection.incrementalOverlapMs(expr);
}

export async function fetchSeries(
  settings: DataSourceInstance,
  req: FetchRequest,
  deps: FetchDeps = {}
): Promise<FetchedQuery> {
  const cache = deps.cache ?? settings.cache;
  const overlapMs = incrementalOverlapMs(settings, req.expr);
  const key = cacheKeyOf(settings, req, overlapMs !== undefined);
  const now = deps.now ?? Date.now;
  const cached = cache.get(key);
  let fetched: FetchedQuery;
  if (overlapMs === undefined) {
    if (cached) {
      fetched = cached.fetched;
    } else {
      fetched = await fetchLimited(settings, req, deps);
      const fetchedAtMs = now();
      cache.set(key, { fetched, fetchedAtMs }, req.toMs >= fetchedAtMs - RECENT_MS ? RECENT_TTL_MS : SETTLED_TTL_MS);
    }
  } else {
    const plan = planIncremental(cached, req, { nowMs: now(), overlapMs, freshMs: RECENT_TTL_MS });
    if (plan.kind === 'reuse') {
      fetched = sliceFetched(cached!.fetched, req.fromMs, req.toMs);
    } else {
      const fetchedAtMs = now();
      if (plan.kind === 'extend') {
        const tail = await fetchLimited(settings, { ...req, fromMs: plan.fetchFromMs }, deps);
        fetched = mergeFetched(cached!.fetched, tail, gridTimestamps(req.fromMs, req.toMs, req.stepMs), plan.reuseToMs);
      } else {
        fetched = await fetchLimited(settings, req, deps);
      }
      cache.set(key, { fetched, fetchedAtMs }, SETTLED_TTL_MS);
    }
  }
  // The answer may come from the cache under other limits (grafanaConfig is not part of the key), or be the
  // union of a cached head and a fresh tail.
  checkSeriesLimits(req.refId, fetched.series.length, fetched.timestamps.length, limitsOf(settings));
  checkSeriesLabels(req.refId, fetched.series);
  return fetched;
}

function fetchLimited(settings: DataSourceInstance, req: FetchRequest, deps: FetchDeps): Promise<FetchedQuery> {
  const slots = deps.upstreamSlots;
  return slots ? slots.run(() => fetchUncached(settings, req, deps.signal)) : fetchUncached(settings, req, deps.signal);
}

async function fetchUncached(
  settings: DataSourceInstance,
  req: FetchRequest,
  signal?: AbortSignal
): Promise<FetchedQuery> {
  const grid = gridTimestamps(req.fromMs, req.toMs, req.stepMs);
  const answer = await settings.connection.fetchRange({ ...req, gridPoints: grid.length }, signal);
  // The one place samples are put on the grid, whatever the upstream (the RangeSeries shape, UpstreamAdapter.ts).
  const series: FetchedSeries[] = answer.series.map((s) => ({
    name: s.name,
    labels: s.labels,
    ...(s.unit === undefined ? {} : { unit: s.unit }),
    values: toGrid(grid, req.stepMs, s.timesMs, s.values),
  }));
  return { timestamps: grid, stepMs: req.stepMs, series, executed: answer.executed, warnings: answer.warnings };
}
