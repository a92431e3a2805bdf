/**
 * Both upstream clients against a misbehaving fake upstream (`node:http` on 127.0.0.1): down, HTTP 500 with and
 * without a body, slower than the timeout, cut off mid-body, malformed JSON, over the byte / series / point
 * limits. Each must be one clear `LensError` (errorSource downstream), with no unhandled rejection: Jest
 * fails the running test on one (checked by adding a stray `Promise.reject` to a copy of this file), and
 * afterAll waits for the slow handler's late timers so that nothing fires after the run.
 */
import type { ServerResponse } from 'node:http';

import { LensError } from '../../src/backend/errors/LensError';
import { checkInfluxDB } from '../../src/backend/upstreams/influxdb/checkInfluxDB';
import { influxSettingsFrom } from '../../src/backend/upstreams/influxdb/influxSettings';
import { queryInfluxQL } from '../../src/backend/upstreams/influxdb/queryInfluxQL';
import { checkPrometheus } from '../../src/backend/upstreams/prometheus/checkPrometheus';
import { prometheusSettingsFrom } from '../../src/backend/upstreams/prometheus/prometheusSettings';
import { queryRange } from '../../src/backend/upstreams/prometheus/queryRange';
import { closedPort, json, startFakeUpstream, type FakeUpstream } from './helpers/fakeUpstream';

const T0 = 1_699_999_980_000;
let fake: FakeUpstream;
beforeAll(async () => {
  fake = await startFakeUpstream();
});
afterAll(async () => {
  await new Promise((r) => setTimeout(r, 1600));
  await fake.close();
});

type Client = {
  name: 'Prometheus' | 'InfluxDB';
  run(url: string, jsonData?: Record<string, unknown>): Promise<unknown>;
  /** A valid answer with `series` series of `points` points each. */
  answer(series: number, points: number): unknown;
};

const clients: Client[] = [
  {
    name: 'Prometheus',
    run: (url, jsonData = {}) =>
      queryRange(
        { expr: 'up', fromMs: T0, toMs: T0 + 59_000, stepMs: 1000 },
        prometheusSettingsFrom({ url, jsonData })
      ),
    answer: (series, points) => ({
      status: 'success',
      data: {
        resultType: 'matrix',
        result: Array.from({ length: series }, (_, i) => ({
          metric: { i: String(i) },
          values: Array.from({ length: points }, (_, k) => [(T0 + k * 1000) / 1000, String(k)]),
        })),
      },
    }),
  },
  {
    name: 'InfluxDB',
    run: (url, jsonData = {}) =>
      queryInfluxQL(
        { query: 'SELECT v FROM m WHERE $timeFilter', fromMs: T0, toMs: T0 + 59_000, intervalMs: 1000 },
        influxSettingsFrom({ url, database: 'db', jsonData })
      ),
    answer: (series, points) => ({
      results: [
        {
          statement_id: 0,
          series: Array.from({ length: series }, (_, i) => ({
            name: 'm',
            tags: { i: String(i) },
            columns: ['time', 'v'],
            values: Array.from({ length: points }, (_, k) => [T0 + k * 1000, k]),
          })),
        },
      ],
    }),
  },
];

async function failure(p: Promise<unknown>): Promise<LensError> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err
  );
  expect(e).toBeInstanceOf(LensError);
  expect((e as LensError).errorSource).toBe('downstream');
  return e as LensError;
}

