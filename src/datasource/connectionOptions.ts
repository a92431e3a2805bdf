import { DataSourceOptions, SecureDataSourceOptions } from '../shared/queryModel';

/**
 * Connection settings the config editor writes for the Prometheus and InfluxDB upstreams, on top of the shared
 * `DataSourceOptions`. The names are the ones the backend reads (src/backend/upstreams/http/upstreamHttpSettings.ts,
 * prometheusSettings.ts, influxSettings.ts), which are Grafana's own for HTTP data sources, so provisioning files
 * written for Grafana's Prometheus/InfluxDB data sources carry over:
 *  - top level (not here): `url`, `basicAuth` + `basicAuthUser`, InfluxDB `database` and `user`;
 *  - jsonData: below;
 *  - secureJsonData: `basicAuthPassword`, `bearerToken`, `influxToken`, InfluxDB `password`, `tlsCACert`,
 *    `httpHeaderValue<N>`.
 *
 * These fields belong in `src/shared/queryModel.ts` beside `DataSourceOptions`; they are kept here until they
 * move there, and nothing else in the frontend declares them.
 */
export interface ConnectionOptions extends DataSourceOptions {
  tlsSkipVerify?: boolean;
  /** Verify the upstream against `secureJsonData.tlsCACert` instead of the system roots. */
  tlsAuthWithCACert?: boolean;
  /** Upstream request timeout in seconds; absent → the backend default (30 s). */
  timeout?: number;
  /** Prometheus scrape interval (`15s`), the last fallback of the step choice. */
  timeInterval?: string;
  /**
   * Custom header names; the value of `httpHeaderName<N>` is `secureJsonData.httpHeaderValue<N>`. The backend
   * stops at the first absent number and skips empty names, so a removed header keeps its number with name `''`.
   */
  [httpHeaderName: `httpHeaderName${number}`]: string | undefined;
}

export interface ConnectionSecureOptions extends SecureDataSourceOptions {
  /** InfluxDB 1.x password for the top-level `user`. */
  password?: string;
  tlsCACert?: string;
  [httpHeaderValue: `httpHeaderValue${number}`]: string | undefined;
}

/** Upper bound on custom headers, so the editor never loops over an unbounded index range. */
export const MAX_CUSTOM_HEADERS = 20;

export const headerNameKey = (n: number) => `httpHeaderName${n}` as const;
export const headerValueKey = (n: number) => `httpHeaderValue${n}` as const;
