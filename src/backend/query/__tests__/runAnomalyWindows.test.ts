/**
 * Anomaly-window queries end to end in process (executeQueries over the demo upstream, Arrow decoded): the demo's
 * checkout spike must come out as a window with its explanation; quiet series give an empty frame with the fields.
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ANOMALY_WINDOW_FRAME } from '../../../shared/queryTypes';
import { createLogger } from '../../server/logger';
import { PluginMetrics } from '../../server/metrics';
import type { PluginContext } from '../../server/protoTypes';
import { hashGaussian } from '../../upstreams/demo/hashNoise';
import { executeQueries } from '../executeQueries';
import { decodeTable, TableFrame } from './decodeTable';
import { runOnDemo } from './runOnDemo';

const MIN = 60_000;
const HOUR = 60 * MIN;
// A checkout latency spike of the demo (every 53 h from 2024-01-01T07:00Z; k = 10): 09:00–09:20, peak 09:10.
const SPIKE = Date.UTC(2024, 0, 23, 9);
const CHECKOUT = 'demo_http_latency_seconds{service="checkout"}';

async function windows(json: Record<string, unknown>, from = SPIKE - 2 * HOUR, to = SPIKE + HOUR): Promise<TableFrame> {
  const r = (
    await runOnDemo([
      { refId: 'W', json: { schemaVersion: 2, queryType: 'anomalyWindows', ...json }, fromMs: from, toMs: to },
    ])
  ).W;
  expect(r.error ?? '').toBe('');
  expect(r.frames).toHaveLength(1);
  return decodeTable(r.frames![0]);
}

test('anomalyWindows returns the checkout spike as a window explained with expected value, band and σ', async () => {
  const t = await windows({ expr: CHECKOUT, method: 'moving', direction: 'above', sensitivity: 4, outputs: ['raw'] });
  expect(t.name).toBe(ANOMALY_WINDOW_FRAME.name);
  expect(t.fields.map((f) => f.name)).toEqual(Object.values(ANOMALY_WINDOW_FRAME.fields));
  const time = t.field('time').values as number[];
  const end = t.field('timeEnd').values as number[];
  const i = time.findIndex((s, k) => s <= SPIKE + 10 * MIN && end[k] >= SPIKE + 5 * MIN);
  expect(i).toBeGreaterThanOrEqual(0);
  expect(time[i]).toBeGreaterThanOrEqual(SPIKE);
  expect(t.field('title').values[i]).toBe(`${CHECKOUT} above its band`);
  expect(t.field('tags').values[i]).toBe('anomaly,above,moving');
  expect(t.field('series').values[i]).toBe(CHECKOUT);
  // direction above: a one-sided band, so only its upper edge is named.
  const text = t.field('text').values[i] as string;
  expect(text).toMatch(/observed \d+(\.\d+)? (ms|s), expected \d+(\.\d+)? ms \(band up to [\d.]+ ms\), \+\d+\.\dσ\./);
  expect(text).toContain('Method: moving average, deviation measured against the level.');
  const score = t.field('score').values[i] as number;
  expect(score).toBeGreaterThan(4);
  expect(t.field('value').values[i] as number).toBeGreaterThan(t.field('expected').values[i] as number);
  // Rows sorted by time.
  expect([...time].sort((a, b) => a - b)).toEqual(time);
});

test('anomalyWindows respects flags.minDuration: a 15-minute minimum leaves only long runs', async () => {
  const t = await windows({ expr: CHECKOUT, method: 'moving', sensitivity: 4, flags: { minDuration: '15m' } });
  const time = t.field('time').values as number[];
  const end = t.field('timeEnd').values as number[];
  time.forEach((s, k) => expect(end[k] - s).toBeGreaterThanOrEqual(15 * MIN));
});

test('anomalyWindows over quiet series is an empty frame that still has every field', async () => {
  const t = await windows(
    { expr: 'demo_cpu_utilization{host="web-1"}', method: 'moving', sensitivity: 20 },
    SPIKE - HOUR,
    SPIKE
  );
  expect(t.fields.map((f) => f.name)).toEqual(Object.values(ANOMALY_WINDOW_FRAME.fields));
  expect(t.fields.every((f) => f.values.length === 0)).toBe(true);
  expect(t.meta.custom).toMatchObject({ method: 'moving', sensitivity: 20, stepMs: MIN, series: 1 });
});

test('anomalyWindows says which method was used after a fallback', async () => {
  // STL needs two seasons; with no history there is none, so the moving band stands in and the text says so.
  const t = await windows({ expr: CHECKOUT, method: 'stl', seasonality: ['1d'], history: '0s', sensitivity: 4 });
  expect(t.meta.notices.some((n: { text: string }) => /STL needs two seasons/.test(n.text))).toBe(true);
  const texts = t.field('text').values as string[];
  expect(texts.length).toBeGreaterThan(0);
  expect(texts.every((x) => x.includes('Method: moving average (fallback: STL could not be used here)'))).toBe(true);
  expect((t.field('tags').values as string[]).every((x) => x.endsWith(',moving'))).toBe(true);
});

/** A Prometheus on loopback answering every range query with one series, `valueAt(ms)` on the asked grid. */
function servePrometheus(valueAt: (ms: number) => number): { url: () => string } {
  let server: http.Server | undefined;
  let url = '';
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        const q = new URLSearchParams(body || (req.url ?? '').split('?')[1]);
        const [start, end, step] = ['start', 'end', 'step'].map((k) => Math.round(Number(q.get(k)) * 1000));
        const values: Array<[number, string]> = [];
        for (let t = start; t <= end; t += step) {
          values.push([t / 1000, String(valueAt(t))]);
        }
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({ status: 'success', data: { resultType: 'matrix', result: [{ metric: {}, values }] } })
        );
      });
    });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));
  return { url: () => url };
}

