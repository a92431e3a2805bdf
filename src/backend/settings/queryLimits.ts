/**
 * The limits a QueryData request runs under, read in one place from the data source settings (jsonData) and from
 * Grafana's configuration (`PluginContext.grafanaConfig`, docs/protocol.md §1.4: `GF_RESPONSE_LIMIT`,
 * `GF_CONCURRENT_QUERY_COUNT`). They apply to every upstream, demo included. The defaults and the
 * messages are listed in docs/reliability.md ("Limits"), the keys in docs/provisioning.md.
 *
 * An unusable value is a 400 naming the setting (never a silent default): an administrator who typed `"lots"`
 * must learn it at "Save & test" or on the first query, not find the default in force.
 */
import { formatDuration, parseDuration } from '../../shared/parseDuration';
import { UPSTREAM_KINDS } from '../../shared/queryModel';
import { QUERY_LIMITS } from '../../shared/validateQuery';
import { settingError } from '../errors/settingError';
import { DEFAULT_UPSTREAM_LIMITS } from '../upstreams/http/upstreamHttpSettings';
import { upstreamAdapter } from '../upstreams/upstreamAdapters';

/** Largest gRPC message Grafana's client accepts (go-plugin dials with MaxInt32 send/recv sizes, docs/protocol.md §2.4). */
export const MAX_GRPC_RESPONSE_BYTES = 2 ** 31 - 1;

export interface QueryLimits {
  /** Most series one query may return. */
  maxSeries: number;
  /** Most points (series × steps, history included) one query may return. */
  maxPoints: number;
  /** Most points per series one query may fetch, history included (≤ the upstream's own bound). */
  maxPointsPerSeries: number;
  /** Longest training history before the visible range (ms). */
  maxHistoryMs: number;
  /** Most bytes read from one upstream answer (Prometheus, InfluxDB). */
  maxResponseBytes: number;
  /** The setting that decided `maxResponseBytes` (named in its message). */
  maxResponseBytesSetting: LimitSource<'maxResponseBytes'>;
  /** Most bytes of encoded frames in the answer to one QueryData request. */
  maxQueryResponseBytes: number;
  /** The setting that decided `maxQueryResponseBytes`. */
  maxQueryResponseBytesSetting: LimitSource<'maxQueryResponseBytes'>;
  /** Most queries one QueryData request may hold; the rest are answered 400. */
  maxQueriesPerRequest: number;
  /** Queries of one request that run at once; also its upstream requests in flight. */
  maxConcurrentQueries: number;
}

/** A limit is set by its own jsonData key or lowered by Grafana's `response_limit`. */
export type LimitSource<K extends string> = K | 'GF_RESPONSE_LIMIT';

/** The defaults: safe for a small Grafana host (the figures behind them are in docs/reliability.md). */
export const DEFAULT_QUERY_LIMITS: Readonly<QueryLimits> = {
  maxSeries: DEFAULT_UPSTREAM_LIMITS.maxSeries,
  maxPoints: DEFAULT_UPSTREAM_LIMITS.maxPoints,
  // The smallest upstream bound (each adapter's `maxPointsPerSeries`): the same default whatever the upstream.
  maxPointsPerSeries: Math.min(...UPSTREAM_KINDS.map((kind) => upstreamAdapter(kind).maxPointsPerSeries)),
  maxHistoryMs: QUERY_LIMITS.maxHistoryMs,
  maxResponseBytes: DEFAULT_UPSTREAM_LIMITS.maxResponseBytes,
  maxResponseBytesSetting: 'maxResponseBytes',
  // 200 demo queries × 4 series × 10,000 points answered 123 MiB and raised the RSS to ~445 MiB (reliability.md):
  // 64 MiB keeps one request's answer well inside a small host while holding a few dozen full panels.
  maxQueryResponseBytes: 64 * 1024 * 1024,
  maxQueryResponseBytesSetting: 'maxQueryResponseBytes',
  maxQueriesPerRequest: 100,
  // Grafana's Prometheus and InfluxDB data sources fall back to 10 when GF_CONCURRENT_QUERY_COUNT is unusable.
  maxConcurrentQueries: 10,
};

/** The data source settings (jsonData keys) this module reads. */
export const LIMIT_SETTINGS = [
  'maxSeries',
  'maxPoints',
  'maxPointsPerSeries',
  'maxHistory',
  'maxResponseBytes',
  'maxQueryResponseBytes',
  'maxQueriesPerRequest',
  'maxConcurrentQueries',
] as const;

/** A whole number in [1, max]; numeric strings are accepted (provisioning files often quote numbers). */
function wholeNumber(json: Record<string, unknown>, name: string, fallback: number, max = Number.MAX_SAFE_INTEGER) {
  const v = json[name];
  if (v === undefined || v === null || v === '') {
    return fallback;
  }
  const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : v;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 1 || n > max) {
    const rule = max === Number.MAX_SAFE_INTEGER ? 'a whole number ≥ 1' : `a whole number from 1 to ${max}`;
    throw settingError(name, rule, v, String(fallback));
  }
  return n;
}

