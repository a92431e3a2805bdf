import type { DataQuery, DataSourceJsonData } from '@grafana/schema';

/** Version of the query JSON this build writes; the backend also accepts older ones. */
export const QUERY_SCHEMA_VERSION = 1;

export type UpstreamKind = 'demo' | 'prometheus' | 'influxdb';

/** A query as saved in a dashboard or alert rule. */
export interface LensQuery extends DataQuery {
  schemaVersion?: number;
  /** Upstream query: a demo series selector, PromQL, or InfluxQL. */
  expr?: string;
}

/** Non-secret data source settings (jsonData). */
export interface DataSourceOptions extends DataSourceJsonData {
  upstream?: UpstreamKind;
}