/** The default query's anomaly windows over [fromMs, toMs] at 5-minute steps with 7 days of history. */
async function defaultWindows(url: string, expr: string, fromMs: number, toMs: number): Promise<TableFrame> {
  const ctx = {
    dataSourceInstanceSettings: {
      uid: 'loopback',
      name: 'Loopback',
      url,
      jsonData: Buffer.from(JSON.stringify({ upstream: 'prometheus' })),
      decryptedSecureJsonData: {},
    },
  } as unknown as PluginContext;
  const json = { schemaVersion: 2, queryType: 'anomalyWindows', expr, history: '7d' };
  const res = await executeQueries(
    ctx,
    [
      {
        refId: 'W',
        maxDataPoints: 200,
        intervalMS: 5 * MIN,
        timeRange: { fromEpochMS: fromMs, toEpochMS: toMs },
        json: Buffer.from(JSON.stringify(json)),
        queryType: '',
      },
    ],
    { logger: createLogger({ write: () => undefined }), metrics: new PluginMetrics() }
  );
  expect(res.responses.W.error ?? '').toBe('');
  return decodeTable(res.responses.W.frames![0]);
}

describe('a daily plateau that fails to come, from a Prometheus on loopback', () => {
  // Every day 20 jobs, and 80 from 08:20 to 13:20 UTC, noise σ 2 (5-minute samples); on 2024-01-11 the plateau
  // never comes. The default detector's same-phase signal carries that window, so its sentence names the plateau
  // usually seen then, not only the forecast.
  const DAY = 24 * HOUR;
  const MISSING = Date.UTC(2024, 0, 11);
  const jobs = (ms: number) => {
    const inDay = ms % DAY;
    const plateau = inDay >= 500 * MIN && inDay < 800 * MIN && !(ms >= MISSING && ms < MISSING + DAY);
    return (plateau ? 80 : 20) + 2 * hashGaussian(7, ms);
  };
  const upstream = servePrometheus(jobs);

  test('anomalyWindows says the default detector measured the window against the usual value at that time', async () => {
    const t = await defaultWindows(upstream.url(), 'jobs_done', MISSING, MISSING + 16 * HOUR);
    const texts = t.field('text').values as string[];
    const time = t.field('time').values as number[];
    const i = time.findIndex((s) => s >= MISSING + 500 * MIN && s < MISSING + 520 * MIN);
    expect(i).toBeGreaterThanOrEqual(0);
    expect(texts[i]).toMatch(/^Below the expected range/);
    expect(texts[i]).toMatch(
      /observed \d+(\.\d+)?, usually (7\d|8\d)(\.\d+)? at this time of the season \(forecast [\d.]+, band [\d.]+ to [\d.]+\), −\d+\.\dσ\./
    );
    expect(texts[i]).toContain(
      'Method: calibrated auto detector, deviation measured against the usual value at this point of the season.'
    );
    // The usual value is not a field of the frame: its fields are the documented ones.
    expect(t.fields.map((f) => f.name)).toEqual(Object.values(ANOMALY_WINDOW_FRAME.fields));
  });
});

describe('a queue that starts to climb, from a Prometheus on loopback', () => {
  // 100 messages, noise σ 2 (5-minute samples), until 2024-01-11 06:00 UTC; then 0.5 more every 5 minutes. The
  // forecast's level follows the climb step by step, the recent values do not: the trailing band carries the window.
  const CLIMB = Date.UTC(2024, 0, 11, 6);
  const depth = (ms: number) => 100 + 2 * hashGaussian(11, ms) + (ms > CLIMB ? (0.5 * (ms - CLIMB)) / (5 * MIN) : 0);
  const upstream = servePrometheus(depth);

  test('anomalyWindows says the default detector measured the climb against the range of recent values', async () => {
    const t = await defaultWindows(upstream.url(), 'queue_depth', CLIMB - 2 * HOUR, CLIMB + 6 * HOUR);
    const texts = t.field('text').values as string[];
    const time = t.field('time').values as number[];
    const i = time.findIndex((s) => s > CLIMB && s <= CLIMB + 3 * HOUR);
    expect(i).toBeGreaterThanOrEqual(0);
    expect(texts[i]).toMatch(/^Above the expected range/);
    expect(texts[i]).toContain(
      'Method: calibrated auto detector, deviation measured against the range of recent values.'
    );
  });
});
