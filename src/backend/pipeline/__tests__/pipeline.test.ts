/**
 * Golden-style tests of whole query responses over the demo upstream: queries go through executeQueries (as
 * QueryData does), the Arrow frames are decoded, and fields, labels, config and values are checked — values
 * against the analytics core run directly on the same fetched series.
 */
import { forecastBand } from '../../../analytics/bands/forecastBand';
import { movingBand } from '../../../analytics/bands/movingBand';
import { seasonalBand } from '../../../analytics/bands/seasonalBand';
import { autoDetect } from '../../../analytics/detect/autoDetect';
import { scoreToFlags } from '../../../analytics/anomaly/scoreToFlags';
import { percentChange } from '../../../analytics/change/percentChange';
import { forecastSeries } from '../../../analytics/forecasting/forecastSeries';
import { recentTrendForecast } from '../../../analytics/forecasting/recentTrendForecast';
import { timeToThreshold } from '../../../analytics/forecasting/timeToThreshold';
import { OUTPUT_LABEL } from '../../../shared/frameConventions';
import { executeQueries } from '../../query/executeQueries';
import { describeForecast } from '../analyseSeries';
import { createLogger } from '../../server/logger';
import { PluginMetrics } from '../../server/metrics';
import type { PluginContext } from '../../server/protoTypes';
import { queryDemo } from '../../upstreams/demo/queryDemo';
import { decodeResponse, PlainFrame } from './decodeResponse';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
// A checkout latency spike of the demo (every 53 h from 2024-01-01T07:00Z; k = 10) lasts 09:00–09:20.
const SPIKE = Date.UTC(2024, 0, 23, 9);
const FROM = SPIKE - 3 * HOUR;
const TO = SPIKE + 3 * HOUR;
const CHECKOUT = 'demo_http_latency_seconds{service="checkout"}';

const ctx = {
  dataSourceInstanceSettings: {
    uid: 'demo-uid',
    name: 'Demo',
    jsonData: Buffer.from('{}'),
    decryptedSecureJsonData: {},
    lastUpdatedMS: 1,
  },
} as unknown as PluginContext;
const deps = () => ({ logger: createLogger({ write: () => undefined }), metrics: new PluginMetrics() });

async function run(json: Record<string, unknown>, from = FROM, to = TO, maxDataPoints = 360) {
  const res = await executeQueries(
    ctx,
    [
      {
        refId: 'A',
        maxDataPoints,
        intervalMS: MIN,
        timeRange: { fromEpochMS: from, toEpochMS: to },
        json: Buffer.from(JSON.stringify({ schemaVersion: 2, ...json })),
        queryType: '',
      },
    ],
    deps()
  );
  return res.responses.A;
}

async function frames(json: Record<string, unknown>, from = FROM, to = TO): Promise<PlainFrame[]> {
  const r = await run(json, from, to);
  expect(r.error ?? '').toBe('');
  return decodeResponse(r.frames);
}

const field = (fs: PlainFrame[], name: string, labels: Record<string, string> = {}) => {
  const f = fs.find(
    (x) => x.value.name === name && Object.entries(labels).every(([k, v]) => x.value.labels?.[k] === v)
  );
  if (!f) {
    throw new Error(`no field ${name} in ${fs.map((x) => x.value.name).join(', ')}`);
  }
  return f;
};
const asNumbers = (vs: Array<number | null>) => vs.map((v) => (v === null ? NaN : v));
/** The demo series over [from, to] at 1 min, as the pipeline fetches it. */
const demo = (expr: string, from: number, to: number) => queryDemo(expr, { fromMs: from, toMs: to, stepMs: MIN });

