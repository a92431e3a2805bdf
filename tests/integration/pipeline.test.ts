/**
 * The whole pipeline through the BUILT executable (launched as Grafana does) against a real Prometheus 2.42
 * backfilled with NAB slices (and a real influxd 1.6 loaded with the same slice): bands and flags equal the analytics core run on the same data fetched by our
 * client, history is fetched before the range and trimmed; upstream faults (down, 500, timeout) answer as
 * per-refId errors while the process stays alive. Needs `npm run build` (fails, never skips, without it).
 */
import { tableFromIPC } from 'apache-arrow';
import { scoreToFlags } from '../../src/analytics/anomaly/scoreToFlags';
import { movingBand } from '../../src/analytics/bands/movingBand';
import { nabToLineProtocol } from '../../scripts/loaders/nabToLineProtocol';
import { nabToOpenMetrics } from '../../scripts/loaders/nabToOpenMetrics';
import { gridTimestamps, toGrid } from '../../src/backend/pipeline/fetchedSeries';
import { influxSettingsFrom } from '../../src/backend/upstreams/influxdb/influxSettings';
import { queryInfluxQL } from '../../src/backend/upstreams/influxdb/queryInfluxQL';
import { prometheusSettingsFrom } from '../../src/backend/upstreams/prometheus/prometheusSettings';
import { queryRange } from '../../src/backend/upstreams/prometheus/queryRange';
import { launchPlugin, RunningPlugin, stopPlugin } from '../conformance/support/launchPlugin';
import { connect, DataResponseMessage, PluginClients } from '../conformance/support/pluginClients';
import { closedPort, json, startFakeUpstream, FakeUpstream } from './helpers/fakeUpstream';
import { loadNabSlices } from './helpers/nabTestSeries';
import {
  influxPost,
  INFLUX_TEST_PASSWORD,
  INFLUX_TEST_USER,
  RunningInfluxd,
  startInfluxd,
} from './helpers/startInfluxd';
import { startPrometheus, RunningPrometheus } from './helpers/startPrometheus';

jest.setTimeout(60_000);

const MIN = 60_000;
const HOUR = 60 * MIN;
const STEP = 5 * MIN;
// art_daily_jumpsup is loaded for 2014-04-01..03 at 5-min resolution.
const FROM = Date.UTC(2014, 3, 2, 12);
const TO = Date.UTC(2014, 3, 2, 23);
const EXPR = 'nab_value{file="art_daily_jumpsup"}';

let prom: RunningPrometheus;
let influx: RunningInfluxd;
let fake: FakeUpstream;
let plugin: RunningPlugin;
let client: PluginClients;
let version = 1;

function context(url: string, jsonData: Record<string, unknown> = {}) {
  return {
    orgId: 1,
    pluginId: 'seedlabs-anomalylens-datasource',
    dataSourceInstanceSettings: {
      id: 1,
      uid: 'lens-prom',
      name: 'Lens on Prometheus',
      url,
      jsonData: Buffer.from(JSON.stringify({ upstream: 'prometheus', timeInterval: '5m', ...jsonData })),
      decryptedSecureJsonData: {},
      // A new version per call: the upstream cache must not answer for another upstream state.
      lastUpdatedMS: ++version,
    },
    grafanaConfig: {},
  };
}

function query(refId: string, body: Record<string, unknown>) {
  return {
    refId,
    maxDataPoints: 1000,
    intervalMS: STEP,
    timeRange: { fromEpochMS: FROM, toEpochMS: TO },
    json: Buffer.from(JSON.stringify({ refId, schemaVersion: 2, minStepMs: STEP, ...body })),
    queryType: '',
  };
}

interface Decoded {
  name: string;
  labels: Record<string, string>;
  config: Record<string, any>;
  meta: Record<string, any>;
  time: number[];
  values: number[];
}

function decode(r: DataResponseMessage): Decoded[] {
  return r.frames.map((bytes) => {
    const t = tableFromIPC(bytes);
    const v = t.schema.fields[1];
    const time: number[] = [];
    const values: number[] = [];
    for (let i = 0; i < t.numRows; i++) {
      time.push(Number(t.getChildAt(0)!.get(i)));
      const x = t.getChildAt(1)!.get(i);
      values.push(x === null ? NaN : x);
    }
    return {
      name: v.name,
      labels: JSON.parse(v.metadata.get('labels') ?? '{}'),
      config: JSON.parse(v.metadata.get('config') ?? '{}'),
      meta: JSON.parse(t.schema.metadata.get('meta') ?? '{}'),
      time,
      values,
    };
  });
}

