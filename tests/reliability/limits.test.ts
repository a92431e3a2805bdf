/**
 * The limits the backend enforces, each with a clear message naming the limit and the setting that changes it,
 * and each shown configurable (a lowered or raised setting changes the outcome): points per series
 * (maxPointsPerSeries, and Prometheus' own 11,000), training history (maxHistory), series and points per query
 * (maxSeries, maxPoints) on every upstream, upstream response bytes (maxResponseBytes, GF_RESPONSE_LIMIT), queries
 * per request (maxQueriesPerRequest), queries in flight (maxConcurrentQueries, GF_CONCURRENT_QUERY_COUNT), the
 * answer to Grafana (maxQueryResponseBytes, GF_RESPONSE_LIMIT), resource request body (64 KiB) and gRPC request
 * size (16 MiB). The request-wide ones run through the built executable. The defaults asserted here are the ones
 * listed in docs/reliability.md.
 */
import { launchPlugin, stopPlugin, type RunningPlugin } from '../conformance/support/launchPlugin';
import { connect, demoPluginContext, demoQuery, type PluginClients } from '../conformance/support/pluginClients';
import { executeQueries } from '../../src/backend/query/executeQueries';
import { routeResource } from '../../src/backend/resources/routeResource';
import { PluginMetrics } from '../../src/backend/server/metrics';
import type { DataQuery, PluginContext } from '../../src/backend/server/protoTypes';
import { MAX_RECEIVE_MESSAGE_BYTES } from '../../src/backend/server/protocol';
import { LensError } from '../../src/backend/errors/LensError';
import {
  DEFAULT_UPSTREAM_LIMITS,
  DEFAULT_UPSTREAM_TIMEOUT_MS,
} from '../../src/backend/upstreams/http/upstreamHttpSettings';
import { MAX_FETCH_POINTS } from '../../src/backend/pipeline/fetchSeries';
import { DEFAULT_QUERY_LIMITS } from '../../src/backend/settings/queryLimits';
import { decodeFrame } from '../conformance/support/decodeFrame';
import { MAX_POINTS_PER_SERIES } from '../../src/backend/upstreams/demo/queryDemo';
import { PROMETHEUS_MAX_POINTS } from '../../src/backend/upstreams/prometheus/chooseStep';
import { prometheusSettingsFrom } from '../../src/backend/upstreams/prometheus/prometheusSettings';
import { queryRange } from '../../src/backend/upstreams/prometheus/queryRange';
import { memoryLogger } from '../fuzz/support/fuzzBudget';
import { lensContext } from './support/lensContexts';
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
    query: DEFAULT_QUERY_LIMITS,
  }).toEqual({
    demoPointsPerSeries: 11_000,
    pipelinePointsPerSeries: 10_998,
    prometheusPointsPerSeries: 11_000,
    upstream: { maxResponseBytes: 50 * 1024 * 1024, maxSeries: 1000, maxPoints: 2_000_000 },
    timeoutMs: 30_000,
    grpcRequestBytes: 16 * 1024 * 1024,
    query: {
      maxSeries: 1000,
      maxPoints: 2_000_000,
      maxPointsPerSeries: 10_998,
      maxHistoryMs: 8 * 7 * DAY,
      maxResponseBytes: 50 * 1024 * 1024,
      maxResponseBytesSetting: 'maxResponseBytes',
      maxQueryResponseBytes: 64 * 1024 * 1024,
      maxQueryResponseBytesSetting: 'maxQueryResponseBytes',
      maxQueriesPerRequest: 100,
      maxConcurrentQueries: 10,
    },
  });
});