function historyMs(json: Record<string, unknown>): number {
  const v = json.maxHistory;
  const fallback = formatDuration(DEFAULT_QUERY_LIMITS.maxHistoryMs);
  if (v === undefined || v === null || v === '') {
    return DEFAULT_QUERY_LIMITS.maxHistoryMs;
  }
  const rule = `a duration from 0s to ${fallback} such as "2w" or "3d"`;
  if (typeof v !== 'string') {
    throw settingError('maxHistory', rule, v, fallback);
  }
  let ms: number;
  try {
    ms = v.trim() === '0' ? 0 : parseDuration(v);
  } catch {
    throw settingError('maxHistory', rule, v, fallback);
  }
  // A query's own `history` is validated up to 8 weeks (QUERY_LIMITS, shared with the editor); a higher setting
  // would promise what no query may ask for.
  if (ms > QUERY_LIMITS.maxHistoryMs) {
    throw settingError('maxHistory', rule, v, fallback);
  }
  return ms;
}

/**
 * Grafana's `[dataproxy] response_limit` (bytes; 0 = none), forwarded as `GF_RESPONSE_LIMIT`. The Go SDK reads it
 * with ParseInt and treats anything unparsable as 0 (SDK-GO `config.GrafanaCfg.ResponseLimit`); so do we.
 */
function grafanaResponseLimit(cfg: Record<string, string> | null | undefined): number {
  const raw = cfg?.GF_RESPONSE_LIMIT;
  const n = raw !== undefined && /^\s*\d+\s*$/.test(raw) ? Number(raw) : 0;
  return Number.isSafeInteger(n) && n > 0 ? n : 0;
}

/** `GF_CONCURRENT_QUERY_COUNT` (Grafana's `[query] concurrent_query_limit`), or undefined when absent/unusable. */
function grafanaConcurrency(cfg: Record<string, string> | null | undefined): number | undefined {
  const raw = cfg?.GF_CONCURRENT_QUERY_COUNT;
  const n = raw !== undefined && /^\s*\d+\s*$/.test(raw) ? Number(raw) : NaN;
  return Number.isSafeInteger(n) && n > 0 ? n : undefined;
}

function lowered<K extends string>(own: number, key: K, grafana: number): [number, LimitSource<K>] {
  return grafana > 0 && grafana < own ? [grafana, 'GF_RESPONSE_LIMIT'] : [own, key];
}

/**
 * Reads every limit. `json` is the decoded jsonData (an object; anything else counts as empty), `ceiling` bounds
 * `maxPointsPerSeries` (the upstream adapter's own `maxPointsPerSeries`), `grafanaConfig` is the plugin context's
 * map. Throws LensError (400) naming the setting.
 */
export function readQueryLimits(
  json: Record<string, unknown>,
  ceiling: number,
  grafanaConfig?: Record<string, string> | null
): QueryLimits {
  const d = DEFAULT_QUERY_LIMITS;
  const gfResponse = grafanaResponseLimit(grafanaConfig);
  const [maxResponseBytes, maxResponseBytesSetting] = lowered(
    wholeNumber(json, 'maxResponseBytes', d.maxResponseBytes),
    'maxResponseBytes',
    gfResponse
  );
  const [maxQueryResponseBytes, maxQueryResponseBytesSetting] = lowered(
    wholeNumber(json, 'maxQueryResponseBytes', d.maxQueryResponseBytes, MAX_GRPC_RESPONSE_BYTES),
    'maxQueryResponseBytes',
    gfResponse
  );
  return {
    maxSeries: wholeNumber(json, 'maxSeries', d.maxSeries),
    maxPoints: wholeNumber(json, 'maxPoints', d.maxPoints),
    maxPointsPerSeries: wholeNumber(json, 'maxPointsPerSeries', Math.min(d.maxPointsPerSeries, ceiling), ceiling),
    maxHistoryMs: historyMs(json),
    maxResponseBytes,
    maxResponseBytesSetting,
    maxQueryResponseBytes,
    maxQueryResponseBytesSetting,
    maxQueriesPerRequest: wholeNumber(json, 'maxQueriesPerRequest', d.maxQueriesPerRequest),
    maxConcurrentQueries: wholeNumber(
      json,
      'maxConcurrentQueries',
      grafanaConcurrency(grafanaConfig) ?? d.maxConcurrentQueries
    ),
  };
}

/** How a limit's origin reads in a message: the jsonData key, or Grafana's own setting. */
export function describeSetting(source: string): string {
  return source === 'GF_RESPONSE_LIMIT'
    ? `Grafana's [dataproxy] response_limit (GF_RESPONSE_LIMIT)`
    : `the data source setting ${source}`;
}

/** Bytes as a short text with the exact count: `64 MiB (67108864 bytes)`. */
export function formatBytes(bytes: number): string {
  const units: Array<[string, number]> = [
    ['GiB', 2 ** 30],
    ['MiB', 2 ** 20],
    ['KiB', 2 ** 10],
  ];
  for (const [unit, size] of units) {
    if (bytes >= size) {
      const n = bytes / size;
      return `${Number.isInteger(n) ? n : n.toFixed(1)} ${unit} (${bytes} bytes)`;
    }
  }
  return `${bytes} bytes`;
}
