/** The request-wide and per-query limits as executeQueries applies them (queryLimits.ts, docs/reliability.md). */
import { createLogger, LogFields } from '../../server/logger';
import { PluginMetrics } from '../../server/metrics';
import type { DataQuery, PluginContext } from '../../server/protoTypes';
import { executeQueries } from '../executeQueries';
import { runAnalysis } from '../runAnalysis';

const FROM = Date.UTC(2026, 0, 5);
const HOUR = 3_600_000;

function deps(lines: Array<{ level: string; message: string; fields?: LogFields }> = []) {
  return {
    logger: createLogger({
      write: (line: string) => {
        const o = JSON.parse(line);
        lines.push({ level: o['@level'], message: o['@message'], fields: o });
      },
    }),
    metrics: new PluginMetrics(),
  };
}

function ctx(jsonData: object, grafanaConfig: Record<string, string> = {}): PluginContext {
  return {
    dataSourceInstanceSettings: {
      uid: 'limits',
      jsonData: Buffer.from(JSON.stringify(jsonData)),
      decryptedSecureJsonData: {},
    },
    grafanaConfig,
  } as unknown as PluginContext;
}

function q(refId: string, expr = 'demo_cpu_utilization{host="web-1"}', rangeMs = HOUR): DataQuery {
  return {
    refId,
    maxDataPoints: 500,
    intervalMS: 0,
    timeRange: { fromEpochMS: FROM, toEpochMS: FROM + rangeMs },
    json: Buffer.from(JSON.stringify({ expr })),
    queryType: '',
  };
}

const frameBytes = (r: { frames?: Uint8Array[] }) => (r.frames ?? []).reduce((n, f) => n + f.byteLength, 0);

test('queries past maxQueriesPerRequest are answered 400 without running; the first ones answer', async () => {
  const ran: string[] = [];
  const run: typeof runAnalysis = async (s, query, w) => {
    ran.push(query.refId);
    return runAnalysis(s, query, w);
  };
  const queries = ['A', 'B', 'C', 'D'].map((r) => q(r));
  const lines: Array<{ level: string; message: string }> = [];
  const res = await executeQueries(ctx({ maxQueriesPerRequest: 2 }), queries, { ...deps(lines), run });
  expect(ran).toEqual(['A', 'B']);
  expect(res.responses.A.status).toBe(200);
  expect(res.responses.B.status).toBe(200);
  for (const refId of ['C', 'D']) {
    expect(res.responses[refId]).toEqual({
      frames: [],
      status: 400,
      errorSource: 'downstream',
      error:
        `query ${refId}: not run: this request holds 4 queries, over the limit of 2 per request (data source ` +
        `setting maxQueriesPerRequest); the first 2 ran. Spread the queries over more panels, or raise ` +
        `maxQueriesPerRequest`,
    });
  }
  expect(lines.some((l) => l.level === 'warn' && /maxQueriesPerRequest/.test(l.message))).toBe(true);
});

test('the default of 100 queries per request holds, and a raised setting lets more run', async () => {
  const queries = Array.from({ length: 101 }, (_, i) => q(`Q${i}`));
  const byDefault = await executeQueries(ctx({}), queries, deps());
  expect(byDefault.responses.Q99.status).toBe(200);
  expect(byDefault.responses.Q100).toMatchObject({ status: 400 });
  expect(byDefault.responses.Q100.error).toMatch(/over the limit of 100 per request/);
  const raised = await executeQueries(ctx({ maxQueriesPerRequest: 101 }), queries, deps());
  expect(raised.responses.Q100.status).toBe(200);
});

describe('concurrency', () => {
  /** Runs that wait a little so that overlapping ones are seen; returns the peak. */
  async function peakWith(context: PluginContext, count: number): Promise<number> {
    let inFlight = 0;
    let peak = 0;
    const run: typeof runAnalysis = async () => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      await new Promise((r) => setTimeout(r, 5));
      inFlight--;
      return [];
    };
    const res = await executeQueries(
      context,
      Array.from({ length: count }, (_, i) => q(`Q${i}`)),
      { ...deps(), run }
    );
    expect(Object.values(res.responses).every((r) => r.status === 200)).toBe(true);
    return peak;
  }

  test('at most 10 queries of a request run at once by default', async () => {
    expect(await peakWith(ctx({}), 30)).toBe(10);
  });

  test('GF_CONCURRENT_QUERY_COUNT from grafanaConfig sets the concurrency', async () => {
    expect(await peakWith(ctx({}, { GF_CONCURRENT_QUERY_COUNT: '3' }), 12)).toBe(3);
  });

  test('upstream fetches share the same cap when one query fetches several series at once', async () => {
    let inFlight = 0;
    let peak = 0;
    const fetchOne = async () => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      await new Promise((r) => setTimeout(r, 5));
      inFlight--;
    };
    // Like a correlations query: target and candidates fetched together, through the request's slots.
    const run: typeof runAnalysis = async (_s, _q, _w, fetchDeps) => {
      const slots = fetchDeps!.upstreamSlots!;
      await Promise.all([1, 2, 3].map(() => slots.run(fetchOne)));
      return [];
    };
    const res = await executeQueries(
      ctx({ maxConcurrentQueries: 4 }),
      Array.from({ length: 6 }, (_, i) => q(`Q${i}`)),
      { ...deps(), run }
    );
    expect(Object.values(res.responses).every((r) => r.status === 200)).toBe(true);
    expect(peak).toBe(4);
  });

  test('maxConcurrentQueries overrides GF_CONCURRENT_QUERY_COUNT', async () => {
    expect(await peakWith(ctx({ maxConcurrentQueries: 1 }, { GF_CONCURRENT_QUERY_COUNT: '3' }), 5)).toBe(1);
  });
});

