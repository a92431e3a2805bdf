/**
 * The query and data source settings shared by the frontend (editor, datasource.ts) and the backend
 * (src/backend/query). Our own definitions; `@grafana/schema` supplies only the base `DataQuery` shape.
 *
 * The query JSON is versioned by `schemaVersion` (style habit 6): the backend accepts every version up to
 * `QUERY_SCHEMA_VERSION`, treats a missing version as 1, and rejects newer ones with a clear message.
 */
import type { DataQuery, DataSourceJsonData } from '@grafana/schema';

/** Version of the query JSON this build writes; the backend also accepts older ones. */
export const QUERY_SCHEMA_VERSION = 1;

export type UpstreamKind = 'demo' | 'prometheus' | 'influxdb';

/** Every upstream the settings may name; only `demo` is served by this build (the others answer 501). */
export const UPSTREAM_KINDS: readonly UpstreamKind[] = ['demo', 'prometheus', 'influxdb'];

/** Upstream used when `jsonData.upstream` is absent. */
export const DEFAULT_UPSTREAM: UpstreamKind = 'demo';

/** A query as saved in a dashboard or alert rule. */
export interface LensQuery extends DataQuery {
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

/** The query-JSON keys the backend accepts (Grafana adds the others it sends: datasource, intervalMs, …). */
export const LENS_QUERY_KEYS = ['schemaVersion', 'expr', 'legendFormat', 'minStepMs'] as const;

/** A new query in the editor. */
export const DEFAULT_QUERY: Partial<LensQuery> = {
  schemaVersion: QUERY_SCHEMA_VERSION,
  expr: 'demo_http_latency_seconds{service="checkout"}',
};

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
  /** TLS server name override. */
  serverName?: string;
  /** Upstream request timeout in seconds; absent → 30 s. */
  timeout?: number;
  /** Prometheus scrape interval (`15s`), the last fallback of the step choice. */
  timeInterval?: string;
  /** Prometheus HTTP method for queries: `POST` (default) or `GET`. */
  httpMethod?: string;
  /** InfluxDB HTTP method: `GET` (default) or `POST`. */
  httpMode?: string;
  /** InfluxDB database when the top-level `database` is empty. */
  dbName?: string;
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
  [httpHeaderValue: `httpHeaderValue${number}`]: string | undefined;
}