beforeAll(async () => {
  const slices = loadNabSlices();
  prom = await startPrometheus({ openMetrics: nabToOpenMetrics('nab_value', slices) });
  influx = await startInfluxd({ auth: true });
  const auth = { Authorization: influx.authHeader! };
  await influxPost(influx.url, '/query', 'q=CREATE DATABASE nab', auth);
  await influxPost(
    influx.url,
    '/write?db=nab&precision=s',
    nabToLineProtocol(
      'nab',
      slices.filter((x) => x.labels.file === 'art_daily_jumpsup')
    ),
    auth
  );
  fake = await startFakeUpstream();
  plugin = await launchPlugin();
  client = connect(plugin.address);
});

afterAll(async () => {
  client?.close();
  await stopPlugin(plugin);
  await fake?.close();
  await prom?.stop();
  await influx?.stop();
});

test('a band query over Prometheus equals the core moving band and flags on the same data', async () => {
  const res = await client.queryData({
    pluginContext: context(prom.url),
    queries: [
      query('A', { expr: EXPR, outputs: ['raw', 'band', 'flag'], method: 'moving', history: '6h', movingWindow: '1h' }),
    ],
  });
  const a = res.responses.A;
  expect(a.error).toBe('');
  const frames = decode(a);
  expect(frames.map((f) => f.name)).toEqual(['nab_value', 'expected', 'lower', 'upper', 'flag']);
  for (const f of frames) {
    expect(f.labels).toMatchObject({
      __name__: 'nab_value',
      file: 'art_daily_jumpsup',
      dataset: 'artificialWithAnomaly',
    });
    expect(f.time[0]).toBe(FROM);
    expect(f.time[f.time.length - 1]).toBe(TO);
    expect(f.meta.executedQueryString).toBe(`${EXPR} (step 300s, history 6h)`);
  }
  // The same data through our Prometheus client, then the analytics core.
  const settings = prometheusSettingsFrom({ url: prom.url, jsonData: { timeInterval: '5m' } });
  const fetched = await queryRange({ expr: EXPR, fromMs: FROM - 6 * HOUR, toMs: TO, stepMs: STEP }, settings);
  expect(fetched.series).toHaveLength(1);
  const y = fetched.series[0].values;
  const band = movingBand(y, { window: 12, k: 3 });
  const flags = scoreToFlags(band.score, { threshold: 3 });
  const start = (6 * HOUR) / STEP;
  expect(frames[0].values).toEqual(Array.from(y.subarray(start)));
  expect(frames[1].values).toEqual(Array.from(band.expected.subarray(start)));
  expect(frames[3].values).toEqual(Array.from(band.upper.subarray(start)));
  expect(frames[4].values).toEqual(Array.from(flags.subarray(start)));
  expect(frames[3].config.custom.fillBelowTo).toBe(frames[2].config.displayNameFromDS);
});

test('a refreshed range (incremental querying: the settled head from the cache, the rest fetched) answers as a first query does', async () => {
  const band = { expr: EXPR, outputs: ['raw', 'band', 'flag'], method: 'moving', history: '6h', movingWindow: '1h' };
  const shift = 50 * MIN; // the slice ends at midnight
  const moved = (refId: string) => ({
    ...query(refId, band),
    timeRange: { fromEpochMS: FROM + shift, toEpochMS: TO + shift },
  });
  const same = context(prom.url);
  const first = await client.queryData({ pluginContext: same, queries: [query('A', band)] });
  expect(first.responses.A.error).toBe('');
  const refreshed = await client.queryData({ pluginContext: same, queries: [moved('A')] });
  const fresh = await client.queryData({ pluginContext: context(prom.url), queries: [moved('A')] });
  const off = await client.queryData({
    pluginContext: context(prom.url, { incrementalQuerying: false }),
    queries: [moved('A')],
  });
  const incremental = decode(refreshed.responses.A);
  expect(incremental.map((f) => f.name)).toEqual(['nab_value', 'expected', 'lower', 'upper', 'flag']);
  expect(incremental[0].time[incremental[0].time.length - 1]).toBe(TO + shift);
  expect(incremental[0].values.filter(Number.isFinite).length).toBe(incremental[0].values.length);
  expect(incremental).toEqual(decode(fresh.responses.A));
  expect(incremental).toEqual(decode(off.responses.A));
});