describe.each(clients)('$name client faults', (client) => {
  it('reports a down upstream as connection refused', async () => {
    const port = await closedPort();
    const e = await failure(client.run(`http://127.0.0.1:${port}`));
    expect(e).toMatchObject({ kind: 'unreachable', status: 502 });
    expect(e.message).toContain(`${client.name} at http://127.0.0.1:${port} is unreachable: connection refused`);
  });

  it('reports HTTP 500 with a text body, quoting it', async () => {
    fake.handle((_req, res) => res.writeHead(500, { 'Content-Type': 'text/plain' }).end('internal failure: disk full'));
    const e = await failure(client.run(fake.url));
    expect(e.message).toBe(`${client.name} at ${fake.url} answered HTTP 500: internal failure: disk full`);
    expect(e.status).toBe(500);
  });

  it('reports HTTP 500 without a body', async () => {
    fake.handle((_req, res) => res.writeHead(500).end());
    const e = await failure(client.run(fake.url));
    expect(e.message).toBe(`${client.name} at ${fake.url} answered HTTP 500 with an empty body`);
  });

  it('times out an upstream slower than the timeout setting', async () => {
    fake.handle((_req, res) => {
      setTimeout(() => json(res, 200, client.answer(1, 1)), 1500).unref();
    });
    const e = await failure(client.run(fake.url, { timeout: 0.2 }));
    expect(e).toMatchObject({ kind: 'timeout', status: 504 });
    expect(e.message).toBe(`${client.name} at ${fake.url} did not answer within 200 ms (timeout setting)`);
  });

  it('reports a connection cut off mid-body', async () => {
    fake.handle((_req, res: ServerResponse) => {
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': '1000' });
      res.write('{"status":"success","data":');
      setTimeout(() => res.destroy(), 20);
    });
    const e = await failure(client.run(fake.url));
    expect(e.kind).toBe('unreachable');
    expect(e.message).toMatch(
      new RegExp(`${client.name} at ${fake.url.replace(/\./g, '\\.')} (closed the connection|.*failed)`)
    );
  });

  it('reports malformed JSON', async () => {
    fake.handle((_req, res) => res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"results": [ {"stat'));
    const e = await failure(client.run(fake.url));
    expect(e).toMatchObject({ kind: 'malformed', status: 502 });
    expect(e.message).toContain('not valid JSON (HTTP 200)');
  });

  it('stops at the byte limit', async () => {
    fake.handle((_req, res) => json(res, 200, client.answer(5, 60)));
    const e = await failure(client.run(fake.url, { maxResponseBytes: 2048 }));
    expect(e.message).toBe(
      `Response from ${client.name} at ${fake.url} is larger than the 2048 byte limit (maxResponseBytes); narrow the query or raise the limit`
    );
  });

  it('stops at the series limit', async () => {
    fake.handle((_req, res) => json(res, 200, client.answer(5, 1)));
    const e = await failure(client.run(fake.url, { maxSeries: 4 }));
    expect(e).toMatchObject({ kind: 'limit', status: 422 });
    expect(e.message).toContain('Query returned 5 series, over the limit of 4 (maxSeries)');
  });

  it('stops at the point limit', async () => {
    fake.handle((_req, res) => json(res, 200, client.answer(2, 60)));
    const e = await failure(client.run(fake.url, { maxPoints: 100 }));
    expect(e).toMatchObject({ kind: 'limit', status: 422 });
    expect(e.message).toMatch(/120 points, over the limit of 100 \(maxPoints\)/);
  });

  it('answers normally right after the faults', async () => {
    fake.handle((_req, res) => json(res, 200, client.answer(2, 60)));
    const r = (await client.run(fake.url)) as { series: Array<{ values: Float64Array }> };
    expect(r.series).toHaveLength(2);
    expect(Array.from(r.series[1].values.slice(0, 3))).toEqual([0, 1, 2]);
  });
});

describe('health checks against faulty upstreams', () => {
  it('report a down upstream without throwing', async () => {
    const port = await closedPort();
    const url = `http://127.0.0.1:${port}`;
    expect(await checkPrometheus(prometheusSettingsFrom({ url }))).toEqual({
      ok: false,
      message: expect.stringContaining(`Prometheus at ${url} is unreachable: connection refused`),
    });
    expect(await checkInfluxDB(influxSettingsFrom({ url, database: 'db' }))).toEqual({
      ok: false,
      message: expect.stringContaining(`InfluxDB at ${url} is unreachable: connection refused`),
    });
  });

  it('report an endpoint that is not a Prometheus API', async () => {
    fake.handle((_req, res) => json(res, 200, { status: 'success', data: { resultType: 'vector', result: [] } }));
    expect(await checkPrometheus(prometheusSettingsFrom({ url: fake.url }))).toEqual({
      ok: false,
      message: `Prometheus at ${fake.url} answered the test query 1+1 with an unexpected result`,
    });
  });
});