describe('band query (raw, band, flag) on the checkout latency', () => {
  let fs: PlainFrame[];
  beforeAll(async () => {
    fs = await frames({ expr: CHECKOUT, outputs: ['raw', 'band', 'flag'] });
  });

  it('returns one timeseries-multi frame per field with the upstream labels plus lens_output', () => {
    expect(fs.map((f) => f.value.name)).toEqual(['demo_http_latency_seconds', 'expected', 'lower', 'upper', 'flag']);
    expect(fs.map((f) => f.value.labels?.[OUTPUT_LABEL])).toEqual(['value', 'expected', 'lower', 'upper', 'flag']);
    for (const f of fs) {
      expect(f.refId).toBe('A');
      expect(f.meta).toMatchObject({ type: 'timeseries-multi', typeVersion: [0, 1] });
      expect(f.value.labels?.service).toBe('checkout');
      expect(f.meta.executedQueryString).toBe(`${CHECKOUT} (step 60s, history 3d)`);
    }
    expect(new Set(fs.map((f) => JSON.stringify(f.value.labels))).size).toBe(fs.length);
  });

  it('returns only the visible range although 3 days of history were fetched', () => {
    for (const f of fs) {
      expect(f.time[0]).toBe(FROM);
      expect(f.time[f.time.length - 1]).toBe(TO);
      expect(f.time).toHaveLength(361);
      expect(f.meta.custom.trainingPoints).toBe(3 * 1440);
    }
  });

  it('configures a shaded band that needs no overrides', () => {
    const lower = field(fs, 'lower').value.config!;
    const upper = field(fs, 'upper').value.config!;
    const expected = field(fs, 'expected').value.config!;
    expect(lower.displayNameFromDS).toBe(`${CHECKOUT.replace('service=', 'service=')} lower`);
    expect(upper.custom.fillBelowTo).toBe(lower.displayNameFromDS);
    expect(upper.custom).toMatchObject({ lineWidth: 0, fillOpacity: 20 });
    expect(lower.custom).toMatchObject({ lineWidth: 0 });
    expect(expected.displayNameFromDS).toBe(`${CHECKOUT} expected`);
    expect(expected.custom.lineStyle.fill).toBe('dash');
    expect(upper.unit).toBe('s');
  });

  it('draws the flag as shaded regions on a hidden centred axis and names the raw series metric{labels}', () => {
    const flag = field(fs, 'flag').value.config!;
    expect(flag.custom).toMatchObject({ drawStyle: 'bars', fillOpacity: 25, lineWidth: 0, axisPlacement: 'hidden' });
    expect(flag.custom.lineInterpolation).toBeUndefined();
    expect([flag.min, flag.max]).toEqual([-1, 1]);
    const raw = fs.find((f) => f.value.labels?.[OUTPUT_LABEL] === 'value')!.value.config!;
    expect(raw.displayNameFromDS).toBe(CHECKOUT);
    expect(raw.displayNameFromDS).not.toContain(OUTPUT_LABEL);
  });

  it('by default equals the auto detector of the analytics core on the same series (history included)', () => {
    const [s] = demo(CHECKOUT, FROM - 3 * DAY, TO);
    const core = autoDetect(s.values, { season: 1440, phase: Math.round((FROM - 3 * DAY) / MIN) % 1440 });
    const start = 3 * 1440;
    // The component and season named are those the detector's forecast used at the last point.
    expect(field(fs, 'expected').meta.custom).toMatchObject({
      method: 'auto',
      component: core.seasonInUse ? 'seasonal' : 'level',
      periodsMs: core.seasonInUse ? [DAY] : [],
    });
    expect(asNumbers(field(fs, 'expected').value.values)).toEqual(Array.from(core.expected.subarray(start)));
    expect(asNumbers(field(fs, 'upper').value.values)).toEqual(Array.from(core.upper.subarray(start)));
    expect(asNumbers(field(fs, 'flag').value.values)).toEqual(Array.from(core.flag.subarray(start)));
  });

  it('with method forecast equals the Holt–Winters band and flags of the analytics core on the same series', async () => {
    const ff = await frames({ expr: CHECKOUT, outputs: ['raw', 'band', 'flag'], method: 'forecast', sensitivity: 3 });
    const [s] = demo(CHECKOUT, FROM - 3 * DAY, TO);
    const core = forecastBand(s.values, { period: 1440, k: 3, direction: 'both' });
    const flags = scoreToFlags(core.score, { threshold: 3, direction: 'both', minRun: 1 });
    const start = 3 * 1440;
    expect(field(ff, 'expected').meta.custom).toMatchObject({
      method: 'forecast',
      component: 'forecast',
      periodsMs: [DAY],
    });
    expect(asNumbers(field(ff, 'expected').value.values)).toEqual(Array.from(core.expected.subarray(start)));
    expect(asNumbers(field(ff, 'upper').value.values)).toEqual(Array.from(core.upper.subarray(start)));
    expect(asNumbers(field(ff, 'flag').value.values)).toEqual(Array.from(flags.subarray(start)));
  });

  it('flags the checkout latency spike', () => {
    const flag = field(fs, 'flag');
    const during = flag.time
      .map((t, i) => (t >= SPIKE && t < SPIKE + 20 * MIN ? flag.value.values[i] : null))
      .filter((v) => v !== null);
    expect(during).toHaveLength(20);
    // The default (auto) detector does not train on the incident: flagged within two steps of the onset, then
    // above its band for the rest of the spike, never below.
    expect(during.slice(2)).toEqual(new Array(18).fill(1));
    expect(during).not.toContain(-1);
    const outside = flag.value.values.filter(
      (v, i) => v !== 0 && (flag.time[i] < SPIKE || flag.time[i] > SPIKE + 30 * MIN)
    );
    expect(outside.length).toBeLessThanOrEqual(5);
  });
});

