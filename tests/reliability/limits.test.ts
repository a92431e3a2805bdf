/**
 * The limits the backend enforces, each with a clear message naming the limit (and its setting when it has one):
 * points per series (demo upstream and Prometheus' 11,000), series and total points per query (maxSeries,
 * maxPoints), upstream response bytes (maxResponseBytes), resource request body (64 KiB) and gRPC request size
 * (16 MiB, over the built executable). The defaults asserted here are the ones listed in docs/reliability.md.
 * Limits that do not exist yet (query text length, queries per request, training history, response to Grafana)
 * are listed there, not tested.
 */
import { launchPlugin, stopPlugin, type RunningPlugin } from '../conformance/support/launchPlugin';
import { connect, demoPluginContext, demoQuery, type PluginClients } from '../conformance/support/pluginClients';
import { executeQueries } from '../../src/backend/query/executeQueries';
import { routeResource } from '../../src/backend/resources/routeResource';
import { PluginMetrics } from '../../src/backend/server/metrics';
import type { DataQuery, PluginContext } from '../../src/backend/server/protoTypes';
import { MAX_RECEIVE_MESSAGE_BYTES } from '../../src/backend/server/protocol';
import { UpstreamError } from '../../src/backend/upstreams/http/UpstreamError';
import {
  DEFAULT_UPSTREAM_LIMITS,
  DEFAULT_UPSTREAM_TIMEOUT_MS,
} from '../../src/backend/upstreams/http/upstreamHttpSettings';
import { MAX_FETCH_POINTS } from '../../src/backend/pipeline/fetchSeries';
import { MAX_POINTS_PER_SERIES } from '../../src/backend/upstreams/demo/queryDemo';
import { PROMETHEUS_MAX_POINTS } from '../../src/backend/upstreams/prometheus/chooseStep';
import { prometheusSettingsFrom } from '../../src/backend/upstreams/prometheus/prometheusSettings';
import { queryRange } from '../../src/backend/upstreams/prometheus/queryRange';
import { memoryLogger } from '../fuzz/support/fuzzBudget';
import { httpResponse, startRawUpstream, type RawUpstream } from './support/rawUpstream';

const T_END = 1_700_000_000_000;
const DAY = 86_400_000;

it('the documented defaults are the built ones', () => {
  expect({
    demoPointsPerSeries: MAX_POINTS_PER_SERIES,
    pipelinePointsPerSeries: MAX_FETCH_POINTS,
    prometheusPointsPerSeries: PROMETHEUS_MAX_POINTS,
    upstream: DEFAULT_UPSTREAM_LIMITS,
    timeoutMs: DEFAULT_UPSTREAM_TIMEOUT_MS,
    grpcRequestBytes: MAX_RECEIVE_MESSAGE_BYTES,
  }).toEqual({
    demoPointsPerSeries: 11_000,
    pipelinePointsPerSeries: 10_998,
    prometheusPointsPerSeries: 11_000,
    upstream: { maxResponseBytes: 50 * 1024 * 1024, maxSeries: 1000, maxPoints: 2_000_000 },
    timeoutMs: 30_000,
    grpcRequestBytes: 16 * 1024 * 1024,
  });
});

describe('points per series (pipeline, demo upstream, through executeQueries)', () => {
  const ctx = demoPluginContext() as unknown as PluginContext;
  const deps = { logger: memoryLogger(), metrics: new PluginMetrics(0) };

  it.each([
    ['a day at a 1 s interval', DAY, 1000, 100_000],
    ['30 days with maxDataPoints 2^31-1', 30 * DAY, 0, 2 ** 31 - 1],
    ['a year with maxDataPoints 1e9', 365 * DAY, 1000, 1e9],
    // Was bug H1: the grid of ~2e9 steps was built (≈17 GB) before the limit was checked.
    ['the whole JS date range before now with maxDataPoints 2^31-1', T_END + 8.64e15, 0, 2 ** 31 - 1],
  ])('%s is refused at once with the limit named', async (_name, rangeMs, intervalMS, maxDataPoints) => {
    const q = { ...demoQuery('A', 'demo_cpu_utilization', T_END - rangeMs, T_END), intervalMS, maxDataPoints };
    const res = await executeQueries(ctx, [q as unknown as DataQuery], deps);
    expect(res.responses.A).toMatchObject({ status: 400, errorSource: 'downstream', frames: [] });
    expect(res.responses.A.error).toMatch(
      /the query would return \d+ points per series \(limit 10998\); shorten the time range or raise the step/
    );
  });

  it('minStepMs brings the same range under the limit', async () => {
    const q = demoQuery('A', 'demo_cpu_utilization{host="web-1"}', T_END - DAY, T_END, { minStepMs: 60_000 });
    const res = await executeQueries(
      ctx,
      [{ ...q, intervalMS: 1000, maxDataPoints: 100_000 } as unknown as DataQuery],
      deps
    );
    expect(res.responses.A.error).toBeUndefined();
    expect(res.responses.A.frames).toHaveLength(1);
  });
});