describe('points per series (pipeline, demo upstream, through executeQueries)', () => {
  const ctx = demoPluginContext() as unknown as PluginContext;
  const deps = { logger: memoryLogger(), metrics: new PluginMetrics(0) };

  it.each([
    ['a day at a 1 s interval', DAY, 1000, 100_000],
    ['30 days with maxDataPoints 2^31-1', 30 * DAY, 0, 2 ** 31 - 1],
    ['a year with maxDataPoints 1e9', 365 * DAY, 1000, 1e9],
    ['two centuries with maxDataPoints 2^31-1', 200 * 365 * DAY, 0, 2 ** 31 - 1],
  ])('%s is refused at once with the limit named', async (_name, rangeMs, intervalMS, maxDataPoints) => {
    const q = { ...demoQuery('A', 'demo_cpu_utilization', T_END - rangeMs, T_END), intervalMS, maxDataPoints };
    const res = await executeQueries(ctx, [q as unknown as DataQuery], deps);
    expect(res.responses.A).toMatchObject({ status: 400, errorSource: 'downstream', frames: [] });
    expect(res.responses.A.error).toMatch(
      /the query would return \d+ points per series \(limit 10998\); shorten the time range or raise the step/
    );
  });

  // Was bug H1: the grid of ~2e9 steps was built (≈17 GB) before the limit was checked. The range now stops
  // even earlier, at the times a frame can hold.
  it('the whole JS date range before now is refused at once, naming the times a frame can hold', async () => {
    const q = { ...demoQuery('A', 'demo_cpu_utilization', -8.64e15, T_END), intervalMS: 0, maxDataPoints: 2 ** 31 - 1 };
    const res = await executeQueries(ctx, [q as unknown as DataQuery], deps);
    expect(res.responses.A).toMatchObject({ status: 400, errorSource: 'downstream', frames: [] });
    expect(res.responses.A.error).toMatch(/^query A: the time range starts at -8640000000000000 ms, outside the time/);
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

  async function failure(p: Promise<unknown>): Promise<LensError> {
    const e = await p.then(
      () => undefined,
      (x: unknown) => x
    );
    expect(e).toBeInstanceOf(LensError);
    return e as LensError;
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

  const HOUR = 3_600_000;
  /** A context whose jsonData is the base one's plus `jsonData`, with `grafanaConfig` as Grafana would send it. */
  function withSettings(base: object, jsonData: object = {}, grafanaConfig: Record<string, string> = {}): object {
    const b = base as { dataSourceInstanceSettings: { jsonData: Buffer } };
    const current = JSON.parse(Buffer.from(b.dataSourceInstanceSettings.jsonData).toString('utf8'));
    return {
      ...b,
      grafanaConfig,
      dataSourceInstanceSettings: {
        ...b.dataSourceInstanceSettings,
        jsonData: Buffer.from(JSON.stringify({ ...current, ...jsonData })),
      },
    };
  }
  const demo = (jsonData: object = {}, grafanaConfig: Record<string, string> = {}) =>
    withSettings(demoPluginContext(), jsonData, grafanaConfig);
  const ask = (pluginContext: object, queries: object[]) => client.queryData({ pluginContext, queries });
  const bytesOf = (r: { frames: Buffer[] }) => r.frames.reduce((n, f) => n + f.length, 0);
  /** One hour; the demo step rule picks 4 s: 901 points per series. */
  const hour = (refId: string, expr: string, extra: object = {}) => demoQuery(refId, expr, T_END - HOUR, T_END, extra);

  it('maxSeries and maxPoints hold for the demo upstream (422 naming them); raised, the same query answers', async () => {
    const q = hour('A', 'demo_cpu_utilization');
    const series = await ask(demo({ maxSeries: 2 }), [q]);
    expect(series.responses.A).toMatchObject({ status: 422, errorSource: 'downstream', frames: [] });
    expect(series.responses.A.error).toMatch(
      /^query A: the query returns 4 series, over the limit of 2 \(maxSeries\); add label matchers .* or raise the data source setting maxSeries$/
    );
    const points = await ask(demo({ maxPoints: 3600 }), [q]);
    expect(points.responses.A.status).toBe(422);
    expect(points.responses.A.error).toMatch(
      /^query A: the query would return 4 series × 901 steps \(history included\) = 3604 points, over the limit of 3600 \(maxPoints\); use a larger step/
    );
    const raised = await ask(demo({ maxSeries: 4, maxPoints: 3604 }), [q]);
    expect(raised.responses.A.status).toBe(200);
    expect(raised.responses.A.frames).toHaveLength(4);
  }, 30_000);

  it('maxPointsPerSeries lowered refuses what the default answers; above the upstream bound it is a settings error', async () => {
    const q = hour('A', 'demo_cpu_utilization{host="web-1"}');
    expect((await ask(demo(), [q])).responses.A.status).toBe(200);
    const lowered = await ask(demo({ maxPointsPerSeries: 900 }), [q]);
    expect(lowered.responses.A).toMatchObject({ status: 400, errorSource: 'downstream' });
    expect(lowered.responses.A.error).toBe(
      'query A: the query would return 901 points per series (limit 900); shorten the time range or raise the ' +
        'step (minStepMs / Min interval), or raise the data source setting maxPointsPerSeries'
    );
    const tooHigh = await ask(demo({ maxPointsPerSeries: 20_000 }), [q]);
    expect(tooHigh.responses.A.status).toBe(400);
    expect(tooHigh.responses.A.error).toMatch(
      /^the data source setting maxPointsPerSeries must be a whole number from 1 to 10998, got 20000/
    );
  }, 30_000);

  it('maxHistory shortens the training history with a notice naming it; the default fetches what was asked', async () => {
    const q = hour('A', 'demo_cpu_utilization{host="web-1"}', {
      schemaVersion: 2,
      minStepMs: 60_000,
      outputs: ['raw', 'band'],
      method: 'moving',
      history: '2d',
    });
    const meta = (r: { frames: Buffer[] }) =>
      decodeFrame(r.frames[0]).meta as { executedQueryString: string; notices?: Array<{ text: string }> };
    const full = await ask(demo(), [q]);
    expect(full.responses.A.status).toBe(200);
    expect(meta(full.responses.A).executedQueryString).toMatch(/\(step 60s, history 2d\)$/);
    expect(meta(full.responses.A).notices ?? []).toEqual([]);
    const capped = await ask(demo({ maxHistory: '1d' }), [q]);
    expect(capped.responses.A.status).toBe(200);
    expect(meta(capped.responses.A).executedQueryString).toMatch(/\(step 60s, history 1d\)$/);
    expect(meta(capped.responses.A).notices?.map((n) => n.text)).toEqual([
      'Training history shortened from 2d to 1d: the data source setting maxHistory allows at most 1d. ' +
        'Ask for a shorter history, or raise maxHistory (up to 8w).',
    ]);
  }, 30_000);

  it('queries past maxQueriesPerRequest (default 100) answer 400 each; the setting moves the cut', async () => {
    const many = Array.from({ length: 101 }, (_, i) => hour(`Q${i}`, 'demo_cpu_utilization{host="web-1"}'));
    const byDefault = await ask(demo(), many);
    expect(Object.keys(byDefault.responses)).toHaveLength(101);
    expect(byDefault.responses.Q99.status).toBe(200);
    expect(byDefault.responses.Q100).toMatchObject({ status: 400, errorSource: 'downstream', frames: [] });
    expect(byDefault.responses.Q100.error).toBe(
      'query Q100: not run: this request holds 101 queries, over the limit of 100 per request (data source ' +
        'setting maxQueriesPerRequest); the first 100 ran. Spread the queries over more panels, or raise ' +
        'maxQueriesPerRequest'
    );
    const three = ['A', 'B', 'C'].map((r) => hour(r, 'demo_cpu_utilization{host="web-1"}'));
    const lowered = await ask(demo({ maxQueriesPerRequest: 2 }), three);
    expect([lowered.responses.A.status, lowered.responses.B.status, lowered.responses.C.status]).toEqual([
      200, 200, 400,
    ]);
    expect(lowered.responses.C.error).toMatch(/over the limit of 2 per request/);
    const raised = await ask(demo({ maxQueriesPerRequest: 101 }), many);
    expect(raised.responses.Q100.status).toBe(200);
  }, 60_000);

  it('an answer over maxQueryResponseBytes refuses the queries that do not fit, each by refId, never a cut frame', async () => {
    const big = (refId: string) => hour(refId, 'demo_cpu_utilization');
    const one = await ask(demo(), [big('A')]);
    const size = bytesOf(one.responses.A);
    const limit = Math.floor(2.5 * size);
    const res = await ask(demo({ maxQueryResponseBytes: limit }), [big('A'), big('B'), big('C')]);
    for (const refId of ['A', 'B']) {
      expect(res.responses[refId].status).toBe(200);
      expect(bytesOf(res.responses[refId])).toBe(size);
      expect(res.responses[refId].frames.map((f) => decodeFrame(f).rows)).toEqual([901, 901, 901, 901]);
    }
    expect(res.responses.C).toMatchObject({ status: 422, errorSource: 'downstream', frames: [] });
    // C stops encoding as soon as it cannot fit; when A and B were admitted first, it says "more than" the bytes so
    // far (at least what was left), else its whole size.
    const cError = res.responses.C.error;
    const soFar = /its frames take more than (\d+) bytes/.exec(cError);
    if (soFar) {
      expect(Number(soFar[1])).toBeGreaterThan(limit - 2 * size);
    }
    expect(cError.replace(/its frames take more than \d+ bytes/, `its frames take ${size} bytes`)).toBe(
      `query C: not answered: its frames take ${size} bytes after ${2 * size} bytes for A, B earlier in the ` +
        `request, which exceeds the limit of ${(limit / 1024).toFixed(1)} KiB (${limit} bytes) on the answer to ` +
        `one request (the data source setting maxQueryResponseBytes). Narrow this query (fewer series, a shorter ` +
        `time range or a larger Min interval), move it to another panel, or raise maxQueryResponseBytes in the ` +
        `data source settings.`
    );
    const raised = await ask(demo({ maxQueryResponseBytes: 3 * size }), [big('A'), big('B'), big('C')]);
    expect(['A', 'B', 'C'].map((r) => raised.responses[r].status)).toEqual([200, 200, 200]);
    // Grafana's response_limit, forwarded in grafanaConfig, lowers it further and is named.
    const grafana = await ask(demo({}, { GF_RESPONSE_LIMIT: String(Math.floor(1.5 * size)) }), [big('A'), big('B')]);
    expect(grafana.responses.A.status).toBe(200);
    expect(grafana.responses.B.status).toBe(422);
    expect(grafana.responses.B.error).toMatch(
      /\(Grafana's \[dataproxy\] response_limit \(GF_RESPONSE_LIMIT\)\)\..*or raise Grafana's response_limit\.$/
    );
  }, 30_000);

  it('an invalid limit setting answers 400 per refId naming the setting, and the process keeps answering', async () => {
    const res = await ask(demo({ maxHistory: 'forever' }), [hour('A', 'demo_cpu_utilization'), hour('B', 'x')]);
    for (const r of [res.responses.A, res.responses.B]) {
      expect(r).toMatchObject({ status: 400, errorSource: 'downstream', frames: [] });
      expect(r.error).toMatch(/^the data source setting maxHistory must be a duration from 0s to 8w .*got "forever"/);
    }
    expect((await ask(demo(), [hour('A', 'demo_cpu_utilization')])).responses.A.status).toBe(200);
    expect(plugin.hasExited()).toBe(false);
  }, 30_000);

  describe('against a Prometheus upstream', () => {
    let fake: RawUpstream;
    let inFlight = 0;
    let peak = 0;
    beforeAll(async () => {
      fake = await startRawUpstream();
    });
    afterAll(async () => fake.close());
    beforeEach(() => {
      inFlight = 0;
      peak = 0;
      // Every answer is held 400 ms (ample on a loaded machine), so the requests of one QueryData overlap as far
      // as the plugin lets them.
      fake.behave((socket) => {
        inFlight++;
        peak = Math.max(peak, inFlight);
        setTimeout(() => {
          inFlight--;
          socket.end(httpResponse(200, 'application/json', emptyMatrix(1)));
        }, 400);
      });
    });
    /** A valid query_range answer of `n` series without samples (no grid to match). */
    const emptyMatrix = (n: number) =>
      JSON.stringify({
        status: 'success',
        data: {
          resultType: 'matrix',
          result: Array.from({ length: n }, (_, i) => ({ metric: { i: String(i) }, values: [] })),
        },
      });
    const prom = (jsonData: object = {}, grafanaConfig: Record<string, string> = {}) =>
      withSettings(lensContext('prometheus', fake.url), jsonData, grafanaConfig);
    /** Distinct expressions, so no answer comes from the plugin's upstream cache. */
    const queries = (tag: string, n: number) =>
      Array.from({ length: n }, (_, i) => hour(`Q${i}`, `up{run="${tag}",i="${i}"}`));

    it('at most 10 upstream requests of one QueryData run at once by default', async () => {
      const res = await ask(prom(), queries('default', 14));
      expect(Object.values(res.responses).map((r) => r.error)).toEqual(Array(14).fill(''));
      expect(peak).toBe(10);
    }, 30_000);

    it('GF_CONCURRENT_QUERY_COUNT from grafanaConfig caps them, and maxConcurrentQueries overrides it', async () => {
      const grafana = await ask(prom({}, { GF_CONCURRENT_QUERY_COUNT: '2' }), queries('gf', 6));
      expect(Object.values(grafana.responses).every((r) => r.status === 200)).toBe(true);
      expect(peak).toBe(2);
      peak = 0;
      const own = await ask(prom({ maxConcurrentQueries: 4 }, { GF_CONCURRENT_QUERY_COUNT: '2' }), queries('own', 8));
      expect(Object.values(own.responses).every((r) => r.status === 200)).toBe(true);
      expect(peak).toBe(4);
    }, 30_000);

    it('GF_RESPONSE_LIMIT below maxResponseBytes stops the upstream body and is named', async () => {
      const body = emptyMatrix(100);
      expect(body.length).toBeGreaterThan(2048);
      fake.behave((socket) => socket.end(httpResponse(200, 'application/json', body)));
      const limited = await ask(prom({}, { GF_RESPONSE_LIMIT: '1024' }), queries('body', 1));
      expect(limited.responses.Q0).toMatchObject({ status: 502, errorSource: 'downstream' });
      expect(limited.responses.Q0.error).toMatch(/is larger than the 1024 byte limit \(GF_RESPONSE_LIMIT\)/);
      const open = await ask(prom(), queries('body-open', 1));
      expect(open.responses.Q0.status).toBe(200);
    }, 30_000);
  });
});
