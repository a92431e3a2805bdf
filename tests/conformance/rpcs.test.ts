/**
 * Every RPC the plugin implements, called over gRPC on the method paths Grafana uses (docs/protocol.md §2.2, §3),
 * against the built executable started as Grafana starts it.
 */
import { connect, demoPluginContext, demoQuery, PluginClients } from './support/pluginClients';
import { launchPlugin, RunningPlugin, stopPlugin } from './support/launchPlugin';

jest.setTimeout(60_000);

/** Monday 2024-01-08T00:00:00Z; 1,000 one-second steps. */
const FROM = Date.UTC(2024, 0, 8);
const TO = FROM + 999_000;

/** A secret the plugin must never echo in responses or logs (brief: secrets never in logs/errors/responses). */
const SECRET = 'conformance-s3cr3t-7f9c2d';

function contextWith(jsonData: string, secrets: Record<string, string> = {}): object {
  const ctx = demoPluginContext() as { dataSourceInstanceSettings: Record<string, unknown> };
  return {
    ...ctx,
    dataSourceInstanceSettings: {
      ...ctx.dataSourceInstanceSettings,
      jsonData: Buffer.from(jsonData),
      decryptedSecureJsonData: secrets,
    },
  };
}

describe('plugin RPCs over gRPC', () => {
  let plugin: RunningPlugin;
  let clients: PluginClients;
  beforeAll(async () => {
    plugin = await launchPlugin();
    clients = connect(plugin.address);
  });
  afterAll(async () => {
    clients?.close();
    await stopPlugin(plugin);
  });

  it('grpc.health.v1 reports service "plugin" and the server as SERVING', async () => {
    expect((await clients.healthCheck('plugin')).status).toBe('SERVING');
    expect((await clients.healthCheck('')).status).toBe('SERVING');
  });

  it('queryData answers every refId; a malformed query fails alone with error, status and errorSource', async () => {
    const res = await clients.queryData({
      pluginContext: contextWith('{"upstream":"demo"}', { bearerToken: SECRET }),
      queries: [
        demoQuery('A', 'demo_http_latency_seconds{service="checkout"}', FROM, TO),
        { refId: 'BAD', json: Buffer.from('{"refId":"BAD","expr":'), timeRange: { fromEpochMS: FROM, toEpochMS: TO } },
        demoQuery('B', 'demo_http_latency_seconds', FROM, TO),
        demoQuery('NOEXPR', '', FROM, TO),
      ],
    });
    expect(Object.keys(res.responses).sort()).toEqual(['A', 'B', 'BAD', 'NOEXPR']);

    for (const refId of ['A', 'B']) {
      const r = res.responses[refId];
      expect(r.error).toBe('');
      expect([0, 200]).toContain(r.status);
      expect(r.format).toBe('ARROW');
    }
    expect(res.responses.A.frames).toHaveLength(1);
    expect(res.responses.B.frames).toHaveLength(4);

    for (const refId of ['BAD', 'NOEXPR']) {
      const r = res.responses[refId];
      expect(r.error).toContain(refId);
      expect(r.status).toBe(400);
      expect(['plugin', 'downstream']).toContain(r.errorSource);
      expect(r.frames).toHaveLength(0);
    }
    expect(JSON.stringify(res)).not.toContain(SECRET);
  });

  it('queryData answers bad data source settings per refId, not with a gRPC error', async () => {
    const res = await clients.queryData({
      pluginContext: contextWith('{not json'),
      queries: [demoQuery('A', 'demo_cpu_utilization', FROM, TO), demoQuery('B', 'demo_consumer_lag', FROM, TO)],
    });
    expect(Object.keys(res.responses).sort()).toEqual(['A', 'B']);
    for (const r of Object.values(res.responses)) {
      expect(r.error.length).toBeGreaterThan(0);
      expect(r.status).toBeGreaterThanOrEqual(400);
      expect(r.status).toBeLessThan(600);
      expect(['plugin', 'downstream']).toContain(r.errorSource);
    }
  });

  it('checkHealth reports OK with a message for the demo upstream', async () => {
    const res = await clients.checkHealth({ pluginContext: contextWith('{"upstream":"demo"}') });
    expect(res.status).toBe('OK');
    expect(res.message.length).toBeGreaterThan(0);
  });

  it('checkHealth reports ERROR with a message for unreadable settings, and never echoes secrets', async () => {
    const res = await clients.checkHealth({
      pluginContext: contextWith('{"upstream":', { basicAuthPassword: SECRET }),
    });
    expect(res.status).toBe('ERROR');
    expect(res.message.length).toBeGreaterThan(0);
    expect(JSON.stringify(res)).not.toContain(SECRET);
    expect(Buffer.from(res.jsonDetails ?? []).toString('utf8')).not.toContain(SECRET);
  });

  it('collectMetrics returns Prometheus text exposition with at least one sample', async () => {
    const res = await clients.collectMetrics({});
    const text = Buffer.from(res.metrics?.prometheus ?? []).toString('utf8');
    const lines = text.split('\n').filter((l) => l.trim() !== '');
    const samples = lines.filter((l) => !l.startsWith('#'));
    expect(samples.length).toBeGreaterThan(0);
    // Text format 0.0.4: `# HELP|TYPE name …` comments and `name{labels} value [timestamp]` samples.
    for (const l of lines) {
      if (l.startsWith('#')) {
        expect(l).toMatch(/^# (HELP|TYPE) [a-zA-Z_:][a-zA-Z0-9_:]* /);
      } else {
        expect(l).toMatch(/^[a-zA-Z_:][a-zA-Z0-9_:]*(\{.*\})? (-?[0-9.eE+-]+|NaN|[+-]Inf)( -?\d+)?$/);
      }
    }
  });

  it('callResource GET metrics streams 200 with a JSON body listing the demo metrics', async () => {
    const messages = await clients.callResource({
      pluginContext: contextWith('{"upstream":"demo"}'),
      path: 'metrics',
      method: 'GET',
      url: 'metrics',
      headers: {},
      body: Buffer.alloc(0),
    });
    expect(messages.length).toBeGreaterThan(0);
    expect(messages[0].code).toBe(200);
    const body = JSON.parse(Buffer.concat(messages.map((m) => Buffer.from(m.body))).toString('utf8'));
    expect(body.metrics.map((m: { name: string }) => m.name)).toContain('demo_http_latency_seconds');
  });

  it('callResource reads parameters from the forwarded URL query string', async () => {
    const messages = await clients.callResource({
      pluginContext: contextWith('{"upstream":"demo"}'),
      path: 'series',
      method: 'GET',
      url: 'series?metric=demo_http_latency_seconds',
      headers: {},
      body: Buffer.alloc(0),
    });
    expect(messages[0].code).toBe(200);
    const body = JSON.parse(Buffer.concat(messages.map((m) => Buffer.from(m.body))).toString('utf8'));
    expect(body.series.map((s: Record<string, string>) => s.service).sort()).toEqual([
      'cart',
      'checkout',
      'payments',
      'search',
    ]);
  });

  it('callResource answers an unknown path with 404 and a JSON error', async () => {
    const messages = await clients.callResource({
      pluginContext: contextWith('{"upstream":"demo"}'),
      path: 'no-such-thing',
      method: 'GET',
      url: 'no-such-thing',
      headers: {},
      body: Buffer.alloc(0),
    });
    expect(messages[0].code).toBe(404);
    const body = JSON.parse(Buffer.concat(messages.map((m) => Buffer.from(m.body))).toString('utf8'));
    expect(typeof body.error).toBe('string');
  });

  it('keeps serving after the failures above, and never logged the secret', async () => {
    expect((await clients.healthCheck('plugin')).status).toBe('SERVING');
    expect(plugin.hasExited()).toBe(false);
    expect(plugin.stderrLines().join('\n')).not.toContain(SECRET);
  });
});
