/**
 * Security checks of the backend (team brief: secrets never in logs/errors/responses):
 *  1. with a data source whose decryptedSecureJsonData holds known unique secrets (and Grafana-forwarded credential
 *     headers), queries, resource calls, CheckHealth and CollectMetrics against an upstream that fails and echoes
 *     what it received; stderr, error strings, decoded frames, metrics text, health answers and resource bodies
 *     are searched for every secret (and its base64 form): none may appear;
 *  2. no input (expr, legend, resource path, query string, body) can make the backend contact a host other than
 *     the configured URL, nor a path outside the API: a second "evil" listener must see no connection.
 * Part of each check runs the built executable; the Prometheus client is also checked in process, because the
 * query pipeline does not call it yet (501).
 */
import { launchPlugin, stopPlugin, type RunningPlugin } from '../conformance/support/launchPlugin';
import { connect, demoQuery, type PluginClients } from '../conformance/support/pluginClients';
import { decodeFrame } from '../conformance/support/decodeFrame';
import { LensError } from '../../src/backend/errors/LensError';
import { checkPrometheus } from '../../src/backend/upstreams/prometheus/checkPrometheus';
import {
  labelNames,
  labelValues,
  metricMetadata,
  seriesLabels,
} from '../../src/backend/upstreams/prometheus/prometheusResources';
import { prometheusSettingsFrom } from '../../src/backend/upstreams/prometheus/prometheusSettings';
import { queryRange } from '../../src/backend/upstreams/prometheus/queryRange';
import { flatHeaders, forbiddenStrings, lensContext, resourceHeaders, SECRETS } from './support/lensContexts';
import { httpResponse, startRawUpstream, type RawUpstream } from './support/rawUpstream';

const T_END = 1_700_000_000_000;

/** Every way an upstream might echo the request back, in a failure or in a successful answer's warnings. */
const ECHOES: Array<[string, (raw: string) => string]> = [
  ['HTTP 500 text echo', (raw) => httpResponse(500, 'text/plain', `bad request: ${raw}`)],
  [
    'Prometheus error JSON echo',
    (raw) =>
      httpResponse(400, 'application/json', JSON.stringify({ status: 'error', errorType: 'bad_data', error: raw })),
  ],
  ['HTTP 401 echo', (raw) => httpResponse(401, 'text/plain', raw)],
  ['HTTP 200 not JSON echo', (raw) => httpResponse(200, 'text/html', `<pre>${raw}</pre>`)],
  [
    'HTTP 200 matrix with the echo in warnings',
    (raw) =>
      httpResponse(
        200,
        'application/json',
        JSON.stringify({ status: 'success', data: { resultType: 'matrix', result: [] }, warnings: [raw] })
      ),
  ],
];

let upstream: RawUpstream;
let evil: RawUpstream;
beforeAll(async () => {
  upstream = await startRawUpstream();
  evil = await startRawUpstream();
  evil.behave((s) => s.end(httpResponse(200, 'application/json', '{"status":"success","data":[]}')));
});
afterAll(async () => {
  await upstream.close();
  await evil.close();
});

function findSecrets(text: string, where: string): string[] {
  return forbiddenStrings()
    .filter((s) => text.includes(s))
    .map((s) => `${where} contains ${JSON.stringify(s)}`);
}

describe('secrets stay out of every output (Prometheus client, in process)', () => {
  const settings = () =>
    prometheusSettingsFrom({
      url: upstream.url,
      basicAuthEnabled: true,
      basicAuthUser: 'lens',
      jsonData: { timeout: 2, httpHeaderName1: 'X-Scope-OrgID' },
      decryptedSecureJsonData: { ...SECRETS },
    });

  for (const [name, echo] of ECHOES) {
    it(`${name}: the credentials are sent, and no error message repeats them`, async () => {
      upstream.behave((s, req) => s.end(echo(req.raw)));
      const before = upstream.requests.length;
      const leaks: string[] = [];
      const calls: Array<[string, () => Promise<unknown>]> = [
        ['queryRange', () => queryRange({ expr: 'up', fromMs: T_END - 60_000, toMs: T_END, stepMs: 1000 }, settings())],
        ['labelNames', () => labelNames(settings())],
        ['labelValues', () => labelValues(settings(), 'job')],
        ['seriesLabels', () => seriesLabels(settings(), ['up'])],
        ['metricMetadata', () => metricMetadata(settings())],
      ];
      for (const [call, run] of calls) {
        const outcome = await run().then(
          (v) => ({ ok: true, text: JSON.stringify(v) }),
          (e: unknown) => ({ ok: false, text: `${(e as Error).message} ${JSON.stringify(e)}`, e })
        );
        leaks.push(...findSecrets(outcome.text, call));
        if (!outcome.ok) {
          expect((outcome as { e: unknown }).e).toBeInstanceOf(LensError);
        }
      }
      const health = await checkPrometheus(settings());
      leaks.push(...findSecrets(JSON.stringify(health), 'checkPrometheus'));
      expect(leaks).toEqual([]);
      // The test means something only if the secrets really went out on the wire.
      const sent = upstream.requests.slice(before);
      expect(sent.length).toBeGreaterThanOrEqual(calls.length);
      expect(sent[0].headers.authorization).toBe(
        `Basic ${Buffer.from(`lens:${SECRETS.basicAuthPassword}`).toString('base64')}`
      );
      expect(sent[0].headers['x-scope-orgid']).toBe(SECRETS.httpHeaderValue1);
    });
  }
});

