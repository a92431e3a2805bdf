/**
 * A gRPC client for the plugin, built from the committed `proto/*.proto` with `@grpc/proto-loader` (the test side
 * does not reuse the backend's generated descriptor, so a stale descriptor would show up as a mismatch).
 * Calls go to the same method paths Grafana uses (`/pluginv2.Data/QueryData`, …, docs/protocol.md §3.1).
 */
import * as grpc from '@grpc/grpc-js';
import { loadSync } from '@grpc/proto-loader';
import { join } from 'node:path';
import { REPO_ROOT } from './pluginExecutable';

const definition = loadSync(
  ['backend.proto', 'controller.proto', 'health.proto'].map((f) => join(REPO_ROOT, 'proto', f)),
  // Enums as names so that assertions read `OK` / `SERVING`; int64 as numbers (all ours are < 2^53).
  { keepCase: true, longs: Number, enums: String, defaults: true, oneofs: true }
);
type Ctor = grpc.ServiceClientConstructor;
const pkg = grpc.loadPackageDefinition(definition) as unknown as {
  pluginv2: { Data: Ctor; Diagnostics: Ctor; Resource: Ctor };
  plugin: { GRPCController: Ctor };
  grpc: { health: { v1: { Health: Ctor } } };
};

export interface DataQueryMessage {
  refId: string;
  maxDataPoints?: number;
  intervalMS?: number;
  timeRange?: { fromEpochMS: number; toEpochMS: number };
  json?: Buffer;
  queryType?: string;
}

export interface DataResponseMessage {
  frames: Buffer[];
  error: string;
  status: number;
  errorSource: string;
  format: string;
}

export interface CallResourceResponseMessage {
  code: number;
  headers: Record<string, { values: string[] }>;
  body: Buffer;
}

export interface PluginClients {
  queryData(request: object): Promise<{ responses: Record<string, DataResponseMessage> }>;
  /** Sends QueryData and cancels the call after `ms`, as Grafana does when a dashboard is left; resolves to the error. */
  queryDataCancelledAfter(request: object, ms: number): Promise<grpc.ServiceError>;
  checkHealth(request?: object): Promise<{ status: string; message: string; jsonDetails: Buffer }>;
  collectMetrics(request?: object): Promise<{ metrics: { prometheus: Buffer } | null }>;
  /** Collects every streamed message of one CallResource. */
  callResource(request: object): Promise<CallResourceResponseMessage[]>;
  healthCheck(service: string): Promise<{ status: string }>;
  shutdown(): Promise<object>;
  close(): void;
}

/**
 * Grafana's dial sets max send/receive sizes to MaxInt32 (docs/protocol.md §2.1). Go's gRPC client also grows its
 * HTTP/2 receive window by bandwidth-delay estimation (up to 16 MiB); grpc-js keeps the 64 KiB default unless told,
 * which would make large responses look slower than Grafana sees them.
 */
const CHANNEL_OPTIONS = {
  'grpc.max_receive_message_length': -1,
  'grpc.max_send_message_length': -1,
  'grpc-node.flow_control_window': 16 * 1024 * 1024,
};

export interface ConnectOptions {
  /** Deadline of each call (default 30 s; the memory benchmarks send requests that take longer on a busy machine). */
  deadlineMs?: number;
}

export function connect(address: string, options: ConnectOptions = {}): PluginClients {
  const deadlineMs = options.deadlineMs ?? 30_000;
  const creds = grpc.credentials.createInsecure();
  const data = new pkg.pluginv2.Data(address, creds, CHANNEL_OPTIONS);
  // Each client gets its own channel unless told otherwise; share one like go-plugin's single connection.
  const channelOverride = data.getChannel();
  const opts = { ...CHANNEL_OPTIONS, channelOverride } as grpc.ClientOptions;
  const diagnostics = new pkg.pluginv2.Diagnostics(address, creds, opts);
  const resource = new pkg.pluginv2.Resource(address, creds, opts);
  const health = new pkg.grpc.health.v1.Health(address, creds, opts);
  const controller = new pkg.plugin.GRPCController(address, creds, opts);

  const unary =
    <T>(client: grpc.Client, method: string) =>
    (request: object = {}): Promise<T> =>
      new Promise((resolve, reject) => {
        const deadline = new Date(Date.now() + deadlineMs);
        (client as unknown as Record<string, Function>)[method](request, { deadline }, (err: Error | null, res: T) =>
          err ? reject(err) : resolve(res)
        );
      });

  return {
    queryData: unary(data, 'QueryData'),
    queryDataCancelledAfter: (request, ms) =>
      new Promise((resolve, reject) => {
        const call = (data as unknown as { QueryData: Function }).QueryData(
          request,
          { deadline: new Date(Date.now() + deadlineMs) },
          (err: grpc.ServiceError | null) => (err ? resolve(err) : reject(new Error('the call was not cancelled')))
        ) as grpc.ClientUnaryCall;
        setTimeout(() => call.cancel(), ms);
      }),
    checkHealth: unary(diagnostics, 'CheckHealth'),
    collectMetrics: unary(diagnostics, 'CollectMetrics'),
    callResource: (request) =>
      new Promise((resolve, reject) => {
        const messages: CallResourceResponseMessage[] = [];
        const call = (resource as unknown as { CallResource: Function }).CallResource(request, {
          deadline: new Date(Date.now() + deadlineMs),
        }) as grpc.ClientReadableStream<CallResourceResponseMessage>;
        call.on('data', (m: CallResourceResponseMessage) => messages.push(m));
        call.on('error', reject);
        call.on('end', () => resolve(messages));
      }),
    healthCheck: (service) => unary<{ status: string }>(health, 'Check')({ service }),
    shutdown: unary(controller, 'Shutdown'),
    close: () => {
      for (const c of [diagnostics, resource, health, controller, data]) {
        c.close();
      }
    },
  };
}

/** A `DataQuery` for a demo selector over a fixed window (TZ-independent epoch milliseconds). */
export function demoQuery(
  refId: string,
  expr: string,
  fromMs: number,
  toMs: number,
  extra: object = {}
): DataQueryMessage {
  const stepMs = Math.max(1000, Math.floor((toMs - fromMs) / 1000));
  return {
    refId,
    maxDataPoints: 1000,
    intervalMS: stepMs,
    timeRange: { fromEpochMS: fromMs, toEpochMS: toMs },
    json: Buffer.from(
      JSON.stringify({ refId, schemaVersion: 1, expr, intervalMs: stepMs, maxDataPoints: 1000, ...extra })
    ),
    queryType: '',
  };
}

/** A plugin context like Grafana's for our nested data source with the demo upstream. */
export function demoPluginContext(): object {
  return {
    orgId: 1,
    pluginId: 'seedlabs-anomalylens-datasource',
    pluginVersion: '0.1.0',
    user: { login: 'admin', name: 'admin', email: 'admin@localhost', role: 'Admin' },
    dataSourceInstanceSettings: {
      id: 1,
      uid: 'anomalylens-demo',
      name: 'Anomaly Lens demo',
      jsonData: Buffer.from(JSON.stringify({ upstream: 'demo' })),
      decryptedSecureJsonData: {},
      lastUpdatedMS: 1_700_000_000_000,
    },
    grafanaConfig: {},
  };
}
