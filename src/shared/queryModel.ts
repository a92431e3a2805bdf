/**
 * The query and data source settings shared by the frontend (editor, datasource.ts) and the backend
 * (src/backend/query). Our own definitions; `@grafana/schema` supplies only the base `DataQuery` shape.
 *
 * The query JSON is versioned by `schemaVersion` (docs/query-options.md): the backend accepts every version up to
 * `QUERY_SCHEMA_VERSION`, treats a missing version as 1, and rejects newer ones with a clear message.
 * Version 1: expr, legendFormat, minStepMs (raw series only). Version 2 adds the analysis options below
 * (outputs, method, seasonality, history, exclusions, sensitivity, direction, forecast, threshold, outliers,
 * change, flags); later optional keys keep version 2 (older plugins ignore them): `queryType` and `correlate`
 * (src/shared/queryTypes.ts). `migrateQuery.ts` lifts older versions step by step, `validateQuery.ts` resolves defaults and
 * rejects invalid values with a message naming the field. Every option is described in docs/query-options.md.
 */
import type { DataQuery, DataSourceJsonData } from '@grafana/schema';
import type { AlertEvaluator } from '../analytics/backtest/alertCondition';
import type { AlertReducer } from '../analytics/backtest/reduceWindow';

/** Version of the query JSON this build writes; the backend also accepts older ones. */
export const QUERY_SCHEMA_VERSION = 2;

export type UpstreamKind = 'demo' | 'prometheus' | 'influxdb';

/** Every upstream the settings may name; each is served by its own reader (demo in process, Prometheus, InfluxDB). */
export const UPSTREAM_KINDS: readonly UpstreamKind[] = ['demo', 'prometheus', 'influxdb'];

/** Upstream used when `jsonData.upstream` is absent. */
export const DEFAULT_UPSTREAM: UpstreamKind = 'demo';

/** A query as saved in a dashboard or alert rule. */
export interface LensQuery extends DataQuery, LensQueryV2Options {
  /** Version of this JSON shape; absent means 1. */
  schemaVersion?: number;
  /**
   * Upstream query: a demo series selector (`metric{label="v",label=~"re"}`), PromQL, or InfluxQL.
   * Required and non-empty.
   */
  expr?: string;
  /**
   * Optional series name template; `{{label}}` is replaced by the series' label value
   * (the backend sets the value field's `config.displayNameFromDS`). Empty → Grafana's default naming.
   */
  legendFormat?: string;
  /**
   * Optional lower bound of the step between points in milliseconds; the backend uses
   * max(minStepMs, intervalMs, range/maxDataPoints). Absent → no lower bound beyond the backend's 1 s floor.
   */
  minStepMs?: number;
}

/** A new query in the editor: the series, its band and anomaly flags. */
export const DEFAULT_QUERY: Partial<LensQuery> = {
  schemaVersion: QUERY_SCHEMA_VERSION,
  expr: 'demo_http_latency_seconds{service="checkout"}',
  outputs: ['raw', 'band', 'flag'],
};

// ---------------------------------------------------------------------------------------------------------------
// Version 2: analysis options. Durations are Prometheus-style texts (`30s`, `5m`, `1h`, `1d`, `1w`, `1h30m`).

/**
 * What the query returns per series (several allowed; each becomes its own fields, see docs/query-options.md):
 *  - raw: the upstream series itself;
 *  - band: expected, lower, upper (drawn as a shaded band);
 *  - score: signed deviation from expected in σ units;
 *  - flag: +1 above the band, −1 below, 0 inside;
 *  - fractionAnomalous: share (0–1) of flagged points over the last `flags.fractionWindow`;
 *  - forecast: point forecast and interval past the end of the range;
 *  - timeToThreshold: seconds until the trend crosses `threshold.value` (+Inf when not within the horizon);
 *  - outliers: per-step peer-outlier flag (0/1) and score against the other series of the query;
 *  - decomposition: STL/MSTL trend, seasonal, remainder;
 *  - change: percent change over `change.window`, speed (per second) and acceleration (per second²).
 */
export type LensOutput =
  | 'raw'
  | 'band'
  | 'score'
  | 'flag'
  | 'fractionAnomalous'
  | 'forecast'
  | 'timeToThreshold'
  | 'outliers'
  | 'decomposition'
  | 'change';

export const LENS_OUTPUTS: readonly LensOutput[] = [
  'raw',
  'band',
  'score',
  'flag',
  'fractionAnomalous',
  'forecast',
  'timeToThreshold',
  'outliers',
  'decomposition',
  'change',
];

