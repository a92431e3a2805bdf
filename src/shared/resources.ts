/**
 * Resource endpoints of the data source backend (`pluginv2.Resource/CallResource`), shared by the
 * frontend (`getResource(path, params)` in datasource.ts / the query editor) and the backend router
 * (src/backend/resources). Our own definitions.
 *
 * Every response body is JSON. Errors answer a non-2xx status with `ResourceError`:
 * 400 bad input, 404 unknown path or metric, 405 wrong method, 501 upstream not supported by this build.
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
} as const;

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
