import { tableFromIPC } from 'apache-arrow';
import { createLogger } from '../../server/logger';
import { PluginMetrics } from '../../server/metrics';
import type { DataQuery, PluginContext } from '../../server/protoTypes';
import { serializeQueryDataResponse } from '../../server/serializeQueryDataResponse';
import { executeQueries } from '../executeQueries';
import { runAnalysis } from '../runAnalysis';
import { LensError } from '../../errors/LensError';

const FROM = Date.UTC(2026, 0, 5);
const deps = () => ({ logger: createLogger({ write: () => undefined }), metrics: new PluginMetrics() });

function ctx(jsonData: string): PluginContext {
  return {
    dataSourceInstanceSettings: { jsonData: Buffer.from(jsonData), decryptedSecureJsonData: {} },
  } as unknown as PluginContext;
}

function q(refId: string, json: unknown, extra: Partial<DataQuery> = {}): DataQuery {
  return {
    refId,
    maxDataPoints: 500,
    intervalMS: 0,
    timeRange: { fromEpochMS: FROM, toEpochMS: FROM + 3_600_000 },
    json: Buffer.from(JSON.stringify(json)),
    queryType: '',
    ...extra,
  };
}

test('executeQueries names series with legendFormat and reports the step in executedQueryString', async () => {
  const res = await executeQueries(
    ctx('{}'),
    [q('A', { expr: 'demo_consumer_lag{group="billing"}', legendFormat: 'lag {{group}}' })],
    deps()
  );
  const t = tableFromIPC(res.responses.A.frames![0]);
  expect(JSON.parse(t.schema.fields[1].metadata.get('config')!)).toEqual({
    unit: 's',
    displayNameFromDS: 'lag billing',
  });
  expect(JSON.parse(t.schema.metadata.get('meta')!).executedQueryString).toBe(
    'demo_consumer_lag{group="billing"} (step 8s)'
  );
  expect(t.numRows).toBe(451);
});

test('executeQueries names series by their labels for the auto legend, raw and analysis fields alike', async () => {
  const res = await executeQueries(
    ctx('{}'),
    [
      q('A', { expr: 'demo_consumer_lag{group="billing"}', legendFormat: '__auto' }),
      q('B', {
        schemaVersion: 2,
        expr: 'demo_consumer_lag{group="billing"}',
        legendFormat: '__auto',
        outputs: ['raw', 'band'],
      }),
    ],
    deps()
  );
  const names = (refId: string) =>
    res.responses[refId].frames!.flatMap((f) =>
      tableFromIPC(f)
        .schema.fields.map((field) => field.metadata.get('config'))
        .filter((c): c is string => c !== undefined)
        .map((c) => JSON.parse(c).displayNameFromDS as string | undefined)
        .filter((n) => n !== undefined)
    );
  expect(names('A')).toEqual(['billing']);
  expect(names('B')).toEqual(expect.arrayContaining(['billing', 'billing expected']));
});

test('executeQueries fails every refId with 400 when the data source settings are broken, still answering each', async () => {
  const res = await executeQueries(ctx('{oops'), [q('A', { expr: 'm' }), q('B', { expr: 'm' })], deps());
  expect(Object.keys(res.responses)).toEqual(['A', 'B']);
  expect(res.responses.B).toMatchObject({ status: 400, errorSource: 'downstream' });
});

test('executeQueries answers a too-long range per refId without touching the others', async () => {
  const res = await executeQueries(
    ctx('{"upstream":"demo"}'),
    [
      q(
        'A',
        { expr: 'demo_cpu_utilization', minStepMs: 1000 },
        { maxDataPoints: 1_000_000, timeRange: { fromEpochMS: FROM, toEpochMS: FROM + 86_400_000 } }
      ),
      q('B', { expr: 'demo_cpu_utilization' }),
    ],
    deps()
  );
  expect(res.responses.A.status).toBe(400);
  expect(res.responses.A.error).toMatch(/points per series/);
  expect(res.responses.B.status).toBe(200);
  expect(res.responses.B.frames).toHaveLength(4);
});

