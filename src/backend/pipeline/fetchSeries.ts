/**
 * Fetches one query's series over [fromMs, toMs] at a given step from the configured upstream, on a regular
 * grid (see fetchedSeries.ts), through the LRU cache. Our own glue over the upstream clients: the demo
 * catalogue, Prometheus `query_range` and InfluxQL `/query` (src/backend/upstreams/*). Errors: the clients'
 * LensError (status + errorSource) passes through; demo selector errors get the query's refId.
 */
import { computeStep } from '../query/computeStep';
import { DEFAULT_INCREMENTAL_QUERYING } from '../query/incrementalQuerying';
import { LensSettings, limitsOf } from '../query/dataSourceSettings';
import { LensError } from '../errors/LensError';
import { checkSeriesLimits } from '../query/checkSeriesLimits';
import { checkSeriesLabels } from '../query/checkSeriesLabels';
import type { ConcurrencyLimit } from '../query/concurrencyLimit';
import { DEFAULT_QUERY_LIMITS, QueryLimits } from '../query/queryLimits';
import { withQueryLimits } from '../query/withQueryLimits';
import { queryDemo, selectDemoSeries } from '../upstreams/demo/queryDemo';
import { upstreamInstanceSettingsFromProtocol } from '../upstreams/http/upstreamHttpSettings';
import { influxSettingsFrom } from '../upstreams/influxdb/influxSettings';
import { queryInfluxQL } from '../upstreams/influxdb/queryInfluxQL';
import { chooseStep, DEFAULT_SCRAPE_INTERVAL_MS } from '../upstreams/prometheus/chooseStep';
import { prometheusSettingsFrom } from '../upstreams/prometheus/prometheusSettings';
import { queryRange } from '../upstreams/prometheus/queryRange';
import { FetchedQuery, fetchedBytes, FetchedSeries, gridTimestamps, toGrid } from './fetchedSeries';
import { CachedRange, isRangeIndependentPromQL, mergeFetched, planIncremental, sliceFetched } from './incrementalRange';
import { UpstreamCache, upstreamCacheKey } from './upstreamCache';

export interface FetchRequest {
  refId: string;
  expr: string;
  /** Grid-aligned start (a multiple of stepMs) and end of the fetch, history included. */
  fromMs: number;
  toMs: number;
  stepMs: number;
}

export interface StepRequest {
  fromMs: number;
  toMs: number;
  intervalMs: number;
  maxDataPoints: number;
  minStepMs?: number;
}

/**
 * Default longest series (points) one fetch may return: Prometheus' query_range bound less 2, also kept for the
 * others; the data source's `maxPointsPerSeries` changes it (query/queryLimits.ts).
 */
export const MAX_FETCH_POINTS = DEFAULT_QUERY_LIMITS.maxPointsPerSeries;

/** Step for the visible range: the demo rule (computeStep) or Grafana's Prometheus rule (chooseStep). */
export function resolveStep(settings: LensSettings, r: StepRequest): number {
  if (settings.upstream === 'demo') {
    return computeStep(r);
  }
  let scrapeMs = DEFAULT_SCRAPE_INTERVAL_MS;
  if (settings.upstream === 'prometheus' && settings.instance) {
    scrapeMs = prometheusSettingsFrom(upstreamInstanceSettingsFromProtocol(settings.instance)).scrapeIntervalMs;
  }
  return chooseStep(r.intervalMs, r.maxDataPoints, r.fromMs, r.toMs, r.minStepMs, scrapeMs);
}

/** 64 MiB of upstream answers shared by all queries of the process. */
export const DEFAULT_CACHE_BYTES = 64 * 1024 * 1024;

export function newUpstreamCache(maxBytes = DEFAULT_CACHE_BYTES): UpstreamCache<CachedRange> {
  return new UpstreamCache<CachedRange>({ maxBytes, sizeOf: (e) => fetchedBytes(e.fetched) });
}
export const sharedUpstreamCache = newUpstreamCache();

/** Ranges ending within this of the wall clock may still change upstream: cached briefly only. */
const RECENT_MS = 10 * 60_000;
const RECENT_TTL_MS = 15_000;
const SETTLED_TTL_MS = 10 * 60_000;

export interface FetchDeps {
  cache?: UpstreamCache<CachedRange>;
  now?: () => number;
  signal?: AbortSignal;
  /** Upstream requests in flight for one QueryData request (`maxConcurrentQueries`); cache hits do not wait. */
  upstreamSlots?: ConcurrencyLimit;
}