test('upstream down, 500 and timeout answer as errors of their own refId; the process stays alive', async () => {
  const down = await client.queryData({
    pluginContext: context(`http://127.0.0.1:${await closedPort()}`),
    queries: [query('DOWN', { expr: EXPR, outputs: ['band'] })],
  });
  expect(down.responses.DOWN.status).toBeGreaterThanOrEqual(500);
  expect(down.responses.DOWN.errorSource).toBe('downstream');
  expect(down.responses.DOWN.error).toMatch(/Prometheus/);

  fake.handle((_req, res) => json(res, 500, { status: 'error', errorType: 'internal', error: 'boom' }));
  const failing = await client.queryData({
    pluginContext: context(fake.url),
    queries: [query('E500', { expr: EXPR, outputs: ['flag'] })],
  });
  expect(failing.responses.E500.status).toBe(500);
  expect(failing.responses.E500.errorSource).toBe('downstream');
  expect(failing.responses.E500.error).toMatch(/boom/);

  fake.handle(() => undefined); // never answers
  const slow = await client.queryData({
    pluginContext: context(fake.url, { timeout: 1 }),
    queries: [query('SLOW', { expr: EXPR, outputs: ['flag'] })],
  });
  expect(slow.responses.SLOW.status).toBe(504);
  expect(slow.responses.SLOW.error).toMatch(/time/i);

  // Still serving: the real upstream answers as before.
  const after = await client.queryData({
    pluginContext: context(prom.url),
    queries: [query('OK', { expr: EXPR, outputs: ['flag'], method: 'moving', history: '6h' })],
  });
  expect(after.responses.OK.error).toBe('');
  expect(plugin.hasExited()).toBe(false);
});

test('a band query over InfluxDB equals the core moving band on the same data placed on the step grid', async () => {
  const influxQuery = `SELECT "value" FROM "nab" WHERE "file" = 'art_daily_jumpsup' AND $timeFilter`;
  const res = await client.queryData({
    pluginContext: {
      orgId: 1,
      dataSourceInstanceSettings: {
        id: 2,
        uid: 'lens-influx',
        name: 'Lens on InfluxDB',
        url: influx.url,
        database: 'nab',
        user: INFLUX_TEST_USER,
        jsonData: Buffer.from(JSON.stringify({ upstream: 'influxdb' })),
        decryptedSecureJsonData: { password: INFLUX_TEST_PASSWORD },
        lastUpdatedMS: ++version,
      },
    },
    queries: [
      query('I', { expr: influxQuery, outputs: ['band'], method: 'moving', history: '6h', movingWindow: '1h' }),
    ],
  });
  const r = res.responses.I;
  expect(r.error).toBe('');
  const frames = decode(r);
  expect(frames.map((f) => f.name)).toEqual(['expected', 'lower', 'upper']);
  expect(frames[0].labels).toEqual({ _measurement: 'nab', lens_output: 'expected' });
  expect(frames[0].time[0]).toBe(FROM);
  expect(frames[0].meta.executedQueryString).toContain(`time >= ${FROM - 6 * HOUR}ms`);
  const settings = influxSettingsFrom({
    url: influx.url,
    database: 'nab',
    user: INFLUX_TEST_USER,
    decryptedSecureJsonData: { password: INFLUX_TEST_PASSWORD },
  });
  const fetched = await queryInfluxQL(
    { query: influxQuery, fromMs: FROM - 6 * HOUR, toMs: TO, intervalMs: STEP },
    settings
  );
  const grid = gridTimestamps(FROM - 6 * HOUR, TO, STEP);
  const y = toGrid(grid, STEP, fetched.series[0].timesMs, fetched.series[0].values);
  const band = movingBand(y, { window: 12, k: 3 });
  expect(frames[0].values).toEqual(Array.from(band.expected.subarray((6 * HOUR) / STEP)));
  expect(frames[1].values).toEqual(Array.from(band.lower.subarray((6 * HOUR) / STEP)));
});