describe('Prometheus client limits', () => {
  let fake: RawUpstream;
  beforeAll(async () => {
    fake = await startRawUpstream();
  });
  afterAll(async () => fake.close());

  const matrix = (series: number, points: number, startMs: number) =>
    JSON.stringify({
      status: 'success',
      data: {
        resultType: 'matrix',
        result: Array.from({ length: series }, (_, i) => ({
          metric: { i: String(i) },
          values: Array.from({ length: points }, (_, k) => [(startMs + k * 1000) / 1000, '1']),
        })),
      },
    });
  const run = (jsonData: Record<string, unknown>, fromMs = T_END - 59_000, stepMs = 1000) =>
    queryRange({ expr: 'up', fromMs, toMs: T_END, stepMs }, prometheusSettingsFrom({ url: fake.url, jsonData }));

  async function failure(p: Promise<unknown>): Promise<UpstreamError> {
    const e = await p.then(
      () => undefined,
      (x: unknown) => x
    );
    expect(e).toBeInstanceOf(UpstreamError);
    return e as UpstreamError;
  }

  it('refuses more than 11,000 points per series before sending anything', async () => {
    const before = fake.requests.length;
    const e = await failure(run({}, T_END - DAY, 1000));
    expect(e.message).toMatch(/Prometheus allows at most 11000\. Use a larger step/);
    expect(e.status).toBe(400);
    expect(fake.requests.length).toBe(before);
  });

  it('stops at maxSeries with the setting named', async () => {
    fake.behave((s) => s.end(httpResponse(200, 'application/json', matrix(5, 60, T_END - 59_000))));
    const e = await failure(run({ maxSeries: 3 }));
    expect(e).toMatchObject({ kind: 'limit', status: 422 });
    expect(e.message).toMatch(/5 series, over the limit of 3 \(maxSeries\)/);
  });

  it('stops at maxPoints with the setting named', async () => {
    fake.behave((s) => s.end(httpResponse(200, 'application/json', matrix(2, 60, T_END - 59_000))));
    const e = await failure(run({ maxPoints: 100 }));
    expect(e).toMatchObject({ kind: 'limit', status: 422 });
    expect(e.message).toMatch(/2 series × 60 steps = 120 points, over the limit of 100 \(maxPoints\)/);
  });

  it('refuses a limit setting that is not a positive number', () => {
    for (const bad of [0, -1, 'lots', Infinity]) {
      expect(() => prometheusSettingsFrom({ url: fake.url, jsonData: { maxSeries: bad } })).toThrow(
        /Data source setting maxSeries must be a positive number/
      );
    }
  });
});

it('refuses a resource body over 64 KiB with 413', async () => {
  const res = await routeResource(
    { method: 'POST', path: 'validate', url: '/validate', body: Buffer.alloc(64 * 1024 + 1, 0x20) },
    demoPluginContext() as unknown as PluginContext
  );
  expect(res.code).toBe(413);
  expect((res.body as { error: string }).error).toMatch(/request body too large \(65537 bytes, limit 65536\)/);
});

describe('the built executable', () => {
  let plugin: RunningPlugin;
  let client: PluginClients;
  beforeAll(async () => {
    plugin = await launchPlugin();
    client = connect(plugin.address);
  }, 30_000);
  afterAll(async () => {
    client?.close();
    await stopPlugin(plugin);
  });

  it('refuses a QueryData request over 16 MiB with RESOURCE_EXHAUSTED and keeps answering', async () => {
    const big = demoQuery('A', 'demo_cpu_utilization', T_END - 3_600_000, T_END, { pad: 'x'.repeat(17 * 1024 * 1024) });
    await expect(client.queryData({ pluginContext: demoPluginContext(), queries: [big] })).rejects.toMatchObject({
      code: 8, // RESOURCE_EXHAUSTED
    });
    const res = await client.queryData({
      pluginContext: demoPluginContext(),
      queries: [demoQuery('B', 'demo_cpu_utilization{host="web-1"}', T_END - 3_600_000, T_END)],
    });
    expect(res.responses.B.frames).toHaveLength(1);
    expect(plugin.hasExited()).toBe(false);
  }, 30_000);
});