test('a single one-field output keeps exactly the upstream labels (one alert instance per series)', async () => {
  const fs = await frames({ expr: 'demo_http_latency_seconds', outputs: ['flag'], method: 'moving' });
  expect(fs).toHaveLength(4);
  for (const f of fs) {
    expect(Object.keys(f.value.labels!)).toEqual(['service']);
    expect(f.value.name).toBe('flag');
  }
});

test('the seasonal method with an explicit daily season equals seasonalBand of the core', async () => {
  const fs = await frames({
    expr: CHECKOUT,
    outputs: ['band', 'score'],
    method: 'seasonal',
    seasonality: ['1d'],
    sensitivity: 4,
  });
  const [s] = demo(CHECKOUT, FROM - 3 * DAY, TO);
  const core = seasonalBand(s.values, { period: 1440, k: 4 });
  expect(asNumbers(field(fs, 'lower').value.values)).toEqual(Array.from(core.lower.subarray(3 * 1440)));
  expect(asNumbers(field(fs, 'score').value.values)).toEqual(Array.from(core.score.subarray(3 * 1440)));
  expect(field(fs, 'score').meta.custom).toMatchObject({ method: 'seasonal', component: 'seasonal', sensitivity: 4 });
});

test('STL with too little history falls back to the moving band and says so in meta.notices', async () => {
  const fs = await frames({ expr: CHECKOUT, outputs: ['band'], method: 'stl', seasonality: ['1d'], history: '2h' });
  const notices = fs.flatMap((f) => f.meta.notices ?? []);
  expect(notices).toHaveLength(1);
  expect(notices[0].severity).toBe('warning');
  expect(notices[0].text).toMatch(
    /STL needs two seasons \(2d\) of data, got 8h1m; used the moving band over 1h instead/
  );
  expect(field(fs, 'expected').meta.custom.method).toBe('moving');
  const [s] = demo(CHECKOUT, FROM - 2 * HOUR, TO);
  const core = movingBand(s.values, { window: 60, k: 3 });
  expect(asNumbers(field(fs, 'expected').value.values)).toEqual(Array.from(core.expected.subarray(120)));
});

