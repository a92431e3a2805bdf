/**
 * The gRPC server in-process on port 0, called with a grpc-js client exactly as Grafana would
 * (paths /pluginv2.Data/QueryData etc.).
 */
import * as grpc from '@grpc/grpc-js';
import { tableFromIPC } from 'apache-arrow';
import { createBackendServer, BackendServer } from '../createBackendServer';
import { createLogger } from '../logger';
import { services } from '../protocol';
import {
  CallResourceResponse,
  CheckHealthResponse,
  CollectMetricsResponse,
  DataQuery,
  HealthStatus,
  QueryDataResponse,
} from '../protoTypes';

const FROM = Date.UTC(2026, 0, 5, 0, 0, 0);
const TO = FROM + 3_600_000;
const SECRET = 'hunter2-super-secret-token';

type Client = grpc.Client & Record<string, (...args: unknown[]) => unknown>;

let backend: BackendServer;
let logLines: string[];
let shutdownCalls: number;
const clients: Client[] = [];

function client(ctor: grpc.ServiceClientConstructor): Client {
  const c = new ctor(`127.0.0.1:${backend.port}`, grpc.credentials.createInsecure()) as unknown as Client;
  clients.push(c);
  return c;
}

function unaryCall<Res>(c: Client, method: string, req: unknown): Promise<Res> {
  return new Promise((resolve, reject) => {
    (c[method] as (r: unknown, cb: (e: grpc.ServiceError | null, res: Res) => void) => void).call(c, req, (e, res) =>
      e ? reject(e) : resolve(res)
    );
  });
}

function settings(jsonData: unknown, secure: Record<string, string> = {}) {
  return {
    dataSourceInstanceSettings: {
      name: 'lens',
      uid: 'abc',
      jsonData: Buffer.from(typeof jsonData === 'string' ? jsonData : JSON.stringify(jsonData)),
      decryptedSecureJsonData: secure,
    },
  };
}

function query(refId: string, json: unknown): Partial<DataQuery> {
  return {
    refId,
    maxDataPoints: 100,
    intervalMS: 60_000,
    timeRange: { fromEpochMS: FROM, toEpochMS: TO },
    json: Buffer.from(typeof json === 'string' ? json : JSON.stringify(json)),
  };
}

beforeAll(async () => {
  logLines = [];
  shutdownCalls = 0;
  backend = await createBackendServer({
    port: 0,
    logger: createLogger({ write: (l) => void logLines.push(l) }),
    onShutdown: () => {
      shutdownCalls++;
    },
  });
});

afterAll(async () => {
  clients.forEach((c) => c.close());
  await backend.stop(100);
});

describe('QueryData', () => {
  test('queryData answers every refId, and a malformed query fails alone with status and errorSource', async () => {
    const res = await unaryCall<QueryDataResponse>(client(services.Data), 'QueryData', {
      pluginContext: settings({ upstream: 'demo' }, { password: SECRET }),
      queries: [
        query('A', { expr: 'demo_cpu_utilization{host=~"web-.*"}', schemaVersion: 1 }),
        query('B', '{"expr": "demo_cpu_utilization"'),
        query('C', { expr: '' }),
        query('D', { expr: 'demo_http_latency_seconds{service="checkout"' }),
        query('E', { expr: 'demo_consumer_lag' }),
      ],
    });
    expect(Object.keys(res.responses).sort()).toEqual(['A', 'B', 'C', 'D', 'E']);

    const a = res.responses.A;
    expect(a.error).toBe('');
    expect(a.frames).toHaveLength(3);
    const table = tableFromIPC(a.frames![0]);
    expect(table.schema.metadata.get('refId')).toBe('A');
    expect(JSON.parse(table.schema.metadata.get('meta')!)).toMatchObject({
      type: 'timeseries-multi',
      typeVersion: [0, 1],
    });
    expect(table.numRows).toBe(61);

    for (const id of ['B', 'C', 'D']) {
      expect(res.responses[id].frames).toHaveLength(0);
      expect(res.responses[id].status).toBe(400);
      expect(res.responses[id].errorSource).toBe('downstream');
    }
    expect(res.responses.B.error).toMatch(/malformed/);
    expect(res.responses.C.error).toMatch(/expr is empty/);
    expect(res.responses.D.error).toMatch(/missing "}"/);
    expect(res.responses.E.frames).toHaveLength(3);
    expect(res.responses.E.status).toBe(200);
  });

  test('queryData accepts requests above grpc-js default 4 MiB receive limit', async () => {
    const big = 'x'.repeat(6 * 1024 * 1024);
    const res = await unaryCall<QueryDataResponse>(client(services.Data), 'QueryData', {
      pluginContext: settings({}),
      queries: [query('A', { expr: 'demo_cpu_utilization{host="db-1"}', padding: big })],
    });
    expect(res.responses.A.status).toBe(200);
    expect(res.responses.A.frames).toHaveLength(1);
  });

  test('queryData answers an InfluxDB upstream without a database with 400 per refId, naming the setting', async () => {
    const res = await unaryCall<QueryDataResponse>(client(services.Data), 'QueryData', {
      pluginContext: settings({ upstream: 'influxdb' }),
      queries: [query('A', { expr: 'SELECT 1' }), query('B', { expr: 'x' })],
    });
    for (const id of ['A', 'B']) {
      expect(res.responses[id]).toMatchObject({ status: 400, errorSource: 'downstream' });
      expect(res.responses[id].error).toMatch(/InfluxDB|database|URL/);
    }
  });

  test('queryData never echoes a secure setting or an Authorization header value that appears in the query', async () => {
    const token = 'tok-oauth-abcdef-777';
    const res = await unaryCall<QueryDataResponse>(client(services.Data), 'QueryData', {
      pluginContext: settings({}, { apiKey: SECRET }),
      headers: { Authorization: `Bearer ${token}` },
      queries: [
        query('A', { expr: `demo_cpu_utilization{host="${SECRET}"` }),
        query('B', { expr: `demo_cpu_utilization{host="${token}"` }),
      ],
    });
    for (const id of ['A', 'B']) {
      expect(res.responses[id].status).toBe(400);
      expect(res.responses[id].error).toContain('[REDACTED]');
    }
    const everything = JSON.stringify(res) + logLines.join('');
    expect(everything).not.toContain(SECRET);
    expect(everything).not.toContain(token);
  });
});