/**
 * The cache key of a fetch: with the range for whole-range entries, without it for incremental ones (Prometheus
 * with incremental querying on and an expression whose points do not depend on the range).
 */
export function fetchCacheKey(settings: LensSettings, req: FetchRequest): string {
  return cacheKeyOf(settings, req, incrementalOverlapMs(settings, req.expr) !== undefined);
}

function cacheKeyOf(settings: LensSettings, req: FetchRequest, incremental: boolean): string {
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
function incrementalOverlapMs(settings: LensSettings, expr: string): number | undefined {
  if (settings.upstream !== 'prometheus' || !isRangeIndependentPromQL(expr)) {
    return undefined;
  }
  const incremental = settings.incremental ?? DEFAULT_INCREMENTAL_QUERYING;
  return incremental.enabled ? incremental.overlapMs : undefined;
}

export async function fetchSeries(
  settings: LensSettings,
  req: FetchRequest,
  deps: FetchDeps = {}
): Promise<FetchedQuery> {
  const cache = deps.cache ?? sharedUpstreamCache;
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

function fetchLimited(settings: LensSettings, req: FetchRequest, deps: FetchDeps): Promise<FetchedQuery> {
  const slots = deps.upstreamSlots;
  return slots ? slots.run(() => fetchUncached(settings, req, deps.signal)) : fetchUncached(settings, req, deps.signal);
}

async function fetchUncached(settings: LensSettings, req: FetchRequest, signal?: AbortSignal): Promise<FetchedQuery> {
  const grid = gridTimestamps(req.fromMs, req.toMs, req.stepMs);
  switch (settings.upstream) {
    case 'demo':
      return fetchDemo(req, grid, limitsOf(settings));
    case 'prometheus': {
      const prom = prometheusSettingsFrom(upstreamInstanceSettingsFromProtocol(requireInstance(settings)));
      prom.http = withQueryLimits(prom.http, limitsOf(settings));
      const res = await queryRange({ expr: req.expr, fromMs: req.fromMs, toMs: req.toMs, stepMs: req.stepMs }, prom, {
        signal,
      });
      const series: FetchedSeries[] = res.series.map((s) => ({
        name: s.labels.__name__ || 'value',
        labels: s.labels,
        values: toGrid(grid, req.stepMs, s.timesMs, s.values),
      }));
      return { timestamps: grid, stepMs: req.stepMs, series, executed: res.expr, warnings: res.warnings };
    }
    case 'influxdb': {
      const influx = influxSettingsFrom(upstreamInstanceSettingsFromProtocol(requireInstance(settings)));
      influx.http = withQueryLimits(influx.http, limitsOf(settings));
      const res = await queryInfluxQL(
        { query: req.expr, fromMs: req.fromMs, toMs: req.toMs, intervalMs: req.stepMs },
        influx,
        { signal }
      );
      const series: FetchedSeries[] = res.series.map((s) => ({
        name: s.labels._field || s.labels._measurement || 'value',
        labels: s.labels,
        values: toGrid(grid, req.stepMs, s.timesMs, s.values),
      }));
      return { timestamps: grid, stepMs: req.stepMs, series, executed: res.query, warnings: [] };
    }
  }
}

function requireInstance(settings: LensSettings) {
  if (!settings.instance) {
    throw LensError.badQuery(`the ${settings.upstream} data source has no instance settings (URL); configure it`);
  }
  return settings.instance;
}

function fetchDemo(req: FetchRequest, grid: Float64Array, limits: QueryLimits): FetchedQuery {
  let results;
  try {
    checkSeriesLimits(req.refId, selectDemoSeries(req.expr).series.length, grid.length, limits);
    results = queryDemo(req.expr, { fromMs: req.fromMs, toMs: req.toMs, stepMs: req.stepMs });
  } catch (e) {
    if (e instanceof LensError && e.kind === 'input') {
      throw e.prefixed(`query ${req.refId}: `);
    }
    throw e;
  }
  const series: FetchedSeries[] = results.map((r) => ({
    name: r.metric.name,
    labels: r.series.labels,
    unit: r.metric.unit,
    values: r.values,
  }));
  if (results.length > 0 && results[0].timestamps.length !== grid.length) {
    throw new Error('demo upstream and pipeline grids disagree');
  }
  return {
    timestamps: grid,
    stepMs: req.stepMs,
    series,
    executed: req.expr,
    warnings: [],
  };
}
