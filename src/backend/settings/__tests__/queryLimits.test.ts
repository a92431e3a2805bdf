import { LensError } from '../../errors/LensError';
import { DEFAULT_QUERY_LIMITS, describeSetting, formatBytes, readQueryLimits } from '../queryLimits';
import { upstreamAdapter } from '../../upstreams/upstreamAdapters';
import type { UpstreamKind } from '../../../shared/queryModel';

/** The points-per-series ceiling of an upstream kind (its adapter's own bound). */
const ceiling = (kind: UpstreamKind) => upstreamAdapter(kind).maxPointsPerSeries;

const MiB = 1024 * 1024;

function refusal(json: Record<string, unknown>, upstream: 'demo' | 'prometheus' | 'influxdb' = 'demo'): LensError {
  try {
    readQueryLimits(json, ceiling(upstream));
  } catch (e) {
    expect(e).toBeInstanceOf(LensError);
    return e as LensError;
  }
  throw new Error(`readQueryLimits accepted ${JSON.stringify(json)}`);
}

test('readQueryLimits gives the documented defaults for empty settings', () => {
  expect(readQueryLimits({}, ceiling('demo'))).toEqual({
    maxSeries: 1000,
    maxPoints: 2_000_000,
    maxPointsPerSeries: 10_998,
    maxHistoryMs: 8 * 7 * 86_400_000,
    maxResponseBytes: 50 * MiB,
    maxResponseBytesSetting: 'maxResponseBytes',
    maxQueryResponseBytes: 64 * MiB,
    maxQueryResponseBytesSetting: 'maxQueryResponseBytes',
    maxQueriesPerRequest: 100,
    maxConcurrentQueries: 10,
  });
  expect(readQueryLimits({}, ceiling('prometheus'))).toEqual(DEFAULT_QUERY_LIMITS);
  expect(readQueryLimits({}, ceiling('influxdb'))).toEqual(DEFAULT_QUERY_LIMITS);
});

test('readQueryLimits reads every setting, numbers or numeric strings', () => {
  const json = {
    maxSeries: 5,
    maxPoints: '3000',
    maxPointsPerSeries: 500,
    maxHistory: '3d',
    maxResponseBytes: 1024,
    maxQueryResponseBytes: '2048',
    maxQueriesPerRequest: 7,
    maxConcurrentQueries: 2,
  };
  expect(readQueryLimits(json, ceiling('demo'))).toEqual({
    maxSeries: 5,
    maxPoints: 3000,
    maxPointsPerSeries: 500,
    maxHistoryMs: 3 * 86_400_000,
    maxResponseBytes: 1024,
    maxResponseBytesSetting: 'maxResponseBytes',
    maxQueryResponseBytes: 2048,
    maxQueryResponseBytesSetting: 'maxQueryResponseBytes',
    maxQueriesPerRequest: 7,
    maxConcurrentQueries: 2,
  });
});

test('readQueryLimits treats null and empty strings as unset', () => {
  expect(readQueryLimits({ maxSeries: null, maxPoints: '', maxHistory: '' }, ceiling('demo'))).toEqual(
    DEFAULT_QUERY_LIMITS
  );
});

test.each([
  ['maxSeries', 0],
  ['maxSeries', -1],
  ['maxSeries', 2.5],
  ['maxPoints', 'lots'],
  ['maxPoints', Infinity],
  ['maxPointsPerSeries', true],
  ['maxResponseBytes', {}],
  ['maxQueryResponseBytes', [1]],
  ['maxQueriesPerRequest', NaN],
  ['maxConcurrentQueries', '1e400'],
])('readQueryLimits refuses %s = %p with a 400 naming the setting and its default', (key, value) => {
  const e = refusal({ [key]: value });
  expect(e.status).toBe(400);
  expect(e.errorSource).toBe('downstream');
  expect(e.message).toMatch(new RegExp(`^the data source setting ${key} must be a whole number`));
  expect(e.message).toMatch(/correct it in the data source settings or remove it for the default \(\d+\)/);
});

test('maxPointsPerSeries may not exceed what the upstream allows', () => {
  expect({ demo: ceiling('demo'), prometheus: ceiling('prometheus'), influxdb: ceiling('influxdb') }).toEqual({
    demo: 10_998,
    prometheus: 10_998,
    influxdb: 100_000,
  });
  expect(readQueryLimits({ maxPointsPerSeries: 10_998 }, ceiling('prometheus')).maxPointsPerSeries).toBe(10_998);
  expect(refusal({ maxPointsPerSeries: 10_999 }, 'prometheus').message).toMatch(
    /maxPointsPerSeries must be a whole number from 1 to 10998, got 10999/
  );
  expect(refusal({ maxPointsPerSeries: 20_000 }, 'demo').message).toMatch(/from 1 to 10998/);
  expect(readQueryLimits({ maxPointsPerSeries: 50_000 }, ceiling('influxdb')).maxPointsPerSeries).toBe(50_000);
  expect(refusal({ maxPointsPerSeries: 100_001 }, 'influxdb').message).toMatch(/from 1 to 100000/);
});