test('exclusion windows are left out of training but still scored', async () => {
  const json = { expr: CHECKOUT, outputs: ['band', 'score'], method: 'moving', history: '1h' };
  const from = SPIKE + 10 * MIN;
  const to = SPIKE + 2 * HOUR;
  const plain = await frames(json, from, to);
  const excluded = await frames(
    { ...json, exclusions: [{ from: SPIKE - MIN, to: SPIKE + 25 * MIN, label: 'incident' }] },
    from,
    to
  );
  const [s] = demo(CHECKOUT, from - HOUR, to);
  const masked = Float64Array.from(s.values, (v, i) => {
    const t = s.timestamps[i];
    return t >= SPIKE - MIN && t <= SPIKE + 25 * MIN ? NaN : v;
  });
  const core = movingBand(masked, { window: 60, k: 3 });
  expect(asNumbers(field(excluded, 'expected').value.values)).toEqual(Array.from(core.expected.subarray(60)));
  // Without the exclusion the spike inflates σ just after it; with it the band stays tight.
  const width = (fs: PlainFrame[]) => field(fs, 'upper').value.values[20]! - field(fs, 'lower').value.values[20]!;
  expect(width(excluded)).toBeLessThan(width(plain) / 2);
  // Excluded points still have a score (the spike is still visible as a deviation).
  expect(field(excluded, 'score').value.values[0]).toBeGreaterThan(3);
});

test('a forecast extends past the end of the range with a dashed line and a drawn interval', async () => {
  const fs = await frames({
    expr: CHECKOUT,
    outputs: ['raw', 'forecast'],
    forecast: { horizon: '30m', model: 'linear', level: 0.9 },
  });
  const point = field(fs, 'forecast');
  expect(point.time).toHaveLength(30);
  expect(point.time[0]).toBe(TO + MIN);
  expect(point.time[29]).toBe(TO + 30 * MIN);
  expect(point.value.config!.custom.lineStyle).toEqual({ fill: 'dash', dash: [10, 10] });
  expect(field(fs, 'forecast_upper').value.config!.custom.fillBelowTo).toBe(
    field(fs, 'forecast_lower').value.config!.displayNameFromDS
  );
  const [s] = demo(CHECKOUT, FROM - 3 * DAY, TO);
  const core = forecastSeries(s.values, { horizon: 30, level: 0.9, model: 'linear', periods: [1440] });
  expect(asNumbers(point.value.values)).toEqual(Array.from(core.point));
  expect(asNumbers(field(fs, 'forecast_lower').value.values)).toEqual(Array.from(core.lower));
  expect(point.meta.custom.model).toBe('trend');
  const infos = fs.flatMap((f) => f.meta.notices ?? []).filter((n: { severity: string }) => n.severity === 'info');
  expect(infos.map((n: { text: string }) => n.text).join(' ')).toMatch(
    /Forecast: trend from now, fitted on the last .*, as requested/
  );
});

test('forecast and time to threshold of one query agree: the last time to threshold is read off the forecast line', async () => {
  // Build-up k = 20: from 2024-01-26T23:00Z the lag climbs ~50 s/h for 4 h; at +2 h it is ~105 s.
  const start = Date.UTC(2024, 0, 26, 23);
  const now = start + 2 * HOUR;
  const fs = await frames(
    {
      expr: 'demo_consumer_lag{group="analytics"}',
      outputs: ['raw', 'forecast', 'timeToThreshold'],
      threshold: { value: 180, window: '1h' },
      forecast: { horizon: '4h' },
    },
    now - 12 * HOUR,
    now
  );
  const raw = field(fs, 'demo_consumer_lag').value.values as number[];
  const last = raw[raw.length - 1];
  const fc = field(fs, 'forecast');
  const fcValues = fc.value.values as number[];
  // Anchored at now: the first forecast step continues from the current lag, and the line climbs.
  expect(Math.abs(fcValues[0] - last)).toBeLessThan(10);
  expect(fcValues[fcValues.length - 1]).toBeGreaterThan(180);
  const ttt = field(fs, 'time_to_threshold').value.values as number[];
  const crossing = fc.time[fcValues.findIndex((v) => v >= 180)];
  const seconds = ttt[ttt.length - 1];
  // The time to threshold points at the step where the forecast line crosses 180 s (± one step).
  const stepS = (fc.time[1] - fc.time[0]) / 1000;
  expect(Math.abs(now / 1000 + seconds - crossing / 1000)).toBeLessThanOrEqual(stepS);
  expect(seconds / 3600).toBeGreaterThan(1.2);
  expect(seconds / 3600).toBeLessThan(1.8);
});

