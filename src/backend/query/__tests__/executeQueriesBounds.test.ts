/**
 * The bounds executeQueries itself keeps: error text per query and per answer, the time range frames can hold,
 * the empty refId, and frames encoded only while they can still fit the answer.
 */
import type { Frame } from '../../frames/frame';
import { createLogger } from '../../server/logger';
import { PluginMetrics } from '../../server/metrics';
import type { DataQuery, PluginContext } from '../../server/protoTypes';
import { MAX_ERROR_CHARS, MAX_LATE_ERROR_CHARS, MAX_REPLY_ERROR_CHARS } from '../../errors/cutText';
import { executeQueries } from '../executeQueries';
import { frameBytes } from '../responseBudget';
import type { runAnalysis } from '../runAnalysis';
import { LensError } from '../../errors/LensError';

const FROM = Date.UTC(2026, 0, 5);
const deps = (run?: typeof runAnalysis) => ({
  logger: createLogger({ write: () => undefined }),
  metrics: new PluginMetrics(),
  run,
});

function ctx(jsonData: Record<string, unknown> = {}): PluginContext {
  return {
    dataSourceInstanceSettings: { jsonData: Buffer.from(JSON.stringify(jsonData)), decryptedSecureJsonData: {} },
  } as unknown as PluginContext;
}

function q(refId: string, extra: Partial<DataQuery> = {}): DataQuery {
  return {
    refId,
    maxDataPoints: 500,
    intervalMS: 0,
    timeRange: { fromEpochMS: FROM, toEpochMS: FROM + 3_600_000 },
    json: Buffer.from(JSON.stringify({ expr: 'demo_cpu_utilization{host="web-1"}' })),
    queryType: '',
    ...extra,
  };
}

const upstreamFailure = (message: string) => LensError.upstream(message);

describe('executeQueries bounds', () => {
  it('cuts each error to MAX_ERROR_CHARS: 100 queries failing with a 10 MB upstream error answer well under 1 MB', async () => {
    const huge = `Prometheus error (bad_data): ${'e'.repeat(10 * 1024 * 1024)}`;
    const run: typeof runAnalysis = async () => {
      throw upstreamFailure(huge);
    };
    const queries = Array.from({ length: 100 }, (_, i) => q(`Q${i}`));
    const res = await executeQueries(ctx(), queries, deps(run));
    const errors = Object.values(res.responses).map((r) => r.error ?? '');
    expect(errors).toHaveLength(100);
    for (const e of errors) {
      expect(e.startsWith('Prometheus error (bad_data): eee')).toBe(true);
      expect(e.length).toBeLessThanOrEqual(MAX_ERROR_CHARS + 40);
      expect(e).toMatch(/… \(\d+ more characters\)$/);
    }
    expect(errors.join('').length).toBeLessThan(MAX_REPLY_ERROR_CHARS);
  });

  it('cuts further errors to MAX_LATE_ERROR_CHARS once the answer holds MAX_REPLY_ERROR_CHARS of error text', async () => {
    const run: typeof runAnalysis = async () => {
      throw upstreamFailure('x'.repeat(10_000));
    };
    const count = 400;
    const queries = Array.from({ length: count }, (_, i) => q(`Q${i}`));
    const res = await executeQueries(ctx({ maxQueriesPerRequest: count }), queries, deps(run));
    const lengths = Object.values(res.responses).map((r) => r.error!.length);
    const total = lengths.reduce((a, b) => a + b, 0);
    expect(total).toBeLessThan(MAX_REPLY_ERROR_CHARS + MAX_ERROR_CHARS + count * (MAX_LATE_ERROR_CHARS + 40));
    expect(Math.max(...lengths.slice(-10))).toBeLessThanOrEqual(MAX_LATE_ERROR_CHARS + 40);
  });

  it('answers an empty refId under "", not under another query\'s name', async () => {
    const res = await executeQueries(ctx(), [q(''), q('A')], deps());
    expect(Object.keys(res.responses).sort()).toEqual(['', 'A']);
    expect(res.responses[''].status).toBe(200);
    expect(res.responses[''].frames).toHaveLength(1);
  });

  it.each([
    ['ends past 2262', FROM, 1e13],
    ['starts before 1677', -1e13, FROM],
    ['starts at -8.64e15', -8.64e15, FROM],
  ])('refuses a time range that %s before fetching, naming the range frames hold', async (_n, from, to) => {
    let ran = false;
    const run: typeof runAnalysis = async () => {
      ran = true;
      return [];
    };
    const res = await executeQueries(ctx(), [q('A', { timeRange: { fromEpochMS: from, toEpochMS: to } })], deps(run));
    expect(ran).toBe(false);
    expect(res.responses.A).toMatchObject({ status: 400, errorSource: 'downstream', frames: [] });
    expect(res.responses.A.error).toMatch(
      /^query A: the time range (starts|ends) at -?\d+(\.\d+)?(e\+\d+)? ms, outside the time range a frame can hold \(1677-09-21T00:12:43\.146Z to 2262-04-11T23:47:16\.854Z, nanosecond timestamps\); choose a time range within it$/
    );
  });

  it('refuses a time a frame cannot hold that the pipeline made (history, step) as a 400, not wrapped', async () => {
    const run: typeof runAnalysis = async () => [{ fields: [{ name: 'Time', type: 'time', values: [1e13] }] } as Frame];
    const res = await executeQueries(ctx(), [q('A')], deps(run));
    expect(res.responses.A.status).toBe(400);
    expect(res.responses.A.error).toMatch(/^query A: time field "Time" row 0: the time 10000000000000 ms lies outside/);
  });

  it('stops encoding a query whose frames pass the answer limit and answers it 422, keeping the others', async () => {
    const rows = 2000;
    const frame = (i: number): Frame => ({
      name: `f${i}`,
      fields: [
        { name: 'Time', type: 'time', values: Float64Array.from({ length: rows }, (_, k) => FROM + k * 1000) },
        { name: 'v', type: 'number', values: new Float64Array(rows).fill(i) },
      ],
    });
    let framesAsked = 0;
    const run: typeof runAnalysis = async (_s, query) => {
      if (query.refId === 'small') {
        return [frame(0)];
      }
      // Frames handed over lazily, so the test sees how many were encoded before the limit stopped it.
      return new Proxy(
        Array.from({ length: 1000 }, (_, i) => i),
        {
          get(target, key) {
            if (typeof key === 'string' && /^\d+$/.test(key)) {
              framesAsked++;
              return frame(Number(key));
            }
            return Reflect.get(target, key);
          },
        }
      ) as unknown as Frame[];
    };
    const limit = 200_000;
    const res = await executeQueries(ctx({ maxQueryResponseBytes: limit }), [q('small'), q('big')], deps(run));
    expect(res.responses.small.status).toBe(200);
    expect(res.responses.big).toMatchObject({ status: 422, errorSource: 'downstream', frames: [] });
    expect(res.responses.big.error).toMatch(
      /^query big: not answered: its frames take more than \d+ bytes after \d+ bytes for small earlier in the request, which exceeds the limit of 195\.3 KiB \(200000 bytes\)/
    );
    // Each frame is ~32 KB: a handful were encoded, not the 1,000 the query built.
    expect(framesAsked).toBeLessThan(20);
    expect(frameBytes(res.responses.small)).toBeGreaterThan(0);
  });
});