test('maxHistory is a duration from 0s to 8w', () => {
  expect(readQueryLimits({ maxHistory: '0' }, ceiling('demo')).maxHistoryMs).toBe(0);
  expect(readQueryLimits({ maxHistory: '0s' }, ceiling('demo')).maxHistoryMs).toBe(0);
  expect(readQueryLimits({ maxHistory: '1w2d' }, ceiling('demo')).maxHistoryMs).toBe(9 * 86_400_000);
  expect(readQueryLimits({ maxHistory: '8w' }, ceiling('demo')).maxHistoryMs).toBe(8 * 604_800_000);
  for (const bad of ['9w', 'forever', '-1d', 7, true]) {
    expect(refusal({ maxHistory: bad }).message).toMatch(
      /^the data source setting maxHistory must be a duration from 0s to 8w such as "2w" or "3d", got .*default \(8w\)/
    );
  }
});

test('maxQueryResponseBytes stops below the 2 GiB gRPC message bound', () => {
  expect(readQueryLimits({ maxQueryResponseBytes: 2 ** 31 - 1 }, ceiling('demo')).maxQueryResponseBytes).toBe(
    2 ** 31 - 1
  );
  expect(refusal({ maxQueryResponseBytes: 2 ** 31 }).message).toMatch(/from 1 to 2147483647/);
});

test('a GF_RESPONSE_LIMIT below our limits lowers both byte limits and is named as their source', () => {
  const l = readQueryLimits({}, ceiling('prometheus'), { GF_RESPONSE_LIMIT: '1048576' });
  expect(l).toMatchObject({
    maxResponseBytes: MiB,
    maxResponseBytesSetting: 'GF_RESPONSE_LIMIT',
    maxQueryResponseBytes: MiB,
    maxQueryResponseBytesSetting: 'GF_RESPONSE_LIMIT',
  });
});

test('a GF_RESPONSE_LIMIT above our limits, zero or unparsable changes nothing (Grafana: 0 = no limit)', () => {
  for (const v of [String(1024 * MiB), '0', '', 'ten', '-5', '1.5']) {
    expect(readQueryLimits({ maxResponseBytes: 2048 }, ceiling('demo'), { GF_RESPONSE_LIMIT: v })).toMatchObject({
      maxResponseBytes: 2048,
      maxResponseBytesSetting: 'maxResponseBytes',
      maxQueryResponseBytes: 64 * MiB,
      maxQueryResponseBytesSetting: 'maxQueryResponseBytes',
    });
  }
});

test('GF_CONCURRENT_QUERY_COUNT sets the concurrency unless maxConcurrentQueries is set', () => {
  expect(readQueryLimits({}, ceiling('demo'), { GF_CONCURRENT_QUERY_COUNT: '4' }).maxConcurrentQueries).toBe(4);
  expect(
    readQueryLimits({ maxConcurrentQueries: 3 }, ceiling('demo'), { GF_CONCURRENT_QUERY_COUNT: '4' })
  ).toMatchObject({
    maxConcurrentQueries: 3,
  });
  for (const v of ['0', 'x', '-2', '']) {
    expect(readQueryLimits({}, ceiling('demo'), { GF_CONCURRENT_QUERY_COUNT: v }).maxConcurrentQueries).toBe(10);
  }
  expect(readQueryLimits({}, ceiling('demo'), null).maxConcurrentQueries).toBe(10);
});

test('describeSetting and formatBytes read as the messages use them', () => {
  expect(describeSetting('maxQueryResponseBytes')).toBe('the data source setting maxQueryResponseBytes');
  expect(describeSetting('GF_RESPONSE_LIMIT')).toBe(`Grafana's [dataproxy] response_limit (GF_RESPONSE_LIMIT)`);
  expect(formatBytes(64 * MiB)).toBe('64 MiB (67108864 bytes)');
  expect(formatBytes(1536)).toBe('1.5 KiB (1536 bytes)');
  expect(formatBytes(100)).toBe('100 bytes');
});

test('a setting nested too deep to write is refused with a 400 naming it, not a stack overflow', () => {
  let deep: unknown = 1;
  for (let i = 0; i < 100_000; i++) {
    deep = [deep];
  }
  expect(refusal({ maxSeries: deep }).message).toBe(
    'the data source setting maxSeries must be a whole number ≥ 1, got a deeply nested array; correct it in the ' +
      'data source settings or remove it for the default (1000)'
  );
});