test('executeQueries returns one typed empty frame when no series matches', async () => {
  const res = await executeQueries(ctx(''), [q('A', { expr: 'demo_cpu_utilization{host="none"}' })], deps());
  expect(res.responses.A.status).toBe(200);
  expect(res.responses.A.frames).toHaveLength(1);
  expect(tableFromIPC(res.responses.A.frames![0]).schema.fields).toHaveLength(0);
});

test('executeQueries reports a LensError with its own status and errorSource (like an upstream client error)', async () => {
  const run: typeof runAnalysis = async (settings, query, window) => {
    if (query.refId === 'A') {
      throw new LensError('upstream answered 503', { kind: 'http', status: 503 });
    }
    return runAnalysis(settings, query, window);
  };
  const res = await executeQueries(ctx('{}'), [q('A', { expr: 'm' }), q('B', { expr: 'demo_cpu_utilization' })], {
    ...deps(),
    run,
  });
  expect(res.responses.A).toMatchObject({ status: 503, errorSource: 'downstream', error: 'upstream answered 503' });
  expect(res.responses.B.status).toBe(200);
});

test('executeQueries reports an unexpected exception as 500 plugin with the refId', async () => {
  const run: typeof runAnalysis = async () => {
    throw new TypeError('x is undefined');
  };
  const res = await executeQueries(ctx('{}'), [q('A', { expr: 'm' })], { ...deps(), run });
  expect(res.responses.A).toMatchObject({
    status: 500,
    errorSource: 'plugin',
    error: 'query A: internal error: x is undefined',
  });
});

test('executeQueries stops a cancelled request: the query waiting on the upstream and the ones not started answer 499', async () => {
  const { startFakeUpstream } = await import('../../../../tests/integration/helpers/fakeUpstream');
  const fake = await startFakeUpstream();
  fake.handle(() => undefined); // never answers
  try {
    const controller = new AbortController();
    const prom = ctx(`{"upstream":"prometheus","maxConcurrentQueries":1}`);
    prom.dataSourceInstanceSettings!.url = fake.url;
    const started = Date.now();
    const pending = executeQueries(prom, [q('A', { expr: 'up' }), q('B', { expr: 'up' })], deps(), {
      signal: controller.signal,
    });
    setTimeout(() => controller.abort(), 100);
    const res = await pending;
    expect(Date.now() - started).toBeLessThan(5_000); // the data source timeout is 30 s
    expect(res.responses.A).toMatchObject({ status: 499, errorSource: 'downstream' });
    expect(res.responses.A.error).toMatch(/was cancelled/);
    expect(res.responses.B).toMatchObject({ status: 499, error: 'query B: not run: the request was cancelled' });
    expect(fake.requests).toHaveLength(1);
  } finally {
    await fake.close();
  }
});

test('executeQueries answers the same frames when an earlier answer, once encoded for gRPC, gave its blocks back', async () => {
  // A band + flag query of two series on the demo upstream; its visible copies and frames are cut from the arena.
  const band = (refId: string, from: number) =>
    q(
      refId,
      { expr: 'demo_cpu_utilization', schemaVersion: 2, outputs: ['raw', 'band', 'flag'] },
      { timeRange: { fromEpochMS: from, toEpochMS: from + 3_600_000 } }
    );
  const fresh = await executeQueries(ctx('{}'), [band('A', FROM + 60_000)], deps());
  const expected = fresh.responses.A.frames!.map((f) => Buffer.from(f));
  expect(expected.length).toBeGreaterThan(2);
  // Another answer, encoded: its chunks go back to the pool (zeroed), the next query cuts from them.
  const first = await executeQueries(ctx('{}'), [band('A', FROM)], deps());
  const firstChunks = new Set(first.responses.A.frames!.map((f) => f.buffer));
  serializeQueryDataResponse(first);
  expect(first.responses.A.frames!.every((f) => f.every((x) => x === 0))).toBe(true);
  const again = await executeQueries(ctx('{}'), [band('A', FROM + 60_000)], deps());
  const frames = again.responses.A.frames!;
  expect(frames.some((f) => firstChunks.has(f.buffer))).toBe(true);
  expect(frames.map((f) => Buffer.from(f))).toEqual(expected);
});
