/**
 * fetchSeries with incremental querying against a fake Prometheus that answers a known function of time: what is
 * asked of the upstream when the range moves forward, and that the joined answer equals a whole fetch.
 */
import { json, startFakeUpstream, type FakeUpstream } from '../../../../tests/integration/helpers/fakeUpstream';
import { dataSourceInstance, type DataSourceInstance, newUpstreamCache } from '../DataSourceInstances';
import { fetchSeries, FetchRequest } from '../fetchSeries';

const MIN = 60_000;
const STEP = MIN;
const T0 = Date.UTC(2024, 0, 1);

let fake: FakeUpstream;
/** Label sets the fake answers, each with its value at t (ms); NaN → no sample. */
let series: Array<{ labels: Record<string, string>; value: (t: number) => number }>;

beforeAll(async () => {
  fake = await startFakeUpstream();
  fake.handle((req, res) => {
    const start = Number(req.form.get('start')) * 1000;
    const end = Number(req.form.get('end')) * 1000;
    const step = Number(req.form.get('step')) * 1000;
    const result = series.map((s) => {
      const values: Array<[number, string]> = [];
      for (let t = start; t <= end; t += step) {
        const v = s.value(t);
        if (!Number.isNaN(v)) {
          values.push([t / 1000, String(v)]);
        }
      }
      return { metric: s.labels, values };
    });
    json(res, 200, {
      status: 'success',
      data: { resultType: 'matrix', result: result.filter((r) => r.values.length) },
    });
  });
});
afterAll(() => fake.close());
beforeEach(() => {
  fake.requests.length = 0;
  series = [{ labels: { __name__: 'm', job: 'a' }, value: (t) => (t - T0) / MIN }];
});

let version = 0;
function settings(jsonData: Record<string, unknown> = {}): DataSourceInstance {
  return dataSourceInstance({
    upstream: 'prometheus',
    name: 'p',
    uid: 'inc',
    lastUpdatedMs: ++version,
    incremental: { enabled: jsonData.incrementalQuerying !== false, overlapMs: 10 * MIN },
    instance: {
      id: 1,
      name: 'p',
      url: fake.url,
      user: '',
      database: '',
      basicAuthEnabled: false,
      basicAuthUser: '',
      jsonData: Buffer.from(JSON.stringify({ upstream: 'prometheus', ...jsonData })),
      decryptedSecureJsonData: {},
      lastUpdatedMS: version,
      uid: 'inc',
      apiVersion: '',
    },
  });
}

const req = (fromMs: number, toMs: number, expr = 'm'): FetchRequest => ({
  refId: 'A',
  expr,
  fromMs,
  toMs,
  stepMs: STEP,
});
const asked = () =>
  fake.requests.map((r) => [Number(r.form.get('start')) * 1000 - T0, Number(r.form.get('end')) * 1000 - T0]);
const values = (q: { series: Array<{ values: Float64Array }> }) => q.series.map((s) => Array.from(s.values));

test('a refresh asks only for what follows the settled points, and the joined answer equals a whole fetch', async () => {
  const s = settings();
  const cache = newUpstreamCache();
  let now = T0 + 120 * MIN;
  await fetchSeries(s, req(T0, T0 + 120 * MIN), { cache, now: () => now });
  now += 5 * MIN;
  const refreshed = await fetchSeries(s, req(T0 + 5 * MIN, T0 + 125 * MIN), { cache, now: () => now });
  // Settled: up to the first fetch's time less the 10 min overlap → points after T0 + 110 min are fetched again.
  expect(asked()).toEqual([
    [0, 120 * MIN],
    [111 * MIN, 125 * MIN],
  ]);
  const whole = await fetchSeries(settings(), req(T0 + 5 * MIN, T0 + 125 * MIN), { cache: newUpstreamCache() });
  expect(values(refreshed)).toEqual(values(whole));
  expect(refreshed.timestamps).toEqual(whole.timestamps);
});