/**
 * How the expected value and band are computed:
 *  - auto (default): calibrated, event-aware detector (forecast residual, trailing band and level novelty, each
 *    calibrated against the series' own history; causal; see docs/algorithms/auto-detector.md);
 *  - moving: trailing mean ± k·σ over `movingWindow` (causal, no season needed);
 *  - seasonal: weighted median of the same time in past seasons ± k·robust σ (causal; needs a season);
 *  - stl: robust STL trend + seasonal ± k·MAD of the remainder (needs two seasons; not causal);
 *  - forecast: Holt–Winters one-step-ahead prediction ± k·σ of the innovations.
 */
export type BandMethod = 'auto' | 'moving' | 'seasonal' | 'stl' | 'forecast';
export const BAND_METHODS: readonly BandMethod[] = ['auto', 'moving', 'seasonal', 'stl', 'forecast'];

/**
 * Where the band comes from: `computed` by the plugin (default), or `recorded` — read from the series that the
 * recording rules exported from this same query write (moving/seasonal on a Prometheus upstream; docs/scaling.md).
 */
export type BandSource = 'computed' | 'recorded';
export const BAND_SOURCES: readonly BandSource[] = ['computed', 'recorded'];

export type Direction = 'above' | 'below' | 'both';
export const DIRECTIONS: readonly Direction[] = ['above', 'below', 'both'];

export type ForecastModel = 'auto' | 'linear' | 'seasonal';
export const FORECAST_MODELS: readonly ForecastModel[] = ['auto', 'linear', 'seasonal'];

export type OutlierAlgorithm = 'mad' | 'dbscan' | 'zscore';
export const OUTLIER_ALGORITHMS: readonly OutlierAlgorithm[] = ['mad', 'dbscan', 'zscore'];

/** A time range left out of training. `from`/`to` are epoch ms or ISO-8601 texts; `to` ≥ `from`. */
export interface ExclusionWindow {
  from: number | string;
  to: number | string;
  /** `annotation` when the frontend resolved it from `exclusionTags`; informational. */
  source?: 'manual' | 'annotation';
  /** Annotation tag or a note shown in notices. */
  label?: string;
}

export interface FlagOptions {
  /** Shortest anomaly kept (shorter runs are not flagged). Duration; default one step. */
  minDuration?: string;
  /** Window of `fractionAnomalous`. Duration; default `15m`. */
  fractionWindow?: string;
}

export interface ForecastOptions {
  /** How far past the end of the range. Duration; default `1h`. */
  horizon?: string;
  /** Prediction interval coverage in (0, 1); default 0.95. */
  level?: number;
  /** auto (trend, seasonal or their median by backtest error), linear (robust trend from now), seasonal (MSTL + smoothing). */
  model?: ForecastModel;
}

export interface ThresholdOptions {
  /** The level whose crossing is forecast (same unit as the series). Required for `timeToThreshold`. */
  value?: number;
  /** Crossing upward (`above`, default) or downward (`below`). */
  direction?: 'above' | 'below';
  /** Trailing window the trend is fitted on. Duration; default `1h`. */
  window?: string;
}

export interface OutlierOptions {
  /** Default `mad`. */
  algorithm?: OutlierAlgorithm;
  /** 0–1 (exclusive), higher flags more; default 0.5. */
  sensitivity?: number;
  /** A series counts as an outlier when flagged in at least this % of its comparable steps; default 0. */
  percentPoints?: number;
}

/** Options of a `correlations` query (see src/shared/queryTypes.ts and docs/query-options.md). */
export interface CorrelateOptions {
  /** Upstream query of the target (anomalous) series; required for `correlations`. Several series → the first by
   * display name, with a notice. */
  target?: string;
  /** Epoch ms, ISO-8601, or ms text (as the frontend interpolates `${__from}`); default the whole query range. */
  window?: { from: number | string; to: number | string };
  /** History before the window: the baseline each candidate's change is measured against, also included in the
   * correlation. Duration or `auto` (default: as long as the window, at least 60 steps). */
  context?: string;
  /** `cause` (default): change against the baseline, co-movement and onset combined; `comovement`: |r| only; `dtw`:
   * DTW distance of the z-normalised shapes (band = maxLag), nearest first. */
  rank?: CorrelationRank;
  /** `apart` (default): the target's own metric family (same name, other quantile/le) ranks after the rest;
   * `mixed`: ranked with the rest. */
  family?: CorrelationFamily;
  /** Default `pearson`. */
  method?: CorrelationMethod;
  /** Default `difference`. */
  preprocess?: CorrelationPreprocess;
  /** Largest lag searched, both directions. Duration; default `0s`; at most 1/4 of the analysed range. */
  maxLag?: string;
  /** Rows of the table frame, 1..10000; default 1000. */
  limit?: number;
  /** Best candidates that also get an overlay frame, 0..100; default 20. */
  overlays?: number;
  /** Service call graph that puts a faulty service before the callers showing its change (`rank: cause` only):
   * `auto` (default: `traces_service_graph_request_total` of a Prometheus upstream, as Tempo's metrics generator,
   * Grafana Alloy and the OpenTelemetry servicegraph connector write it; none for InfluxDB), `off`, or an upstream
   * query of your own whose series carry `client` (caller) and `server` (callee) labels. */
  serviceGraph?: string;
  /** Label whose value is a candidate's node in the service graph: `auto` (default: the first of `service`,
   * `service_name`, `job` that the candidate carries with a value that is a node) or a label name. */
  serviceLabel?: string;
}