test('a forecast is not trained on an excluded window: it equals the forecast of the series with a gap there', async () => {
  const q = {
    expr: 'demo_consumer_lag{group="analytics"}',
    outputs: ['forecast'],
    forecast: { horizon: '1h', model: 'linear' },
  };
  const base = await frames(q);
  const masked = await frames({ ...q, exclusions: [{ from: TO - 20 * MIN, to: TO - 10 * MIN }] });
  const values = (fs: PlainFrame[]) => field(fs, 'forecast').value.values as number[];
  expect(values(masked)).not.toEqual(values(base));
  const [s] = demo('demo_consumer_lag{group="analytics"}', FROM - 3 * DAY, TO);
  const training = Float64Array.from(s.values);
  for (let i = 0; i < training.length; i++) {
    if (s.timestamps[i] >= TO - 20 * MIN && s.timestamps[i] <= TO - 10 * MIN) {
      training[i] = NaN;
    }
  }
  // Whatever stood in the excluded window, the forecast is the one of the series with a gap there.
  const core = forecastSeries(training, { horizon: 60, model: 'linear', periods: [1440] });
  expect(values(masked)).toEqual(Array.from(core.point));
});

test('peer outliers single out the under-loaded Kafka broker', async () => {
  const fs = await frames({ expr: 'demo_kafka_bytes_in', outputs: ['outliers'] });
  const share = (broker: string) => {
    const f = field(fs, 'outlier', { broker });
    return f.value.values.filter((v) => v === 1).length / f.value.values.length;
  };
  expect(share('kafka-3')).toBeGreaterThan(0.9);
  for (const b of ['kafka-1', 'kafka-2', 'kafka-4']) {
    expect(share(b)).toBeLessThan(0.05);
  }
  expect(field(fs, 'outlier', { broker: 'kafka-3' }).meta.custom.isOutlier).toBe(true);
  expect(field(fs, 'outlier_score', { broker: 'kafka-3' }).value.labels![OUTPUT_LABEL]).toBe('outlier_score');
});

test('time to threshold counts down while the analytics consumer lag builds up, +Inf otherwise', async () => {
  // Build-up k = 20: from 2024-01-26T23:00Z the lag climbs ~50 s/h for 4 h.
  const start = Date.UTC(2024, 0, 26, 23);
  const fs = await frames(
    {
      expr: 'demo_consumer_lag{group="analytics"}',
      outputs: ['timeToThreshold'],
      threshold: { value: 180, window: '1h' },
      forecast: { horizon: '4h' },
    },
    start - 2 * HOUR,
    start + 2 * HOUR
  );
  const f = field(fs, 'time_to_threshold');
  expect(Object.keys(f.value.labels!)).toEqual(['group']);
  const at = (t: number) => f.value.values[f.time.indexOf(t)]!;
  expect(at(start - HOUR)).toBe(Infinity);
  // At +2 h the lag is ~105 s and rising 50 s/h: (180 − 105) / 50 h ≈ 1.5 h.
  expect(at(start + 2 * HOUR) / 3600).toBeGreaterThan(1.2);
  expect(at(start + 2 * HOUR) / 3600).toBeLessThan(1.8);
  expect(f.value.config!.unit).toBe('s');
});

test('time to threshold at each past point is read off the trend forecast over the window before it', async () => {
  const start = Date.UTC(2024, 0, 26, 23);
  const expr = 'demo_consumer_lag{group="analytics"}';
  const fs = await frames(
    { expr, outputs: ['timeToThreshold'], threshold: { value: 180, window: '1h' }, forecast: { horizon: '4h' } },
    start - 2 * HOUR,
    start + 2 * HOUR
  );
  const f = field(fs, 'time_to_threshold');
  const [s] = demo(expr, start - 3 * HOUR, start + 2 * HOUR);
  const times = Array.from(s.timestamps);
  let finite = 0;
  // The last point reads the query's own forecast instead (forecastAgreement covers it).
  for (let k = 0; k < f.time.length - 1; k++) {
    const i = times.indexOf(f.time[k]);
    const win = s.values.subarray(i - 59, i + 1);
    const path = recentTrendForecast(win, { horizon: 240, window: 60, maxPoints: 120 }).point;
    const expected = timeToThreshold(path, 180, { current: s.values[i], stepMs: MIN }).ms / 1000;
    const got = f.value.values[k]!;
    if (Number.isFinite(expected)) {
      finite++;
      expect(Math.abs(got - expected)).toBeLessThanOrEqual(1e-6 * expected + 1e-9);
    } else {
      expect(got).toBe(expected);
    }
  }
  expect(finite).toBeGreaterThan(30);
});

