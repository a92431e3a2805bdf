import { checkPointsPerSeries } from '../checkPointsPerSeries';
import { checkSeriesLimits } from '../../upstreams/checkSeriesLimits';
import { LensError } from '../../errors/LensError';
import { DEFAULT_QUERY_LIMITS } from '../../settings/queryLimits';

function thrown(f: () => void): LensError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(LensError);
    return e as LensError;
  }
  throw new Error('no error');
}

test('checkPointsPerSeries accepts a range at the limit and refuses one point more with 400 naming the setting', () => {
  expect(() => checkPointsPerSeries('A', { fromMs: 0, toMs: 99_000 }, 1000, 100)).not.toThrow();
  const e = thrown(() => checkPointsPerSeries('A', { fromMs: 0, toMs: 100_000 }, 1000, 100));
  expect(e).toMatchObject({ status: 400, errorSource: 'downstream' });
  expect(e.message).toBe(
    'query A: the query would return 101 points per series (limit 100); shorten the time range or raise the step ' +
      '(minStepMs / Min interval), or raise the data source setting maxPointsPerSeries'
  );
});

test('checkPointsPerSeries refuses a range whose point count is not finite', () => {
  expect(thrown(() => checkPointsPerSeries('B', { fromMs: -8.64e15, toMs: 8.64e15 }, 1e-300, 100)).message).toMatch(
    /^query B: the query would return Infinity points per series \(limit 100\)/
  );
});

test('checkSeriesLimits refuses too many series with 422 naming maxSeries and how to narrow', () => {
  const limits = { ...DEFAULT_QUERY_LIMITS, maxSeries: 3 };
  expect(() => checkSeriesLimits('A', 3, 10, limits)).not.toThrow();
  const e = thrown(() => checkSeriesLimits('A', 4, 10, limits));
  expect(e).toMatchObject({ status: 422, errorSource: 'downstream' });
  expect(e.message).toBe(
    'query A: the query returns 4 series, over the limit of 3 (maxSeries); add label matchers ' +
      '(e.g. {host="web-1"}) or aggregate, or raise the data source setting maxSeries'
  );
});

test('checkSeriesLimits refuses too many points (series × steps) with 422 naming maxPoints', () => {
  const limits = { ...DEFAULT_QUERY_LIMITS, maxPoints: 100 };
  expect(() => checkSeriesLimits('A', 4, 25, limits)).not.toThrow();
  const e = thrown(() => checkSeriesLimits('A', 4, 26, limits));
  expect(e.status).toBe(422);
  expect(e.message).toMatch(
    /^query A: the query would return 4 series × 26 steps \(history included\) = 104 points, over the limit of 100 \(maxPoints\); use a larger step.*raise the data source setting maxPoints$/
  );
});