describe('requests go to the configured URL only (Prometheus client, in process)', () => {
  const evilUrl = () => `http://127.0.0.1:${evil.port}`;

  it('no expr, label, selector or metric name reaches another host or leaves /api/v1/', async () => {
    upstream.behave((s) => s.end(httpResponse(200, 'application/json', '{"status":"success","data":[]}')));
    const settings = prometheusSettingsFrom({
      url: `${upstream.url}/prefix`,
      jsonData: { timeout: 2, httpMethod: 'GET' },
    });
    const hostile = [
      `${evilUrl()}/api/v1/query`,
      `//127.0.0.1:${evil.port}/x`,
      '../../../../admin',
      '/../evil',
      'up?x=1#frag',
      `up\r\nHost: 127.0.0.1:${evil.port}\r\n\r\nGET /`,
      '%2e%2e%2fadmin',
      `@127.0.0.1:${evil.port}`,
    ];
    const before = upstream.requests.length;
    for (const h of hostile) {
      await queryRange({ expr: h, fromMs: T_END - 60_000, toMs: T_END, stepMs: 1000 }, settings).catch(() => undefined);
      await labelValues(settings, h).catch(() => undefined);
      await seriesLabels(settings, [h]).catch(() => undefined);
      await metricMetadata(settings, { metric: h }).catch(() => undefined);
    }
    expect(evil.requests).toHaveLength(0);
    const lines = upstream.requests.slice(before).map((r) => r.requestLine);
    expect(lines.length).toBeGreaterThan(0);
    for (const r of upstream.requests.slice(before)) {
      expect(r.headers.host).toBe(`127.0.0.1:${upstream.port}`);
      // Only the fixed API paths under the base URL's prefix; the hostile text stays in the (encoded) query string.
      expect(r.requestLine).toMatch(/^GET \/prefix\/api\/v1\/(query_range|labels|series|metadata)\?[^ ]* HTTP\/1\.1$/);
    }
  });

  it('refuses label names that would change the path', async () => {
    const settings = prometheusSettingsFrom({ url: upstream.url, jsonData: { timeout: 2 } });
    for (const label of ['..', '../x', 'a/b', '%2e', 'job/../../admin']) {
      await expect(labelValues(settings, label)).rejects.toThrow(/not a valid Prometheus label name/);
    }
  });
});