describe('response size', () => {
  test('queries whose frames do not fit get their own 422 naming the limit; the others answer whole', async () => {
    const small = q('D', 'demo_cpu_utilization{host="web-1"}', HOUR / 10);
    const big = (refId: string) => q(refId, 'demo_cpu_utilization');
    const one = await executeQueries(ctx({}), [big('A'), small], deps());
    const size = frameBytes(one.responses.A);
    const smallSize = frameBytes(one.responses.D);
    expect(smallSize).toBeLessThan(size / 2);
    // Room for two full answers and the small one, not three full ones.
    const lines: Array<{ level: string; message: string; fields?: LogFields }> = [];
    const res = await executeQueries(
      ctx({ maxQueryResponseBytes: 2 * size + smallSize }),
      [big('A'), big('B'), big('C'), small],
      deps(lines)
    );
    expect(frameBytes(res.responses.A)).toBe(size);
    expect(frameBytes(res.responses.B)).toBe(size);
    expect(res.responses.C).toMatchObject({ frames: [], status: 422, errorSource: 'downstream' });
    expect(res.responses.C.error).toMatch(
      new RegExp(
        // Encoding stops once C cannot fit (more than N bytes), or C finished first and was measured whole.
        `^query C: not answered: its frames take (${size}|more than \\d+) bytes after ${2 * size} bytes for A, B ` +
          `earlier in the ` +
          `request, which exceeds the limit of .* on the answer to one request \\(the data source setting ` +
          `maxQueryResponseBytes\\)\\. Narrow this query`
      )
    );
    // A smaller query after the refused one still fits.
    expect(res.responses.D.status).toBe(200);
    expect(frameBytes(res.responses.D)).toBe(smallSize);
    expect(lines.find((l) => l.level === 'warn' && /response size limit/.test(l.message))?.fields).toMatchObject({
      refIds: 'C',
    });
  });

  test('GF_RESPONSE_LIMIT below maxQueryResponseBytes applies and is named', async () => {
    const res = await executeQueries(ctx({}, { GF_RESPONSE_LIMIT: '1000' }), [q('A')], deps());
    expect(res.responses.A.status).toBe(422);
    expect(res.responses.A.error).toMatch(/\(Grafana's \[dataproxy\] response_limit \(GF_RESPONSE_LIMIT\)\)/);
  });
});

test('demo queries obey maxSeries and maxPoints, and raising them lets the same query answer', async () => {
  const all = q('A', 'demo_cpu_utilization');
  const narrow = await executeQueries(ctx({ maxSeries: 2 }), [all], deps());
  expect(narrow.responses.A).toMatchObject({ status: 422, errorSource: 'downstream' });
  expect(narrow.responses.A.error).toMatch(/^query A: the query returns 4 series, over the limit of 2 \(maxSeries\)/);
  const fewPoints = await executeQueries(ctx({ maxPoints: 1000 }), [all], deps());
  expect(fewPoints.responses.A.status).toBe(422);
  expect(fewPoints.responses.A.error).toMatch(
    /4 series × \d+ steps \(history included\) = \d+ points, over the limit of 1000 \(maxPoints\)/
  );
  const raised = await executeQueries(ctx({ maxSeries: 4, maxPoints: 100_000 }), [all], deps());
  expect(raised.responses.A.status).toBe(200);
  expect(raised.responses.A.frames).toHaveLength(4);
});

test('maxPointsPerSeries lowered refuses a range the default allows', async () => {
  const day = q('A', 'demo_cpu_utilization{host="web-1"}', 24 * HOUR);
  const wide = { ...day, maxDataPoints: 2000 };
  expect((await executeQueries(ctx({}), [wide], deps())).responses.A.status).toBe(200);
  const res = await executeQueries(ctx({ maxPointsPerSeries: 1000 }), [wide], deps());
  expect(res.responses.A.status).toBe(400);
  expect(res.responses.A.error).toMatch(
    /points per series \(limit 1000\);.*raise the data source setting maxPointsPerSeries/
  );
});

test('an invalid limit setting fails every query with a 400 naming the setting', async () => {
  const res = await executeQueries(ctx({ maxPoints: 'lots' }), [q('A'), q('B')], deps());
  for (const r of [res.responses.A, res.responses.B]) {
    expect(r).toMatchObject({ status: 400, errorSource: 'downstream' });
    expect(r.error).toMatch(/^the data source setting maxPoints must be a whole number ≥ 1, got "lots"/);
  }
});
