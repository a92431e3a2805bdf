import { LensError } from '../../errors/LensError';
import { correlationRange, CorrelationRangeInput } from '../correlationRange';

const MIN = 60_000;
const T0 = 1_700_000_040_000; // a whole minute
const base = (c: Partial<CorrelationRangeInput['correlate']> = {}): CorrelationRangeInput => ({
  refId: 'A',
  rangeFromMs: T0,
  rangeToMs: T0 + 60 * MIN,
  stepMs: MIN,
  correlate: { contextMs: 0, maxLagMs: 0, ...c },
  maxPointsPerSeries: 11_000,
});

function errorOf(input: CorrelationRangeInput): LensError {
  try {
    correlationRange(input);
  } catch (e) {
    return e as LensError;
  }
  throw new Error('expected an error');
}

test('correlationRange defaults the window to the whole range, every grid point of it', () => {
  const r = correlationRange(base());
  expect(r).toMatchObject({
    windowFromMs: T0,
    windowToMs: T0 + 60 * MIN,
    fetchFromMs: T0,
    fetchToMs: T0 + 60 * MIN,
    points: 61,
    window: { start: 0, end: 61 },
    contextSteps: 0,
    maxLagSteps: 0,
    analysedStart: 0,
    notices: [],
  });
});

test('correlationRange cuts window, context (rounded up) and the lag margin on both sides into grid indices', () => {
  // Window 10:00:30–10:20:30 → grid points 10:01 … 10:20 (20 points); context 4.5 m → 5 steps; lag 3 m.
  const r = correlationRange(
    base({ window: { fromMs: T0 + 30_000, toMs: T0 + 20 * MIN + 30_000 }, contextMs: 4.5 * MIN, maxLagMs: 3 * MIN })
  );
  expect(r.fetchFromMs).toBe(T0 + MIN - 8 * MIN);
  expect(r.fetchToMs).toBe(T0 + 20 * MIN + 3 * MIN);
  expect(r.points).toBe(3 + 5 + 20 + 3);
  expect(r.window).toEqual({ start: 8, end: 28 });
  expect(r.contextSteps).toBe(5);
  expect(r.maxLagSteps).toBe(3);
  expect(r.analysedStart).toBe(3);
  // The window as asked, not as aligned.
  expect(r.windowFromMs).toBe(T0 + 30_000);
});

test('correlationRange lets context reach before the query range (only the window must lie inside)', () => {
  const r = correlationRange(base({ window: { fromMs: T0, toMs: T0 + 10 * MIN }, contextMs: 30 * MIN }));
  expect(r.fetchFromMs).toBe(T0 - 30 * MIN);
  expect(r.analysedStart).toBe(0);
  expect(r.window.start).toBe(30);
});

test('correlationRange notes a maxLag under half a step, which searches lag 0 only', () => {
  const r = correlationRange(base({ maxLagMs: 20_000 }));
  expect(r.maxLagSteps).toBe(0);
  expect(r.notices[0]).toMatch(/correlate.maxLag 20s is under half the step \(1m\); only lag 0 was searched/);
});

test.each([
  [
    { window: { fromMs: T0 - 1, toMs: T0 + MIN * 10 } },
    /correlate.window \(2023-11-14T22:13:59.999Z to .*\) must lie inside/,
  ],
  [{ window: { fromMs: T0, toMs: T0 + 61 * MIN } }, /must lie inside the query's time range/],
  [
    { window: { fromMs: T0 + 1000, toMs: T0 + 59_000 } },
    /correlate.window \(.*\) holds no point of the 1m grid; widen the window/,
  ],
  // Context alone is not a window: a window between two grid points fails even with plenty of context.
  [
    { window: { fromMs: T0 + 20 * MIN + 1, toMs: T0 + 20 * MIN + 4 }, contextMs: 10 * MIN },
    /holds no point of the 1m grid/,
  ],
  [{ window: { fromMs: T0, toMs: T0 + 2 * MIN }, contextMs: MIN }, /window and its context hold 4 points/],
  [
    { maxLagMs: 16 * MIN },
    /correlate.maxLag must be at most a quarter of the analysed range .*1h1m → 15m15s\); got 16m/,
  ],
])('correlationRange rejects %j with a 400 naming the option', (c, message) => {
  const e = errorOf(base(c));
  expect(e).toBeInstanceOf(LensError);
  expect(e.status).toBe(400);
  expect(e.message).toMatch(/^query A: /);
  expect(e.message).toMatch(message);
});

test('correlationRange refuses more points per series than the limit before anything is fetched', () => {
  const e = errorOf({ ...base({ contextMs: 60 * MIN }), maxPointsPerSeries: 100 });
  expect(e.message).toMatch(/needs 121 points per series .*limit 100/);
});

test('context auto fetches a baseline as long as the window, at least 60 steps, shortened by the point limit', () => {
  const base = { refId: 'A', rangeFromMs: 0, stepMs: 1000, maxPointsPerSeries: 11_000 };
  const long = correlationRange({ ...base, rangeToMs: 99_000, correlate: { contextMs: 'auto', maxLagMs: 0 } });
  expect(long.contextSteps).toBe(100);
  const short = correlationRange({ ...base, rangeToMs: 4_000, correlate: { contextMs: 'auto', maxLagMs: 0 } });
  expect(short.contextSteps).toBe(60);
  expect(short.notices).toEqual([]);
  const capped = correlationRange({
    ...base,
    maxPointsPerSeries: 130,
    rangeToMs: 99_000,
    correlate: { contextMs: 'auto', maxLagMs: 0 },
  });
  expect(capped.contextSteps).toBe(30);
  expect(capped.notices[0]).toMatch(/automatic baseline was shortened to 30 steps/);
});
