/**
 * TypeScript shapes of the protocol messages as @grpc/proto-loader decodes them with the options in protocol.ts
 * (int64 → number, bytes → Buffer, enums → number, defaults filled). Written by hand from proto/*.proto.
 * Outgoing messages may omit fields (proto3 defaults).
 */

export interface User {
  login: string;
  name: string;
  email: string;
  role: string;
}

export interface AppInstanceSettings {
  jsonData: Buffer;
  decryptedSecureJsonData: Record<string, string>;
  lastUpdatedMS: number;
  apiVersion: string;
}

export interface DataSourceInstanceSettings {
  id: number;
  name: string;
  url: string;
  user: string;
  database: string;
  basicAuthEnabled: boolean;
  basicAuthUser: string;
  jsonData: Buffer;
  decryptedSecureJsonData: Record<string, string>;
  lastUpdatedMS: number;
  uid: string;
  apiVersion: string;
}

export interface PluginContext {
  orgId: number;
  pluginId: string;
  user: User | null;
  appInstanceSettings: AppInstanceSettings | null;
  dataSourceInstanceSettings: DataSourceInstanceSettings | null;
  grafanaConfig: Record<string, string>;
  pluginVersion: string;
  userAgent: string;
  apiVersion: string;
  namespace: string;
}

export interface TimeRange {
  fromEpochMS: number;
  toEpochMS: number;
}

export interface DataQuery {
  refId: string;
  maxDataPoints: number;
  intervalMS: number;
  timeRange: TimeRange | null;
  json: Buffer;
  queryType: string;
}

export interface QueryDataRequest {
  pluginContext: PluginContext | null;
  headers: Record<string, string>;
  queries: DataQuery[];
  format: number;
}

/** `errorSource` values Grafana understands (docs/protocol.md §3.2). */
export type ErrorSource = 'plugin' | 'downstream';

export interface DataResponse {
  frames?: Uint8Array[];
  error?: string;
  status?: number;
  errorSource?: ErrorSource | '';
}

export interface QueryDataResponse {
  responses: Record<string, DataResponse>;
}

export const HealthStatus = { UNKNOWN: 0, OK: 1, ERROR: 2 } as const;

export interface CheckHealthRequest {
  pluginContext: PluginContext | null;
  headers: Record<string, string>;
}

export interface CheckHealthResponse {
  status: number;
  message: string;
  jsonDetails?: Buffer;
}

export interface CollectMetricsRequest {
  pluginContext: PluginContext | null;
}

export interface CollectMetricsResponse {
  metrics: { prometheus: Buffer };
}

export interface StringList {
  values: string[];
}

export interface CallResourceRequest {
  pluginContext: PluginContext | null;
  path: string;
  method: string;
  url: string;
  headers: Record<string, StringList>;
  body: Buffer;
}

export interface CallResourceResponse {
  code: number;
  headers?: Record<string, StringList>;
  body?: Buffer;
}