export type CorrelationMethod = 'pearson' | 'spearman';
export const CORRELATION_METHODS: readonly CorrelationMethod[] = ['pearson', 'spearman'];
export type CorrelationRank = 'cause' | 'comovement' | 'dtw';
export const CORRELATION_RANKS: readonly CorrelationRank[] = ['cause', 'comovement', 'dtw'];
export type CorrelationFamily = 'apart' | 'mixed';
export const CORRELATION_FAMILIES: readonly CorrelationFamily[] = ['apart', 'mixed'];
export type CorrelationPreprocess = 'difference' | 'detrend' | 'none';
export const CORRELATION_PREPROCESS: readonly CorrelationPreprocess[] = ['difference', 'detrend', 'none'];

export interface ChangeOptions {
  /** Percent change is measured against the value this long before. Duration; default `5m`. */
  window?: string;
}

/** The version-2 options of a query (all optional; defaults in validateQuery.ts and docs/query-options.md). */
export interface LensQueryV2Options {
  outputs?: LensOutput[];
  method?: BandMethod;
  /** `auto` (detect hourly/daily/weekly), `none`, or explicit season lengths as durations (`['1d', '1w']`). */
  seasonality?: 'auto' | 'none' | string[];
  /** Training history fetched before the visible range: `auto` (3 seasons, or 3 moving windows) or a duration. */
  history?: string;
  exclusions?: ExclusionWindow[];
  /** Annotation tags whose regions the frontend turns into `exclusions` (source `annotation`) before sending. */
  exclusionTags?: string[];
  /** Band half-width and flag threshold in σ-like units; default 3. */
  sensitivity?: number;
  /** Which deviations count; default `both`. */
  direction?: Direction;
  /** Window of the `moving` method (and of the fallback band). Duration; default `1h`. */
  movingWindow?: string;
  flags?: FlagOptions;
  forecast?: ForecastOptions;
  threshold?: ThresholdOptions;
  outliers?: OutlierOptions;
  change?: ChangeOptions;
  /** Options of a `correlations` query (`queryType`, inherited from DataQuery: see src/shared/queryTypes.ts). */
  correlate?: CorrelateOptions;
  /** `computed` (default) or `recorded`: read the band from the exported recording rules' series. */
  bandSource?: BandSource;
  /** Options of a `backtest` query (docs/backtest.md). */
  backtest?: BacktestOptions;
}

/**
 * Options of a `backtest` query: the query's own analysis options (as an alert rule's query A carries them) are
 * replayed over the query's time range under `rule`, once per variant. Defaults in validateQuery.ts, explained
 * in docs/backtest.md.
 */
export interface BacktestOptions {
  /** 1–4 variants, each the query with some options replaced; absent or empty → the query as saved. */
  variants?: BacktestVariant[];
  rule?: BacktestRule;
  /** Known incidents (`from`/`to` epoch ms or ISO-8601). */
  incidents?: ExclusionWindow[];
  /** Annotation tags whose regions the frontend turns into `incidents` (source `annotation`) before sending. */
  incidentTags?: string[];
  /** How long before an incident's start a firing still counts for it. Duration; default `15m`. */
  matchBefore?: string;
}

/** The options a variant may replace; the others are the query's. */
export const BACKTEST_VARIANT_KEYS = [
  'method',
  'sensitivity',
  'direction',
  'history',
  'seasonality',
  'movingWindow',
  'flags',
] as const;

export type BacktestVariant = Pick<LensQueryV2Options, (typeof BACKTEST_VARIANT_KEYS)[number]> & {
  /** Shown in the table and on the windows; default `variant <n>`. */
  name?: string;
};

/** The alert rule replayed: query A's output, B `reduce`, C `threshold`, and the rule's interval and `for`. */
export interface BacktestRule {
  /** Output the rule reads: `flag` (default) or `score`. */
  output?: 'flag' | 'score';
  /** Range of query A (its `relativeTimeRange`). Duration; default `1h`. */
  range?: string;
  /** Evaluation interval of the rule group. Duration; default `1m`. */
  every?: string;
  /** Reducer of B; default `last`. */
  reducer?: AlertReducer;
  /** Evaluator of C; default for `flag` `{type: 'outside_range', params: [0, 0]}` (any flag); required for `score`. */
  evaluator?: AlertEvaluator;
  /** Pending period. Duration; default `0s`. */
  for?: string;
}