describe('the built executable', () => {
  let plugin: RunningPlugin;
  let client: PluginClients;
  beforeAll(async () => {
    plugin = await launchPlugin();
    client = connect(plugin.address);
  }, 30_000);
  afterAll(async () => {
    client?.close();
    await stopPlugin(plugin);
  });

  it('never writes a secret to stderr, an error, a frame, the metrics, a health answer or a resource body', async () => {
    upstream.behave((s, req) => s.end(httpResponse(500, 'text/plain', `echo: ${req.raw}`)));
    const leaks: string[] = [];
    const contexts = {
      demo: lensContext('demo', upstream.url, { secrets: true, basicAuth: true }),
      prometheus: lensContext('prometheus', upstream.url, { secrets: true, basicAuth: true }),
      influxdb: lensContext('influxdb', upstream.url, { secrets: true }),
      broken: {
        ...(lensContext('prometheus', upstream.url, { secrets: true }) as Record<string, unknown>),
        dataSourceInstanceSettings: {
          ...(lensContext('prometheus', upstream.url, { secrets: true }) as { dataSourceInstanceSettings: object })
            .dataSourceInstanceSettings,
          jsonData: Buffer.from(`{"upstream": "${SECRETS.bearerToken}"`),
        },
      },
    };
    for (const [name, ctx] of Object.entries(contexts)) {
      const res = await client.queryData({
        pluginContext: ctx,
        headers: flatHeaders(),
        queries: [
          demoQuery('A', 'demo_cpu_utilization{host="web-1"}', T_END - 3_600_000, T_END),
          demoQuery('B', 'demo_cpu_utilization{', T_END - 3_600_000, T_END),
          demoQuery('C', 'up', T_END - 3_600_000, T_END, { legendFormat: '{{host}}' }),
        ],
      });
      for (const [refId, r] of Object.entries(res.responses)) {
        leaks.push(...findSecrets(r.error, `${name} QueryData ${refId} error`));
        for (const bytes of r.frames) {
          leaks.push(...findSecrets(Buffer.from(bytes).toString('latin1'), `${name} frame bytes`));
          const f = decodeFrame(bytes);
          const text = JSON.stringify({
            meta: f.meta,
            name: f.name,
            fields: f.fields.map((x) => ({
              name: x.name,
              labels: x.labels,
              config: x.config,
              values: x.values.map(String),
            })),
          });
          leaks.push(...findSecrets(text, `${name} decoded frame`));
        }
      }
      const health = await client.checkHealth({ pluginContext: ctx, headers: flatHeaders() });
      leaks.push(...findSecrets(`${health.message} ${health.jsonDetails.toString('utf8')}`, `${name} CheckHealth`));
      for (const path of [
        'metrics',
        'series?metric=demo_cpu_utilization',
        'labels',
        'label-values?label=host',
        'validate',
        'nope',
        '../x',
      ]) {
        const [msg] = await client.callResource({
          pluginContext: ctx,
          path: path.split('?')[0],
          method: path === 'validate' ? 'POST' : 'GET',
          url: `/api/datasources/uid/x/resources/${path}`,
          headers: resourceHeaders(),
          body: Buffer.from(JSON.stringify({ expr: 'demo_cpu_utilization{' })),
        });
        leaks.push(...findSecrets(msg.body.toString('utf8'), `${name} CallResource ${path}`));
        leaks.push(...findSecrets(JSON.stringify(msg.headers), `${name} CallResource ${path} headers`));
      }
    }
    const metrics = await client.collectMetrics({});
    leaks.push(...findSecrets(metrics.metrics!.prometheus.toString('utf8'), 'CollectMetrics'));
    // Give the last log lines time to arrive, then search everything the process wrote.
    await new Promise((r) => setTimeout(r, 200));
    leaks.push(...findSecrets(plugin.stderrLines().join('\n'), 'stderr'));
    leaks.push(...findSecrets(plugin.stdout(), 'stdout'));
    expect(leaks).toEqual([]);
    // And the run did exercise error paths that could have leaked.
    expect(plugin.stderrLines().length).toBeGreaterThan(0);
  }, 60_000);

  it('masks the credentials an upstream echoes into successful look-up answers (labels, label-values, series, metadata)', async () => {
    // A proxy or upstream that reflects the request: every header, the X-Scope-OrgID value and the Basic
    // credentials included, comes back as data in an answer that succeeds.
    const answers: Record<string, (raw: string) => unknown> = {
      labels: (raw) => ['job', raw, ...raw.split('\r\n')],
      'label-values?label=job': (raw) => raw.split('\r\n'),
      'series?match[]=up': (raw) => [Object.fromEntries(raw.split('\r\n').map((line, i) => [`l${i}`, line]))],
      metadata: (raw) => ({ up: [{ type: 'gauge', help: raw, unit: '' }] }),
    };
    const leaks: string[] = [];
    let echoed = 0;
    for (const [path, data] of Object.entries(answers)) {
      upstream.behave((s, req) => {
        echoed += forbiddenStrings().filter((f) => req.raw.includes(f)).length;
        s.end(httpResponse(200, 'application/json', JSON.stringify({ status: 'success', data: data(req.raw) })));
      });
      const [msg] = await client.callResource({
        pluginContext: lensContext('prometheus', upstream.url, { secrets: true, basicAuth: true }),
        path: path.split('?')[0],
        method: 'GET',
        url: `/api/datasources/uid/x/resources/${path}`,
        headers: resourceHeaders(),
        body: Buffer.alloc(0),
      });
      expect(msg.code).toBe(200);
      const body = msg.body.toString('utf8');
      expect(body).toContain('X-Scope-OrgID: [REDACTED]');
      expect(body).toMatch(/Authorization: Basic \[REDACTED\]/i);
      leaks.push(...findSecrets(body, `CallResource ${path}`));
    }
    // The secrets were on the wire (so the answers did carry them), and none came back.
    expect(echoed).toBeGreaterThan(0);
    expect(leaks).toEqual([]);
  }, 60_000);

  it('no query or resource input makes it contact another host', async () => {
    const evilHost = `127.0.0.1:${evil.port}`;
    const hostile = [
      `http://${evilHost}/api/v1/query`,
      `//${evilHost}/metrics`,
      `../../${evilHost}`,
      `http://${evilHost}`,
    ];
    for (const upstreamKind of ['demo', 'prometheus', 'influxdb'] as const) {
      const ctx = lensContext(upstreamKind, upstream.url, { timeoutS: 1 });
      await client.queryData({
        pluginContext: ctx,
        queries: hostile.map((h, i) => demoQuery(`H${i}`, h, T_END - 60_000, T_END, { legendFormat: h })),
      });
      for (const h of hostile) {
        for (const path of [h, `metrics/${h}`, `..%2f..%2f${h}`]) {
          await client.callResource({
            pluginContext: ctx,
            path,
            method: 'GET',
            url: path.startsWith('http')
              ? path
              : `/api/datasources/uid/x/resources/${path}?metric=${encodeURIComponent(h)}`,
            headers: {},
            body: Buffer.alloc(0),
          });
        }
      }
    }
    expect(evil.requests).toHaveLength(0);
    expect(plugin.hasExited()).toBe(false);
  }, 60_000);
});
