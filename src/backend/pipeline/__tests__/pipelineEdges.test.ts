/**
 * Edge cases of the pipeline on series the demo upstream never produces, fed through a pre-filled upstream cache:
 * infinite samples, and a series without values next to a healthy one.
 */
import { movingBand } from '../../../analytics/bands/movingBand';
import { parseQueryJson } from '../../query/parseQuery';
import { runAnalysis } from '../../query/runAnalysis';
import { FetchedQuery, gridTimestamps } from '../fetchedSeries';
import { dataSourceInstance, newUpstreamCache } from '../DataSourceInstances';
import { fetchCacheKey } from '../fetchSeries';

const STEP = 60_000;
const FROM = Date.UTC(2024, 0, 10);
const TO = FROM + 119 * STEP;
const settings = dataSourceInstance({ upstream: 'prometheus', name: 'p', uid: 'edge', lastUpdatedMs: 1 });

/** A cache answering `expr` over history + range with the given series, as if Prometheus had sent them. */
function cacheWith(
  expr: string,
  history: number,
  series: Array<{ labels: Record<string, string>; values: (i: number) => number }>
) {
  const fromMs = FROM - history;
  const timestamps = gridTimestamps(fromMs, TO, STEP);
  const fetched: FetchedQuery = {
    timestamps,
    stepMs: STEP,
    executed: expr,
    warnings: [],
    series: series.map((s) => ({
      name: 'm',
      labels: s.labels,
      values: Float64Array.from(timestamps, (_, i) => s.values(i)),
    })),
  };
  const cache = newUpstreamCache(1e8);
  cache.set(fetchCacheKey(settings, { refId: 'A', expr, stepMs: STEP, fromMs, toMs: TO }), {
    fetched,
    fetchedAtMs: Date.now(),
  });
  return { cache, fetched };
}

const window = { fromMs: FROM, toMs: TO, intervalMs: STEP, maxDataPoints: 120 };
const wave = (i: number) => 10 + Math.sin(i / 5) + ((i * 7919) % 13) / 26;

test('+Inf samples are scored but do not train the band', async () => {
  const { cache, fetched } = cacheWith('m', 3_600_000, [
    { labels: { a: '1' }, values: (i) => (i === 100 ? Infinity : wave(i)) },
  ]);
  const q = parseQueryJson(
    'A',
    JSON.stringify({ schemaVersion: 2, expr: 'm', outputs: ['band', 'flag'], method: 'moving', history: '1h' })
  );
  const frames = await runAnalysis(settings, q, window, { cache });
  const expected = frames.find((f) => f.fields[1].name === 'expected')!.fields[1].values as Float64Array;
  const training = Float64Array.from(fetched.series[0].values, (v) => (Number.isFinite(v) ? v : NaN));
  expect(Array.from(expected)).toEqual(Array.from(movingBand(training, { window: 60 }).expected.subarray(60)));
  const flag = frames.find((f) => f.fields[1].name === 'flag')!.fields[1].values as Float64Array;
  expect(flag[100 - 60]).toBe(1);
  expect(frames.every((f) => !f.meta?.notices)).toBe(true);
});

test('a series without values keeps its raw field and gets a notice instead of a forecast; its neighbour is forecast', async () => {
  const { cache } = cacheWith('m', 0, [
    { labels: { a: 'ok' }, values: wave },
    { labels: { a: 'empty' }, values: () => NaN },
  ]);
  const q = parseQueryJson(
    'A',
    JSON.stringify({ schemaVersion: 2, expr: 'm', outputs: ['raw', 'forecast'], history: '0s' })
  );
  const frames = await runAnalysis(settings, q, window, { cache });
  const names = (a: string) => frames.filter((f) => f.fields[1].labels?.a === a).map((f) => f.fields[1].name);
  expect(names('ok')).toEqual(['m', 'forecast', 'forecast_lower', 'forecast_upper']);
  expect(names('empty')).toEqual(['m']);
  const notice = frames.find((f) => f.fields[1].labels?.a === 'empty')!.meta!.notices![0].text;
  expect(notice).toMatch(/Forecast skipped: fewer than 3 points with values/);
});

test('a window of billions of steps answers 400 before anything is allocated', async () => {
  const q = parseQueryJson('A', JSON.stringify({ schemaVersion: 2, expr: 'demo_cpu_utilization', outputs: ['band'] }));
  const demo = dataSourceInstance({ upstream: 'demo', name: 'd', uid: 'd' });
  const huge = { fromMs: -8.64e15, toMs: 8.64e15, intervalMs: 0, maxDataPoints: 1e9 };
  await expect(runAnalysis(demo, q, huge)).rejects.toMatchObject({
    status: 400,
    message: expect.stringMatching(/points per series \(limit 10998\); shorten the time range or raise the step/),
  });
});

test('gridTimestamps refuses a runaway grid', () => {
  expect(() => gridTimestamps(0, 1e12, 1)).toThrow(/exceeds 1000000/);
});