test('points inside the overlap window come from the new answer (late samples)', async () => {
  const s = settings();
  const cache = newUpstreamCache();
  let now = T0 + 60 * MIN;
  await fetchSeries(s, req(T0, T0 + 60 * MIN), { cache, now: () => now });
  series = [{ labels: { __name__: 'm', job: 'a' }, value: (t) => (t >= T0 + 55 * MIN ? 1000 : (t - T0) / MIN) }];
  now += MIN;
  const refreshed = await fetchSeries(s, req(T0 + MIN, T0 + 61 * MIN), { cache, now: () => now });
  const v = refreshed.series[0].values;
  expect(v[v.length - 1]).toBe(1000);
  expect(v[53]).toBe(54); // T0 + 54 min, before the change
  expect(v[54]).toBe(1000);
});

test('series that appear or end between refreshes are kept on the joined grid with NaN where they had no samples', async () => {
  const s = settings();
  const cache = newUpstreamCache();
  let now = T0 + 60 * MIN;
  await fetchSeries(s, req(T0, T0 + 60 * MIN), { cache, now: () => now });
  series = [{ labels: { __name__: 'm', job: 'b' }, value: () => 7 }];
  now += 30 * MIN;
  const refreshed = await fetchSeries(s, req(T0 + 30 * MIN, T0 + 90 * MIN), { cache, now: () => now });
  expect(refreshed.series.map((x) => x.labels.job)).toEqual(['a', 'b']);
  const [a, b] = values(refreshed);
  expect(a.slice(0, 21)).toEqual(Array.from({ length: 21 }, (_, i) => 30 + i)); // settled: up to T0 + 50 min
  expect(a.slice(21).every(Number.isNaN)).toBe(true);
  expect(b.slice(0, 21).every(Number.isNaN)).toBe(true);
  expect(b.slice(21).every((x) => x === 7)).toBe(true);
});

test('a repeat within 15 s asks nothing; expressions using the range, and data sources with it off, fetch whole', async () => {
  const cache = newUpstreamCache();
  const now = T0 + 120 * MIN;
  const s = settings();
  await fetchSeries(s, req(T0, T0 + 120 * MIN), { cache, now: () => now });
  await fetchSeries(s, req(T0 + 30 * MIN, T0 + 120 * MIN), { cache, now: () => now + 10_000 });
  expect(fake.requests).toHaveLength(1);

  fake.requests.length = 0;
  const ranged = settings();
  await fetchSeries(ranged, req(T0, T0 + 60 * MIN, 'm / $__range_s'), { cache, now: () => now });
  await fetchSeries(ranged, req(T0 + MIN, T0 + 61 * MIN, 'm / $__range_s'), { cache, now: () => now + MIN });
  const off = settings({ incrementalQuerying: false });
  await fetchSeries(off, req(T0, T0 + 60 * MIN), { cache, now: () => now });
  await fetchSeries(off, req(T0 + MIN, T0 + 61 * MIN), { cache, now: () => now + MIN });
  expect(asked()).toEqual([
    [0, 60 * MIN],
    [MIN, 61 * MIN],
    [0, 60 * MIN],
    [MIN, 61 * MIN],
  ]);
});

test('the joined answer is held to the series limit like a whole one', async () => {
  const s = settings();
  const cache = newUpstreamCache();
  let now = T0 + 60 * MIN;
  series = Array.from({ length: 600 }, (_, i) => ({ labels: { __name__: 'm', i: `a${i}` }, value: () => 1 }));
  await fetchSeries(s, req(T0, T0 + 60 * MIN), { cache, now: () => now });
  series = Array.from({ length: 600 }, (_, i) => ({ labels: { __name__: 'm', i: `b${i}` }, value: () => 1 }));
  now += 20 * MIN;
  await expect(fetchSeries(s, req(T0 + 20 * MIN, T0 + 80 * MIN), { cache, now: () => now })).rejects.toThrow(
    'the query returns 1200 series, over the limit of 1000 (maxSeries)'
  );
});
