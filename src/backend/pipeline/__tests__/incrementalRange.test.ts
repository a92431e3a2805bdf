import { FetchedQuery, gridTimestamps } from '../fetchedSeries';
import { isRangeIndependentPromQL } from '../../upstreams/prometheus/isRangeIndependentPromQL';
import { mergeFetched, planIncremental, sliceFetched } from '../incrementalRange';

const STEP = 60_000;
const T0 = Date.UTC(2024, 0, 1);
const MIN = 60_000;
const HOUR = 60 * MIN;

function answer(
  fromMs: number,
  toMs: number,
  series: Array<[Record<string, string>, (t: number) => number]>
): FetchedQuery {
  const timestamps = gridTimestamps(fromMs, toMs, STEP);
  return {
    timestamps,
    stepMs: STEP,
    executed: 'm',
    warnings: [],
    series: series.map(([labels, f]) => ({ name: 'm', labels, values: Float64Array.from(timestamps, f) })),
  };
}

const opts = (nowMs: number) => ({ nowMs, overlapMs: 10 * MIN, freshMs: 15_000 });

describe('planIncremental', () => {
  const cached = { fetched: answer(T0, T0 + 120 * MIN, []), fetchedAtMs: T0 + 120 * MIN + 30_000 };

  test('without a cached answer, or with another step, fetches the whole range', () => {
    expect(planIncremental(undefined, { fromMs: T0, toMs: T0 + HOUR, stepMs: STEP }, opts(T0))).toEqual({
      kind: 'full',
    });
    expect(planIncremental(cached, { fromMs: T0, toMs: T0 + HOUR, stepMs: 2 * STEP }, opts(T0))).toEqual({
      kind: 'full',
    });
  });

  test('a range moved forward reuses the points settled before fetchedAt − overlap and fetches from the next step', () => {
    const plan = planIncremental(
      cached,
      { fromMs: T0 + 5 * MIN, toMs: T0 + 125 * MIN, stepMs: STEP },
      opts(T0 + 125 * MIN)
    );
    // fetchedAt − 10 min = T0 + 110.5 min → settled up to the grid point T0 + 110 min.
    expect(plan).toEqual({ kind: 'extend', reuseToMs: T0 + 110 * MIN, fetchFromMs: T0 + 111 * MIN });
  });

  test('a range starting before the cached one, or after its settled part, is fetched whole', () => {
    expect(
      planIncremental(cached, { fromMs: T0 - MIN, toMs: T0 + 125 * MIN, stepMs: STEP }, opts(T0 + 125 * MIN))
    ).toEqual({
      kind: 'full',
    });
    expect(
      planIncremental(cached, { fromMs: T0 + 115 * MIN, toMs: T0 + 125 * MIN, stepMs: STEP }, opts(T0 + 125 * MIN))
    ).toEqual({ kind: 'full' });
  });

  test('a covered range is reused whole while the answer is fresh, and after that only when it is settled', () => {
    const inside = { fromMs: T0 + 10 * MIN, toMs: T0 + 120 * MIN, stepMs: STEP };
    expect(planIncremental(cached, inside, opts(cached.fetchedAtMs + 14_000))).toEqual({ kind: 'reuse' });
    expect(planIncremental(cached, inside, opts(cached.fetchedAtMs + 16_000)).kind).toBe('extend');
    const old = { fromMs: T0 + 10 * MIN, toMs: T0 + 100 * MIN, stepMs: STEP };
    expect(planIncremental(cached, old, opts(cached.fetchedAtMs + 86_400_000))).toEqual({ kind: 'reuse' });
  });
});

describe('mergeFetched', () => {
  const f = (t: number) => (t - T0) / MIN;
  test('joins head and tail on the new grid, matching series by labels whatever their key order', () => {
    const head = answer(T0, T0 + 10 * MIN, [[{ a: '1', b: '2' }, f]]);
    const tail = answer(T0 + 6 * MIN, T0 + 12 * MIN, [[{ b: '2', a: '1' }, (t) => f(t) + 0.5]]);
    const grid = gridTimestamps(T0 + 2 * MIN, T0 + 12 * MIN, STEP);
    const merged = mergeFetched(head, tail, grid, T0 + 5 * MIN);
    expect(merged.series).toHaveLength(1);
    expect(Array.from(merged.series[0].values)).toEqual([2, 3, 4, 5, 6.5, 7.5, 8.5, 9.5, 10.5, 11.5, 12.5]);
    expect(merged.timestamps).toBe(grid);
  });

  test('a series on one side only is NaN on the other; one with no value on the new grid is dropped', () => {
    const head = answer(T0, T0 + 10 * MIN, [
      [{ s: 'gone' }, f],
      [{ s: 'old' }, (t) => (t < T0 + 2 * MIN ? 1 : NaN)],
    ]);
    const tail = answer(T0 + 4 * MIN, T0 + 6 * MIN, [[{ s: 'new' }, f]]);
    const merged = mergeFetched(head, tail, gridTimestamps(T0 + 2 * MIN, T0 + 6 * MIN, STEP), T0 + 3 * MIN);
    expect(merged.series.map((s) => s.labels.s)).toEqual(['gone', 'new']);
    expect(Array.from(merged.series[0].values)).toEqual([2, 3, NaN, NaN, NaN]);
    expect(Array.from(merged.series[1].values)).toEqual([NaN, NaN, 4, 5, 6]);
  });

  test('does not change its inputs', () => {
    const head = answer(T0, T0 + 4 * MIN, [[{ a: '1' }, f]]);
    const tail = answer(T0 + 3 * MIN, T0 + 6 * MIN, [[{ a: '1' }, (t) => -f(t)]]);
    const before = [Array.from(head.series[0].values), Array.from(tail.series[0].values)];
    mergeFetched(head, tail, gridTimestamps(T0, T0 + 6 * MIN, STEP), T0 + 2 * MIN);
    expect([Array.from(head.series[0].values), Array.from(tail.series[0].values)]).toEqual(before);
  });
});

test('sliceFetched cuts the grid and drops series with no value in the slice', () => {
  const q = answer(T0, T0 + 10 * MIN, [
    [{ s: 'a' }, (t) => (t - T0) / MIN],
    [{ s: 'b' }, (t) => (t > T0 + 8 * MIN ? 1 : NaN)],
  ]);
  const s = sliceFetched(q, T0 + 2 * MIN, T0 + 5 * MIN + 1);
  expect(Array.from(s.timestamps)).toEqual([2, 3, 4, 5].map((i) => T0 + i * MIN));
  expect(s.series.map((x) => [x.labels.s, Array.from(x.values)])).toEqual([['a', [2, 3, 4, 5]]]);
  expect(sliceFetched(q, T0, T0 + 10 * MIN)).toBe(q);
  expect(() => sliceFetched(q, T0 - MIN, T0 + MIN)).toThrow(/not inside the cached range/);
});

test('isRangeIndependentPromQL refuses $__range in any form and the @ start()/end() modifiers', () => {
  expect(isRangeIndependentPromQL('rate(x[$__rate_interval])')).toBe(true);
  expect(isRangeIndependentPromQL('sum by (job) (x) @ 1700000000')).toBe(true);
  for (const e of ['avg_over_time(x[$__range])', 'x / ${__range_s}', 'x @ start()', 'x @ end ()']) {
    expect(isRangeIndependentPromQL(e)).toBe(false);
  }
});