describe('Diagnostics', () => {
  test('checkHealth reports OK explicitly for the demo upstream', async () => {
    const res = await unaryCall<CheckHealthResponse>(client(services.Diagnostics), 'CheckHealth', {
      pluginContext: settings({ upstream: 'demo' }),
    });
    expect(res.status).toBe(HealthStatus.OK);
    expect(res.message).toMatch(/^Demo upstream is working: 5 metrics, \d+ series/);
    expect(JSON.parse(res.jsonDetails!.toString())).toMatchObject({ upstream: 'demo' });
  });

  test('checkHealth reports ERROR with a readable message for an unconfigured upstream and broken settings', async () => {
    const c = client(services.Diagnostics);
    const prom = await unaryCall<CheckHealthResponse>(c, 'CheckHealth', {
      pluginContext: settings({ upstream: 'prometheus' }),
    });
    expect(prom.status).toBe(HealthStatus.ERROR);
    expect(prom.message).toMatch(/URL/i);
    const broken = await unaryCall<CheckHealthResponse>(c, 'CheckHealth', { pluginContext: settings('{not json') });
    expect(broken.status).toBe(HealthStatus.ERROR);
    expect(broken.message).toMatch(/not valid JSON/);
    const unknown = await unaryCall<CheckHealthResponse>(c, 'CheckHealth', {
      pluginContext: settings({ upstream: 'graphite' }),
    });
    expect(unknown.status).toBe(HealthStatus.ERROR);
    expect(unknown.message).toMatch(/choose one of demo, prometheus, influxdb/);
  });

  test('collectMetrics returns Prometheus text that parses and counts queries by outcome', async () => {
    const c = client(services.Diagnostics);
    const before = backend.metrics.queryCount('ok');
    await unaryCall(client(services.Data), 'QueryData', {
      pluginContext: settings({}),
      queries: [query('A', { expr: 'demo_cpu_utilization' }), query('B', { expr: '' })],
    });
    const res = await unaryCall<CollectMetricsResponse>(c, 'CollectMetrics', {});
    const text = res.metrics.prometheus.toString('utf8');
    for (const line of text.trim().split('\n')) {
      expect(line).toMatch(
        /^(# (HELP|TYPE) [a-zA-Z_:][a-zA-Z0-9_:]* .+|[a-zA-Z_:][a-zA-Z0-9_:]*(\{[^}]*\})? [-+0-9.eE]+(Inf)?|NaN)$/
      );
    }
    for (const name of [
      'process_cpu_seconds_total',
      'process_resident_memory_bytes',
      'process_start_time_seconds',
      'process_open_fds',
      'nodejs_heap_size_used_bytes',
    ]) {
      expect(text).toMatch(new RegExp(`^${name} \\d`, 'm'));
    }
    expect(backend.metrics.queryCount('ok')).toBe(before + 1);
    const okLine = text.match(/^anomalylens_queries_total\{outcome="ok",upstream="demo",error_source="none"\} (\d+)$/m);
    expect(Number(okLine?.[1])).toBe(backend.metrics.queryCount('ok'));
    expect(text).toMatch(/^anomalylens_query_duration_seconds_count\{outcome="error"\} [1-9]\d*$/m);
    expect(text).toMatch(/^anomalylens_query_duration_seconds_bucket\{outcome="ok",le="\+Inf"\} [1-9]\d*$/m);
  });
});

describe('Resource', () => {
  function callResource(req: Record<string, unknown>): Promise<CallResourceResponse[]> {
    return new Promise((resolve, reject) => {
      const stream = (
        client(services.Resource).CallResource as (r: unknown) => grpc.ClientReadableStream<CallResourceResponse>
      )(req);
      const out: CallResourceResponse[] = [];
      stream.on('data', (m: CallResourceResponse) => out.push(m));
      stream.on('end', () => resolve(out));
      stream.on('error', reject);
    });
  }

  test('callResource routes metrics and series and answers JSON', async () => {
    const [metrics] = await callResource({
      pluginContext: settings({}),
      path: 'metrics',
      method: 'GET',
      url: '/api/datasources/uid/abc/resources/metrics',
    });
    expect(metrics.code).toBe(200);
    expect(metrics.headers!['Content-Type'].values).toEqual(['application/json']);
    expect(JSON.parse(metrics.body!.toString()).metrics.map((m: { name: string }) => m.name)).toContain(
      'demo_kafka_bytes_in'
    );

    const [series] = await callResource({
      pluginContext: settings({}),
      path: 'series',
      method: 'GET',
      url: 'series?metric=demo_kafka_bytes_in',
    });
    expect(series.code).toBe(200);
    expect(JSON.parse(series.body!.toString()).series).toHaveLength(4);
  });

  test('callResource answers 404 for unknown paths and 400 for missing parameters', async () => {
    const [unknown] = await callResource({ pluginContext: settings({}), path: 'nope', method: 'GET', url: 'nope' });
    expect(unknown.code).toBe(404);
    expect(JSON.parse(unknown.body!.toString()).error).toMatch(/unknown resource "nope"/);
    const [missing] = await callResource({ pluginContext: settings({}), path: 'series', method: 'GET', url: 'series' });
    expect(missing.code).toBe(400);
  });
});

describe('Health and shutdown', () => {
  test('health service reports plugin and the whole server as SERVING', async () => {
    const c = client(services.Health);
    expect(await unaryCall<{ status: number }>(c, 'Check', { service: 'plugin' })).toEqual({ status: 1 });
    expect(await unaryCall<{ status: number }>(c, 'Check', { service: '' })).toEqual({ status: 1 });
    await expect(unaryCall(c, 'Check', { service: 'other' })).rejects.toMatchObject({ code: grpc.status.NOT_FOUND });
  });

  test('GRPCController/Shutdown answers, ends Watch streams with NOT_SERVING, stops the server and calls onShutdown', async () => {
    const extra = await createBackendServer({
      logger: createLogger({ write: () => undefined }),
      onShutdown: () => shutdownCalls++,
    });
    const watcher = new services.Health(
      `127.0.0.1:${extra.port}`,
      grpc.credentials.createInsecure()
    ) as unknown as Client;
    const watched: number[] = [];
    const watchEnded = new Promise<void>((resolve) => {
      const stream = (watcher.Watch as (r: unknown) => grpc.ClientReadableStream<{ status: number }>)({
        service: 'plugin',
      });
      stream.on('data', (m: { status: number }) => watched.push(m.status));
      stream.on('end', () => resolve());
      stream.on('error', () => resolve());
    });
    await new Promise((r) => setTimeout(r, 100));
    expect(watched).toEqual([1]);
    const c = new services.GRPCController(
      `127.0.0.1:${extra.port}`,
      grpc.credentials.createInsecure()
    ) as unknown as Client;
    await expect(unaryCall(c, 'Shutdown', {})).resolves.toEqual({});
    const deadline = Date.now() + 3000;
    while (shutdownCalls === 0 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(shutdownCalls).toBe(1);
    await watchEnded;
    expect(watched).toEqual([1, 2]);
    watcher.close();
    const h = new services.Health(`127.0.0.1:${extra.port}`, grpc.credentials.createInsecure(), {
      'grpc.initial_reconnect_backoff_ms': 50,
    }) as unknown as Client;
    const deadlineOpt = { deadline: Date.now() + 500 };
    await expect(
      new Promise((resolve, reject) =>
        (h.Check as (r: unknown, m: grpc.Metadata, o: unknown, cb: (e: unknown, r: unknown) => void) => void).call(
          h,
          { service: 'plugin' },
          new grpc.Metadata(),
          deadlineOpt,
          (e, r) => (e ? reject(e) : resolve(r))
        )
      )
    ).rejects.toBeDefined();
    c.close();
    h.close();
  });
});
