/**
 * routeResource against tiny fake Prometheus and InfluxDB servers on 127.0.0.1:<free port> (node:http):
 * shapes of each look-up, 400 for bad parameters, upstream failures passed through with errorSource, no secrets in
 * errors, and parameters that cannot move the request to another host.
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

import { RESOURCE_PATHS } from '../../../shared/resources';
import type { PluginContext } from '../../server/protoTypes';
import { routeResource } from '../routeResource';

interface Seen {
  method: string;
  host: string;
  path: string;
  query: URLSearchParams;
}

type Handler = (req: Seen, res: http.ServerResponse) => void;

interface Fake {
  url: string;
  seen: Seen[];
  handle(h: Handler): void;
  close(): Promise<void>;
}

async function startFake(): Promise<Fake> {
  let handler: Handler = (_r, res) => res.writeHead(404).end();
  const seen: Seen[] = [];
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const u = new URL(req.url ?? '/', 'http://127.0.0.1');
      const rec = { method: req.method ?? '', host: req.headers.host ?? '', path: u.pathname, query: u.searchParams };
      seen.push(rec);
      // Echo the credentials back on failures, as a careless proxy might.
      res.setHeader('X-Echo-Auth', req.headers.authorization ?? '');
      handler(rec, res);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    handle: (h) => {
      handler = h;
    },
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((r) => server.close(() => r()));
    },
  };
}

function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json' }).end(text);
}

const PASSWORD = 'pw-Zq81-never-shown';

function context(url: string, json: Record<string, unknown>, extra: Record<string, unknown> = {}): PluginContext {
  return {
    orgId: 1,
    dataSourceInstanceSettings: {
      id: 1,
      uid: 'u',
      name: 'lens',
      url,
      basicAuthEnabled: true,
      basicAuthUser: 'alice',
      jsonData: Buffer.from(JSON.stringify(json)),
      decryptedSecureJsonData: { basicAuthPassword: PASSWORD },
      ...extra,
    },
  } as unknown as PluginContext;
}

const get = (ctx: PluginContext, path: string) =>
  routeResource({ method: 'GET', path: path.split('?')[0], url: path, body: new Uint8Array() }, ctx);

let fake: Fake;
beforeAll(async () => {
  fake = await startFake();
});
afterAll(async () => {
  await fake.close();
});
beforeEach(() => {
  fake.seen.length = 0;
});

describe('Prometheus look-ups', () => {
  const prom = () => context(fake.url, { upstream: 'prometheus' });
  const ok = (data: unknown) => (_r: Seen, res: http.ServerResponse) => sendJson(res, 200, { status: 'success', data });

  test('labels answers the label names and forwards match[] and the time range', async () => {
    fake.handle(ok(['__name__', 'instance', 'job']));
    const r = await get(prom(), 'labels?match[]=up&match[]=node_load1&from=1700000000000&to=1700003600000');
    expect(r).toEqual({ code: 200, body: { labels: ['__name__', 'instance', 'job'] } });
    expect(fake.seen[0].path).toBe('/api/v1/labels');
    expect(fake.seen[0].query.getAll('match[]')).toEqual(['up', 'node_load1']);
    expect(fake.seen[0].query.get('start')).toBe('1700000000');
    expect(fake.seen[0].query.get('end')).toBe('1700003600');
  });

  test('label-values answers {label, values} and turns metric into a selector', async () => {
    fake.handle(ok(['a:9100', 'b:9100']));
    const r = await get(prom(), 'label-values?label=instance&metric=up');
    expect(r).toEqual({ code: 200, body: { label: 'instance', values: ['a:9100', 'b:9100'] } });
    expect(fake.seen[0].path).toBe('/api/v1/label/instance/values');
    expect(fake.seen[0].query.getAll('match[]')).toEqual(['up']);
  });

  test('series answers the label sets for match[] or metric', async () => {
    const series = [
      { __name__: 'up', job: 'node', instance: 'a:9100' },
      { __name__: 'up', job: 'node', instance: 'b:9100' },
    ];
    fake.handle(ok(series));
    expect(await get(prom(), 'series?match[]=' + encodeURIComponent('up{job="node"}'))).toEqual({
      code: 200,
      body: { series },
    });
    expect(fake.seen[0].query.getAll('match[]')).toEqual(['up{job="node"}']);
    expect(await get(prom(), 'series?metric=up')).toEqual({ code: 200, body: { metric: 'up', series } });
    expect(fake.seen[1].query.getAll('match[]')).toEqual(['up']);
  });

  test('metadata answers type, help and unit per metric', async () => {
    fake.handle(
      ok({
        up: [{ type: 'gauge', help: 'Target is up.', unit: '' }],
        http_seconds: [{ type: 'histogram', help: 'Latency.', unit: 'seconds' }],
      })
    );
    const r = await get(prom(), 'metadata?metric=up');
    expect(r.code).toBe(200);
    expect(r.body).toEqual({
      metadata: {
        up: { type: 'gauge', help: 'Target is up.', unit: '' },
        http_seconds: { type: 'histogram', help: 'Latency.', unit: 'seconds' },
      },
    });
    expect(fake.seen[0].path).toBe('/api/v1/metadata');
    expect(fake.seen[0].query.get('metric')).toBe('up');
  });

  test('missing or malformed parameters are 400s naming the parameter, before any upstream request', async () => {
    fake.handle(ok([]));
    const cases: Array<[string, RegExp]> = [
      ['label-values', /parameter label is required/],
      ['label-values?label=1abc', /parameter label "1abc" is not a valid label name/],
      ['label-values?label=' + encodeURIComponent('../../admin'), /parameter label .* is not a valid label name/],
      ['series', /parameter match\[\] .* or metric .* is required/],
      ['series?match[]=', /parameter match\[\] is empty/],
      ['series?metric=' + encodeURIComponent('up{}'), /parameter metric .* is not a valid Prometheus metric name/],
      ['labels?from=yesterday', /parameter from must be a time in epoch milliseconds/],
      ['labels?from=2000&to=1000', /parameter from is after parameter to/],
    ];
    for (const [path, message] of cases) {
      const r = await get(prom(), path);
      expect({ path, code: r.code }).toEqual({ path, code: 400 });
      expect((r.body as { error: string }).error).toMatch(message);
    }
    expect(fake.seen).toHaveLength(0);
  });

  test('an upstream 500 is passed through with errorSource downstream and no credentials in the message', async () => {
    fake.handle((_r, res) =>
      sendJson(res, 500, { status: 'error', errorType: 'internal', error: `storage broke for ${PASSWORD}` })
    );
    const r = await get(prom(), 'labels');
    expect(r.code).toBe(500);
    const body = r.body as { error: string; errorSource: string };
    expect(body.errorSource).toBe('downstream');
    expect(body.error).toMatch(/storage broke/);
    expect(body.error).not.toContain(PASSWORD);
    expect(body.error).not.toContain(Buffer.from(`alice:${PASSWORD}`).toString('base64'));
  });

  test('an upstream echoing the credentials into a successful answer has them masked in every look-up', async () => {
    const basic = `Basic ${Buffer.from(`alice:${PASSWORD}`).toString('base64')}`;
    const echo = [`Authorization: ${basic}`, `password=${PASSWORD}`];
    const answers: Record<string, unknown> = {
      labels: echo,
      'label-values?label=job': echo,
      'series?match[]=up': [{ job: echo[0], [PASSWORD]: echo[1] }],
      metadata: { up: [{ type: 'gauge', help: echo.join(' '), unit: '' }] },
    };
    for (const [path, data] of Object.entries(answers)) {
      fake.handle(ok(data));
      const r = await get(prom(), path);
      expect(r.code).toBe(200);
      const text = JSON.stringify(r.body);
      expect(text).toContain('Authorization: Basic [REDACTED]');
      expect(text).not.toContain(PASSWORD);
      expect(text).not.toContain(basic.slice(6));
    }
  });

  test('an upstream error of 10 MB is cut to a short error', async () => {
    fake.handle((_r, res) => sendJson(res, 400, { status: 'error', errorType: 'bad_data', error: 'e'.repeat(1e7) }));
    const r = await get(prom(), 'labels');
    expect(r.code).toBe(400);
    expect((r.body as { error: string }).error).toMatch(
      /^Prometheus error \(bad_data\): e{1000}… \(9999000 more characters\)$/
    );
  });

  test('an unreachable upstream is a 502 with errorSource downstream', async () => {
    const closed = await startFake();
    const url = closed.url;
    await closed.close();
    const r = await get(context(url, { upstream: 'prometheus' }), 'labels');
    expect(r.code).toBe(502);
    expect(r.body).toMatchObject({ errorSource: 'downstream' });
  });

  test('absolute URLs and .. in parameters stay query-string values on the configured host', async () => {
    fake.handle(ok([]));
    const evil = ['http://evil.example/api/v1/labels', '//evil.example', '../../../etc/passwd', '@evil.example'];
    for (const m of evil) {
      const r = await get(prom(), `labels?match[]=${encodeURIComponent(m)}`);
      expect(r.code).toBe(200);
    }
    expect(fake.seen.map((s) => s.path)).toEqual(evil.map(() => '/api/v1/labels'));
    expect(fake.seen.map((s) => s.query.get('match[]'))).toEqual(evil);
    expect(new Set(fake.seen.map((s) => s.host))).toEqual(new Set([new URL(fake.url).host]));
  });

  test('paths that try to leave the resource namespace are 404s, not upstream requests', async () => {
    for (const p of ['../api/v1/admin/tsdb/delete_series', 'http://evil.example/labels', '//evil.example/labels']) {
      const r = await routeResource({ method: 'GET', path: p, url: p, body: new Uint8Array() }, prom());
      expect(r.code).toBe(404);
    }
    expect(fake.seen).toHaveLength(0);
  });

  test('a path another upstream serves is a 501 that lists what Prometheus offers', async () => {
    const r = await get(prom(), RESOURCE_PATHS.measurements);
    expect(r.code).toBe(501);
    expect((r.body as { error: string }).error).toMatch(/available: series, labels, label-values, metadata/);
  });

  test('missing instance settings are a 400 that says what to configure', async () => {
    const ctx = {
      dataSourceInstanceSettings: { jsonData: Buffer.from('{"upstream":"prometheus"}'), url: '' },
    } as unknown as PluginContext;
    const r = await get(ctx, 'labels');
    expect(r.code).toBe(400);
    expect(fake.seen).toHaveLength(0);
  });
});

test("look-ups keep to Grafana's response limit (GF_RESPONSE_LIMIT) as queries do", async () => {
  const values = Array.from({ length: 200 }, (_, i) => `instance-with-a-long-name-${i}:9100`);
  fake.handle((_r, res) => sendJson(res, 200, { status: 'success', data: values }));
  const prom = context(fake.url, { upstream: 'prometheus' });
  expect((await get(prom, 'label-values?label=instance')).code).toBe(200);
  const limited = { ...prom, grafanaConfig: { GF_RESPONSE_LIMIT: '1000' } } as PluginContext;
  const r = await get(limited, 'label-values?label=instance');
  expect(r.code).toBe(502);
  expect((r.body as { error: string }).error).toMatch(/larger than the 1000 byte limit \(GF_RESPONSE_LIMIT\)/);
});

describe('InfluxDB look-ups', () => {
  const influx = () => context(fake.url, { upstream: 'influxdb', dbName: 'telegraf' });
  /** Answers one statement's rows, as InfluxDB's /query does. */
  const rows = (name: string, columns: string[], values: unknown[][]) => (_r: Seen, res: http.ServerResponse) =>
    sendJson(res, 200, { results: [{ statement_id: 0, series: [{ name, columns, values }] }] });

  test('measurements answers the measurement names of the configured database', async () => {
    fake.handle(rows('measurements', ['name'], [['cpu'], ['mem']]));
    expect(await get(influx(), 'measurements')).toEqual({ code: 200, body: { measurements: ['cpu', 'mem'] } });
    expect(fake.seen[0].path).toBe('/query');
    expect(fake.seen[0].query.get('db')).toBe('telegraf');
    expect(fake.seen[0].query.get('q')).toMatch(/^SHOW MEASUREMENTS/);
  });

  test('field-keys answers keys with their types for one measurement', async () => {
    fake.handle(
      rows(
        'cpu',
        ['fieldKey', 'fieldType'],
        [
          ['usage_idle', 'float'],
          ['usage_user', 'float'],
        ]
      )
    );
    expect(await get(influx(), 'field-keys?measurement=cpu')).toEqual({
      code: 200,
      body: {
        measurement: 'cpu',
        fields: [
          { key: 'usage_idle', type: 'float' },
          { key: 'usage_user', type: 'float' },
        ],
      },
    });
    expect(fake.seen[0].query.get('q')).toBe('SHOW FIELD KEYS FROM "cpu"');
  });

  test('tag-keys and tag-values answer the keys and the values of one key', async () => {
    fake.handle(rows('cpu', ['tagKey'], [['cpu'], ['host']]));
    expect(await get(influx(), 'tag-keys?measurement=cpu')).toEqual({
      code: 200,
      body: { measurement: 'cpu', keys: ['cpu', 'host'] },
    });
    fake.handle(
      rows(
        'cpu',
        ['key', 'value'],
        [
          ['host', 'web-1'],
          ['host', 'web-2'],
        ]
      )
    );
    expect(await get(influx(), 'tag-values?measurement=cpu&key=host')).toEqual({
      code: 200,
      body: { measurement: 'cpu', key: 'host', values: ['web-1', 'web-2'] },
    });
    expect(fake.seen[1].query.get('q')).toMatch(/^SHOW TAG VALUES FROM "cpu" WITH KEY = "host"/);
  });

  test('names with quotes stay one quoted identifier, not a second statement', async () => {
    fake.handle(rows('x', ['tagKey'], []));
    await get(influx(), 'tag-keys?measurement=' + encodeURIComponent('cpu"; DROP DATABASE telegraf; "'));
    expect(fake.seen[0].query.get('q')).toBe('SHOW TAG KEYS FROM "cpu\\"; DROP DATABASE telegraf; \\""');
  });

  test('missing parameters are 400s naming the parameter', async () => {
    fake.handle(rows('x', ['tagKey'], []));
    const cases: Array<[string, RegExp]> = [
      ['field-keys', /parameter measurement is required/],
      ['tag-keys?measurement=', /parameter measurement is required/],
      ['tag-values?key=host', /parameter measurement is required/],
      ['tag-values?measurement=cpu', /parameter key is required/],
      ['tag-values?measurement=cpu&key=' + encodeURIComponent('a\nb'), /parameter key must be at most/],
    ];
    for (const [path, message] of cases) {
      const r = await get(influx(), path);
      expect({ path, code: r.code }).toEqual({ path, code: 400 });
      expect((r.body as { error: string }).error).toMatch(message);
    }
    expect(fake.seen).toHaveLength(0);
  });

  test('an upstream 500 is passed through with errorSource downstream and no credentials in the message', async () => {
    fake.handle((_r, res) => sendJson(res, 500, { error: `disk full; auth was alice:${PASSWORD}` }));
    const r = await get(influx(), 'measurements');
    expect(r.code).toBe(500);
    const body = r.body as { error: string; errorSource: string };
    expect(body.errorSource).toBe('downstream');
    expect(body.error).toMatch(/disk full/);
    expect(body.error).not.toContain(PASSWORD);
  });

  test('a database that is not set is a 400 from the settings, not an upstream request', async () => {
    const r = await get(context(fake.url, { upstream: 'influxdb' }), 'measurements');
    expect(r.code).toBe(400);
    expect((r.body as { error: string }).error).toMatch(/database is not set/);
    expect(fake.seen).toHaveLength(0);
  });
});

test('the demo upstream is still served by the asynchronous router', async () => {
  const demo = { dataSourceInstanceSettings: { jsonData: Buffer.from('{}') } } as unknown as PluginContext;
  const r = await get(demo, 'labels?metric=demo_consumer_lag');
  expect(r).toEqual({ code: 200, body: { labels: ['group'] } });
  expect((await get(demo, 'metadata')).code).toBe(501);
});
