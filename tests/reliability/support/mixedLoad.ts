/**
 * The mixed load of the memory checks (tests/reliability/memoryReturns.test.ts and the mixed soak of
 * benchmarks/soak.bench.ts): good demo queries, big Prometheus answers, upstream faults and oversized answers,
 * each request checked for an answer per refId with the status its kind must give. Fake upstreams on loopback
 * (support/rawUpstream.ts); the big answers stay within the default limits (series, points, upstream bytes), with
 * `maxQueryResponseBytes` raised so that the whole answer is sent. Our own test helper.
 */
import { readFileSync } from 'node:fs';

import { demoPluginContext, demoQuery, type PluginClients } from '../../conformance/support/pluginClients';
import { lensContext } from './lensContexts';
import { httpResponse, promMatrix, promSeriesMatrix, startRawUpstream, type RawUpstream } from './rawUpstream';

/** A fixed window whose end is a multiple of the 1 min step, so the fake's samples sit on the requested grid. */
const T_END = 1_699_999_980_000;
const STEP_MS = 60_000;

export const LOAD_KINDS = ['good', 'big', 'fault', 'oversizedUpstream', 'oversizedReply'] as const;
export type LoadKind = (typeof LOAD_KINDS)[number];

/** The soak's round: one request in nine is big; the faults and good queries are cheap. */
export const LOAD_MIX: readonly LoadKind[] = [
  'good',
  'fault',
  'big',
  'good',
  'oversizedUpstream',
  'good',
  'fault',
  'oversizedReply',
  'good',
];

export interface MixedLoadOptions {
  /** Series and points of each big Prometheus answer (default 300 × 1,000: 9.4 MB of JSON, ~5 MiB of frames). */
  bigSeries?: number;
  bigPoints?: number;
  /** Queries of one big request (default 10, so ~50 MiB per answer). */
  bigQueries?: number;
}

export interface LoadTally {
  requests: number;
  /** refIds sent. */
  refIds: number;
  /** refIds answered with the status their kind must give. */
  correct: number;
  /** refIds without an answer, or whose request failed at the gRPC level. */
  lost: number;
  /** Descriptions of the first wrong or lost answers. */
  problems: string[];
  /** Bytes of frames received. */
  frameBytes: number;
  byKind: Record<LoadKind, number>;
}

export interface MixedLoad {
  /** Sends one request of `kind` and checks its answer into `tally`. */
  run(kind: LoadKind, tally: LoadTally): Promise<void>;
  close(): Promise<void>;
}

export function emptyTally(): LoadTally {
  return {
    requests: 0,
    refIds: 0,
    correct: 0,
    lost: 0,
    problems: [],
    frameBytes: 0,
    byKind: { good: 0, big: 0, fault: 0, oversizedUpstream: 0, oversizedReply: 0 },
  };
}

/** Resident set size of a process, MiB, from /proc. */
export function rssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN) / 1024;
}

type Expect = (status: number, error: string, frames: number, refIndex?: number) => boolean;

const FAULTS: Array<Parameters<RawUpstream['behave']>[0]> = [
  (s) => s.write('HTTP/1.1 200 OK\r\nContent-Length: 999\r\n\r\n{"sta', () => s.resetAndDestroy()),
  (s) => s.end(httpResponse(502, undefined, '')),
  (s) => s.end(httpResponse(200, 'text/html', '<html>login</html>')),
  (s) => s.end(httpResponse(200, 'application/json', promMatrix(T_END, 60).slice(0, 50))),
];

