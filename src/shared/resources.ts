/**
 * Resource endpoints of the data source backend (`pluginv2.Resource/CallResource`), shared by the
 * frontend (`getResource(path, params)` in datasource.ts / the query editor) and the backend router
 * (src/backend/resources). Our own definitions.
 *
 * Every response body is JSON. Errors answer a non-2xx status with `ResourceError`:
 * 400 bad input, 404 unknown path or metric, 405 wrong method, 501 path not served by the configured upstream;
 * Prometheus/InfluxDB look-ups also pass through the upstream client's status as `UpstreamResourceError`.
 */

/** Paths relative to `/api/datasources/uid/<uid>/resources/`. */
export const RESOURCE_PATHS = {
  /** GET → `MetricsResponse`: every metric the upstream offers. */
  metrics: 'metrics',
  /** GET `?metric=<name>` (required) → `SeriesResponse`: the label sets of that metric's series. */
  series: 'series',
  /** GET `?metric=<name>` (optional) → `LabelsResponse`: label names (of one metric, or of all). */
  labels: 'labels',
  /** GET `?label=<name>` (required) `&metric=<name>` (optional) → `LabelValuesResponse`. */
  labelValues: 'label-values',
  /** POST body `ValidateRequest` (or GET `?expr=`) → `ValidateResponse`: checks an expression without running it. */
  validate: 'validate',
  /** Prometheus: GET `?metric=<name>` (optional) → `MetadataResponse`: type, help and unit per metric. */
  metadata: 'metadata',
  /** InfluxDB: GET → `MeasurementsResponse`: measurements of the configured database. */
  measurements: 'measurements',
  /** InfluxDB: GET `?measurement=<name>` (required) → `FieldKeysResponse`. */
  fieldKeys: 'field-keys',
  /** InfluxDB: GET `?measurement=<name>` (required) → `TagKeysResponse`. */
  tagKeys: 'tag-keys',
  /** InfluxDB: GET `?measurement=<name>&key=<tag key>` (both required) → `TagValuesResponse`. */
  tagValues: 'tag-values',
  /** POST body `RecordingRulesRequest` → `RecordingRulesResponse`: the query's band as a Prometheus rule file. */
  recordingRules: 'recording-rules',
} as const;

/**
 * Which paths each upstream serves. Prometheus reads `series`, `labels` and `label-values` like the demo, plus
 * repeated `match[]=<selector>` (Prometheus API name) and optional `from`/`to` (epoch ms) to narrow the look-up;
 * `series` needs `match[]` or `metric`. A known path the upstream does not serve answers 501.
 */
export const RESOURCE_PATHS_BY_UPSTREAM = {
  demo: ['metrics', 'series', 'labels', 'label-values', 'validate', 'recording-rules'],
  prometheus: ['series', 'labels', 'label-values', 'metadata', 'recording-rules'],
  influxdb: ['measurements', 'field-keys', 'tag-keys', 'tag-values'],
} as const satisfies Record<string, readonly ResourcePath[]>;

export type ResourcePath = (typeof RESOURCE_PATHS)[keyof typeof RESOURCE_PATHS];

export interface MetricInfo {
  /** Metric name, e.g. `demo_http_latency_seconds`. */
  name: string;
  /** One-line description for the editor. */
  help: string;
  /** Grafana unit id (e.g. `s`, `bytes`, `percentunit`, `short`). */
  unit: string;
  /** Label names its series carry. */
  labels: string[];
}

export interface MetricsResponse {
  metrics: MetricInfo[];
}

export interface SeriesResponse {
  metric: string;
  /** One label set per series (without `__name__`). */
  series: Array<Record<string, string>>;
}

export interface LabelsResponse {
  labels: string[];
}

export interface LabelValuesResponse {
  label: string;
  values: string[];
}

export interface ValidateRequest {
  expr: string;
}

export interface ValidateResponse {
  ok: boolean;
  /** Present when `ok` is false: what is wrong and how to fix it. */
  error?: string;
  /** 0-based character offset of the problem in `expr`, when known. */
  position?: number;
  /** Number of series the expression selects (demo upstream), when `ok`. */
  seriesCount?: number;
}

export interface ResourceError {
  error: string;
}

/** Prometheus `series`: one label set per matching series (with `__name__`); `metric` echoes `?metric=`. */
export interface UpstreamSeriesResponse {
  metric?: string;
  series: Array<Record<string, string>>;
}

export interface MetricMetadataInfo {
  /** Prometheus metric type (`counter`, `gauge`, `histogram`, …). */
  type: string;
  help: string;
  unit: string;
}

export interface MetadataResponse {
  metadata: Record<string, MetricMetadataInfo>;
}

export interface MeasurementsResponse {
  measurements: string[];
}

export interface FieldKeysResponse {
  measurement: string;
  /** InfluxDB field type per key (`float`, `integer`, `string`, `boolean`). */
  fields: Array<{ key: string; type: string }>;
}

export interface TagKeysResponse {
  measurement: string;
  keys: string[];
}

export interface TagValuesResponse {
  measurement: string;
  key: string;
  values: string[];
}

/**
 * Error body of a failed upstream look-up: the status is the upstream client's (e.g. 502 unreachable or 5xx
 * answer, 504 timeout, 401/403 auth, 422 over a limit); `errorSource` says whether the upstream or the plugin is
 * at fault (grafana-backend-protocol.md).
 */
export interface UpstreamResourceError extends ResourceError {
  errorSource: 'downstream' | 'plugin';
}

/** `recording-rules`: an analysis query (as saved, variables already replaced) and optional naming/interval. */
export interface RecordingRulesRequest {
  query: Record<string, unknown>;
  /** Evaluation interval = the step the band is computed at (duration); default the query's minStep, else `1m`. */
  interval?: string;
  /** First part of the rule names; default from the expression. */
  level?: string;
  /** Middle part of the rule names; default the expression's metric. */
  metric?: string;
}

/** The rule file, the recorded series' names and what differs from the plugin (docs/scaling.md). */
export interface RecordingRulesResponse {
  yaml: string;
  group: string;
  interval: string;
  names: { expected: string; lower?: string; upper?: string; flag: string; sigma: string; value: string };
  notes: string[];
}