test('decomposition fields add up to the series and change fields equal the core', async () => {
  const fs = await frames({
    expr: CHECKOUT,
    outputs: ['raw', 'decomposition', 'change'],
    seasonality: ['1d'],
    change: { window: '10m' },
  });
  const raw = field(fs, 'demo_http_latency_seconds').value.values;
  const [trend, seasonal, remainder] = ['trend', 'seasonal', 'remainder'].map((n) => field(fs, n).value.values);
  raw.forEach((v, i) => expect(trend[i]! + seasonal[i]! + remainder[i]!).toBeCloseTo(v!, 9));
  const [s] = demo(CHECKOUT, FROM - 3 * DAY, TO);
  expect(asNumbers(field(fs, 'percent_change').value.values)).toEqual(
    Array.from(percentChange(s.values, { lag: 10 }).subarray(3 * 1440))
  );
  expect(field(fs, 'speed').value.values.every((v) => v !== null && Number.isFinite(v))).toBe(true);
});

test('a version-1 query still returns the plain raw frames', async () => {
  const r = await executeQueries(
    ctx,
    [
      {
        refId: 'A',
        maxDataPoints: 360,
        intervalMS: MIN,
        timeRange: { fromEpochMS: FROM, toEpochMS: TO },
        json: Buffer.from(JSON.stringify({ expr: CHECKOUT })),
        queryType: '',
      },
    ],
    deps()
  );
  const fs = decodeResponse(r.responses.A.frames);
  expect(fs).toHaveLength(1);
  expect(fs[0].value.labels).toEqual({ service: 'checkout' });
  expect(fs[0].meta.executedQueryString).toBe(`${CHECKOUT} (step 60s)`);
});

test.each([
  [
    { expr: CHECKOUT, method: 'median' },
    /query A: method must be one of auto, moving, seasonal, stl, forecast; got "median"/,
  ],
  [{ expr: CHECKOUT, outputs: ['timeToThreshold'] }, /query A: threshold.value is required/],
  [{ expr: 'demo_nope', outputs: ['band'] }, /query A: unknown demo metric "demo_nope"/],
])('an invalid query %j answers 400 with what to fix', async (json, message) => {
  const r = await run(json);
  expect(r).toMatchObject({ status: 400, errorSource: 'downstream' });
  expect(r.error).toMatch(message);
});

test('history is shortened to the 11,000-point limit with a notice naming the fix', async () => {
  const fs = await frames({ expr: CHECKOUT, outputs: ['band'], method: 'moving', history: '8w' });
  expect(fs[0].meta.notices[0].text).toMatch(/Training history shortened from 8w to .*Raise the step \(Min interval\)/);
  expect(fs[0].meta.custom.trainingPoints).toBe(10_998 - 361);
});

test('the forecast notice of a combination names each member with its weight', () => {
  const y = Float64Array.from(
    { length: 24 * 7 * 4 },
    (_, i) =>
      200 + 20 * Math.sin((2 * Math.PI * i) / 24) + (Math.floor(i / 24) % 7 >= 5 ? -30 : 0) + 3 * Math.sin(i * 1.7)
  );
  const f = forecastSeries(y, { horizon: 48, periods: [24, 168] });
  expect(f.choice.kind).toBe('combination');
  const text = describeForecast(f, HOUR);
  expect(text).toMatch(/^Forecast: weighted mean of .*\(\d+ %\).*, weighted by backtest error/);
  for (const m of f.choice.members ?? []) {
    expect(text).toContain(`(${Math.round(100 * m.weight)} %)`);
  }
});