export async function startMixedLoad(client: PluginClients, options: MixedLoadOptions = {}): Promise<MixedLoad> {
  const series = options.bigSeries ?? 300;
  const points = options.bigPoints ?? 1000;
  const bigQueries = options.bigQueries ?? 10;
  const fromMs = T_END - (points - 1) * STEP_MS;

  const bigBody = httpResponse(200, 'application/json', promSeriesMatrix(series, points, fromMs, STEP_MS));
  const big = await startRawUpstream();
  big.behave((s) => s.end(bigBody));

  let faultNo = 0;
  const faulty = await startRawUpstream();
  faulty.behave((s, req) => FAULTS[faultNo++ % FAULTS.length](s, req));

  // Over the 1 MiB maxResponseBytes its data source sets: the backend stops reading at the limit.
  const hugeBody = httpResponse(200, 'application/json', promSeriesMatrix(120, points, fromMs, STEP_MS));
  const huge = await startRawUpstream();
  huge.behave((s) => s.end(hugeBody));

  const ctx = {
    good: demoPluginContext(),
    big: lensContext('prometheus', big.url, { timeoutS: 120, jsonData: { maxQueryResponseBytes: 2 ** 30 } }),
    fault: lensContext('prometheus', faulty.url, { timeoutS: 2 }),
    oversizedUpstream: lensContext('prometheus', huge.url, { timeoutS: 30, jsonData: { maxResponseBytes: 2 ** 20 } }),
    // Room for about two of the big queries' frames: the first answer, later ones get the 422 of the budget.
    oversizedReply: lensContext('prometheus', big.url, {
      timeoutS: 120,
      jsonData: { maxQueryResponseBytes: Math.round(series * points * 16 * 2.5) },
    }),
  };
  const ok: Expect = (status, error, frames) => status === 200 && error === '' && frames > 0;
  const clearError: Expect = (status, error, frames) =>
    status >= 400 && status < 600 && status !== 500 && /prometheus/i.test(error) && frames === 0;
  const expectations: Record<LoadKind, Expect> = {
    good: ok,
    big: (status, error, frames) => ok(status, error, frames) && frames === series,
    fault: clearError,
    oversizedUpstream: (status, error, frames) => status === 502 && /maxResponseBytes/.test(error) && frames === 0,
    oversizedReply: (status, error, frames, i) =>
      i === 0
        ? ok(status, error, frames)
        : ok(status, error, frames) || (status === 422 && /maxQueryResponseBytes/.test(error) && frames === 0),
  };

  let seq = 0;
  const bigRequest = (prefix: string, n: number) => {
    const tag = seq++;
    return Array.from({ length: n }, (_, k) => ({
      // A distinct expression per query: each one is fetched, parsed and framed (no upstream cache hit).
      ...demoQuery(`${prefix}${k}`, `big{k="${k}",n="${tag}"}`, fromMs, T_END),
      maxDataPoints: points,
      intervalMS: STEP_MS,
    }));
  };
  const requests: Record<LoadKind, () => object[]> = {
    good: () => [
      demoQuery('G1', 'demo_cpu_utilization{host="web-1"}', T_END - 999 * STEP_MS, T_END),
      demoQuery('G2', 'demo_cpu_utilization{host="web-2"}', T_END - 999 * STEP_MS, T_END, {
        schemaVersion: 2,
        outputs: ['raw', 'band', 'flag'],
      }),
    ],
    big: () => bigRequest('B', bigQueries),
    fault: () => [demoQuery('F1', 'up', T_END - 60_000, T_END), demoQuery('F2', 'up', T_END - 60_000, T_END)],
    oversizedUpstream: () => bigRequest('U', 2),
    oversizedReply: () => bigRequest('R', Math.max(4, Math.round(bigQueries / 2))),
  };

  return {
    async run(kind, tally) {
      const queries = requests[kind]() as Array<{ refId: string }>;
      tally.requests++;
      tally.byKind[kind]++;
      tally.refIds += queries.length;
      const note = (what: string) => {
        if (tally.problems.length < 20) {
          tally.problems.push(`${kind}: ${what}`);
        }
      };
      let res: Awaited<ReturnType<PluginClients['queryData']>>;
      try {
        res = await client.queryData({ pluginContext: ctx[kind], queries });
      } catch (e) {
        tally.lost += queries.length;
        note(`request failed: ${(e as Error).message}`);
        return;
      }
      queries.forEach((q, i) => {
        const r = res.responses[q.refId];
        if (!r) {
          tally.lost++;
          note(`no answer for ${q.refId}`);
          return;
        }
        tally.frameBytes += r.frames.reduce((n, f) => n + f.length, 0);
        if (expectations[kind](r.status, r.error, r.frames.length, i)) {
          tally.correct++;
        } else {
          note(`${q.refId}: status ${r.status}, ${r.frames.length} frames, error "${r.error.slice(0, 160)}"`);
        }
      });
    },
    async close() {
      await Promise.all([big.close(), faulty.close(), huge.close()]);
    },
  };
}