/**
 * Non-secret data source settings (jsonData). The connection keys are the ones Grafana's own Prometheus/InfluxDB
 * data sources use (so their provisioning files carry over) and that src/backend/upstreams/http reads; the demo
 * upstream ignores them. The top-level `url`, `basicAuth`, `basicAuthUser`, `user`, `database` are not jsonData.
 */
export interface DataSourceOptions extends DataSourceJsonData {
  /** Which upstream answers the queries; absent → `demo`. */
  upstream?: UpstreamKind;
  tlsSkipVerify?: boolean;
  /** Verify the upstream against `secureJsonData.tlsCACert` instead of the system roots. */
  tlsAuthWithCACert?: boolean;
  /** TLS client authentication with `secureJsonData.tlsClientCert` and `tlsClientKey` (both required when on). */
  tlsAuth?: boolean;
  /** The name the upstream's certificate must carry (and the TLS SNI name), when it differs from the URL's host. */
  serverName?: string;
  /** Upstream request timeout in seconds; absent → 30 s. */
  timeout?: number;
  /** Prometheus scrape interval (`15s`), the last fallback of the step choice. */
  timeInterval?: string;
  /** Prometheus HTTP method for queries: `POST` (default) or `GET`. */
  httpMethod?: string;
  /** Prometheus server kind, Grafana's spelling: `Prometheus` (default), `Cortex`, `Mimir`, `Thanos`; names the upstream in messages. */
  prometheusType?: string;
  /** Prometheus server version as the user states it (`2.53.0`); shown by Save & test. */
  prometheusVersion?: string;
  /** Prometheus: `name=value&…` added to every upstream request (at most 20, not the plugin's own parameters). */
  customQueryParameters?: string;
  /**
   * Prometheus: reuse the settled part of the last answer when the range moves forward and fetch only the rest
   * (Grafana's Prometheus option of the same name); absent → on.
   */
  incrementalQuerying?: boolean;
  /** Prometheus: how far back from the last fetch points are fetched again (late samples); absent → `10m`. */
  incrementalQueryOverlapWindow?: string;
  /** InfluxDB HTTP method: `GET` (default) or `POST`. */
  httpMode?: string;
  /** InfluxDB database when the top-level `database` is empty. */
  dbName?: string;
  // Limits (every upstream, demo included; defaults and messages in docs/reliability.md "Limits").
  /** Most series one query may return; absent → 1000. */
  maxSeries?: number;
  /** Most points (series × steps, history included) one query may return; absent → 2,000,000. */
  maxPoints?: number;
  /** Most points per series one query may fetch, history included; absent → 10,998; at most the upstream's own bound. */
  maxPointsPerSeries?: number;
  /** How far back training may fetch (duration text, `0s`–`8w`); absent → `8w`. */
  maxHistory?: string;
  /** Most bytes read from one upstream answer; absent → 50 MiB (Grafana's GF_RESPONSE_LIMIT lowers it). */
  maxResponseBytes?: number;
  /** Most bytes of frames sent back to Grafana per request; absent → 64 MiB (GF_RESPONSE_LIMIT lowers it). */
  maxQueryResponseBytes?: number;
  /** Most queries one request may hold; the rest are answered 400; absent → 100. */
  maxQueriesPerRequest?: number;
  /** Queries of one request run at once, and its upstream requests in flight; absent → GF_CONCURRENT_QUERY_COUNT, else 10. */
  maxConcurrentQueries?: number;
  /** Custom header names; the value of `httpHeaderName<N>` is `secureJsonData.httpHeaderValue<N>`. */
  [httpHeaderName: `httpHeaderName${number}`]: string | undefined;
}

/**
 * Secret settings (secureJsonData); they reach the backend decrypted (`decryptedSecureJsonData`) and are masked in
 * every log line, error and response. Not used by the demo upstream.
 */
export interface SecureDataSourceOptions {
  basicAuthPassword?: string;
  bearerToken?: string;
  /** InfluxDB 2.x/3.x token. */
  influxToken?: string;
  /** InfluxDB 1.x password for the top-level `user`. */
  password?: string;
  tlsCACert?: string;
  /** PEM client certificate and key, sent when `jsonData.tlsAuth` is on. */
  tlsClientCert?: string;
  tlsClientKey?: string;
  [httpHeaderValue: `httpHeaderValue${number}`]: string | undefined;
}
