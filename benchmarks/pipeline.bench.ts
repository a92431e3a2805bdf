/**
 * Backend overhead of an Anomaly Lens band query over the raw upstream fetch, for 1, 100 and 1,000 series of
 * 1,000 points (step 60 s), against
 *  - a Prometheus-compatible fake upstream on loopback that answers with pre-serialised `query_range` JSON (so the
 *    server side costs the same in both measurements and the backend's own cost is as visible as it can be), and
 *  - Debian's real Prometheus (/usr/bin/prometheus, backfilled with the same series by promtool; raw and moving
 *    rows), when it is installed.
 * In each table:
 *  - reference: `queryRange` (our Prometheus client: HTTP + reading the answer's samples) of the visible
 *    range — the raw fetch any Prometheus data source must do; "HTTP" is the request alone (body as text), and
 *    "+ 1 h history" the fetch the moving band makes (range + training history);
 *  - ours: `executeQueries` of a query (outputs raw, or raw + band) — fetch of range + training history, band per
 *    series, frames, Arrow encoding — with the upstream cache defeated (a new `lastUpdated` per run).
 *  - refresh: the same query on one data source version, each run the range (and the clock, which stands 30 s after
 *    the range's end as on a live dashboard) one minute later than the run before, so that incremental querying
 *    (pipeline/incrementalRange.ts) reuses the settled points and fetches the last 10 min overlap and the new minute.
 * All five are measured in alternation (one run of each per round), so that load changes touch them alike.
 * Overhead = ours − reference, printed as a share of the reference. Aims (issue 4): < 10 % for one series with
 * the moving band; 1,000 series within 1 s.
 * Two component rows come first, each against the code it replaced, on the same inputs in this run: reading a
 * `query_range` body (JSON.parse + parsePrometheusMatrix vs the scanner) and Arrow encoding of band frames
 * (apache-arrow vs our writer).
 */
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { frameToArrow } from '../src/backend/frames/frameToArrow';
import { frameToArrowWithApacheArrow } from '../tests/oracles/frameToArrowWithApacheArrow';
import type { Frame } from '../src/backend/frames/frame';
import { executeQueries } from '../src/backend/query/executeQueries';
import { runByQueryType } from '../src/backend/query/runByQueryType';
import { createLogger } from '../src/backend/server/logger';
import { PluginMetrics } from '../src/backend/server/metrics';
import type { PluginContext } from '../src/backend/server/protoTypes';
import { upstreamInstanceSettingsFromProtocol } from '../src/backend/upstreams/http/upstreamHttpSettings';
import { upstreamRequest } from '../src/backend/upstreams/http/upstreamRequest';
import {
  parsePrometheusMatrix,
  readPrometheusEnvelope,
} from '../src/backend/upstreams/prometheus/parsePrometheusResponse';
import {
  prometheusSettingsFrom,
  type PrometheusSettings,
} from '../src/backend/upstreams/prometheus/prometheusSettings';
import { queryRange } from '../src/backend/upstreams/prometheus/queryRange';
import { readPrometheusMatrix } from '../src/backend/upstreams/prometheus/readPrometheusMatrix';
import { nabToOpenMetrics } from '../scripts/loaders/nabToOpenMetrics';
import { PROMETHEUS_BIN, startPrometheus, type RunningPrometheus } from '../tests/integration/helpers/startPrometheus';
import { startFakePrometheus } from './fakePrometheus';
import { report, seededRandom, time, timeInterleavedAsync, Timing } from './harness';

const STEP = 60_000;
const POINTS = 1000;
const FROM = Date.UTC(2024, 0, 8);
const TO = FROM + (POINTS - 1) * STEP;
const COUNTS = [1, 100, 1000];
/** Training history of the moving band (its default 1 h window): the band query fetches this much before FROM. */
const HISTORY_MS = 3_600_000;
/** Refresh runs move the range by a minute each: the real Prometheus holds this much data after TO for them. */
const REFRESH_SPAN_MS = 2600 * STEP;

/** One synthetic series: daily cycle, noise, a spike; value at grid time t. */
function makeSeries(seed: number): (t: number) => number {
  const rnd = seededRandom(seed);
  const base = 10 + 90 * rnd();
  const amp = base * (0.2 + 0.3 * rnd());
  const noise: number[] = [];
  return (t) => {
    const i = Math.round(t / STEP) % 4096;
    while (noise.length <= i) {
      noise.push(rnd() - 0.5);
    }
    return base + amp * Math.sin((2 * Math.PI * (t % 86_400_000)) / 86_400_000) + 0.05 * base * noise[i];
  };
}

/** Labels of series s; `first100` lets one selector pick 100 of them on the real Prometheus. */
function labelsOf(s: number): Record<string, string> {
  return { instance: `host-${s}`, job: 'bench', first100: s < 100 ? 'yes' : 'no' };
}

/** Pre-serialised answers per (series count, start) so that the fake upstream only writes bytes. */
const answers = new Map<string, Buffer>();
function answer(count: number, startMs: number, endMs: number): Buffer {
  const key = `${count}:${startMs}:${endMs}`;
  let body = answers.get(key);
  if (!body) {
    const result = [];
    for (let s = 0; s < count; s++) {
      const f = makeSeries(1000 + s);
      const values: Array<[number, string]> = [];
      for (let t = startMs; t <= endMs; t += STEP) {
        values.push([t / 1000, f(t).toFixed(6)]);
      }
      result.push({ metric: { __name__: 'bench_metric', ...labelsOf(s) }, values });
    }
    body = Buffer.from(JSON.stringify({ status: 'success', data: { resultType: 'matrix', result } }));
    answers.set(key, body);
  }
  return body;
}

/** Series count → where to send the query and which selector returns that many series. */
interface Upstream {
  title: string;
  url(count: number): string;
  expr(count: number): string;
  methods(count: number): string[];
}

async function pipelineTable(up: Upstream): Promise<void> {
  const logger = createLogger({ write: () => undefined });
  const metrics = new PluginMetrics();
  let version = 0;
  // The cold runs and the refresh are two data sources: each cold run is a new settings version of its own uid,
  // which would otherwise replace the refreshed instance, and its model caches with it, every other run.
  const ctx = (count: number, uid = 'bench-cold'): PluginContext =>
    ({
      dataSourceInstanceSettings: {
        uid,
        url: up.url(count),
        // 1,000 series with a band answer ~70 MB of frames: above the default response limit, so it is raised here.
        jsonData: Buffer.from('{"upstream":"prometheus","timeInterval":"60s","maxQueryResponseBytes":268435456}'),
        decryptedSecureJsonData: {},
        lastUpdatedMS: ++version,
      },
    }) as unknown as PluginContext;

  console.log(`\n${up.title}: ${POINTS} points per series at step 60s; median of runs`);
  console.log(
    'series  method         HTTP   raw fetch (ref)   + 1 h history    band query    overhead   share of ref   frames' +
      '   refresh   refresh / ref'
  );
  for (const count of COUNTS) {
    const prom: PrometheusSettings = prometheusSettingsFrom(
      upstreamInstanceSettingsFromProtocol(ctx(count).dataSourceInstanceSettings!)
    );
    const expr = up.expr(count);
    // One series takes ~1 ms: many runs after a long warm-up, so that the median is the long-lived process's steady
    // state and not code still waiting for the optimising compiler (200 runs after 50 measured 0.3 ms more).
    const runs = count >= 1000 ? 5 : count >= 100 ? 20 : 2000;
    const warmup = count >= 1000 ? 2 : count >= 100 ? 5 : 500;
    const httpOnly = () =>
      upstreamRequest(
        {
          method: 'POST',
          path: '/api/v1/query_range',
          params: [
            ['query', expr],
            ['start', String(FROM / 1000)],
            ['end', String(TO / 1000)],
            ['step', '60'],
          ],
        },
        prom.http
      );
    const ref = () => queryRange({ expr, fromMs: FROM, toMs: TO, stepMs: STEP }, prom);
    // The fetch a moving band makes (range + its 1 h training history): the part of the overhead that is upstream.
    const withHistory = () => queryRange({ expr, fromMs: FROM - HISTORY_MS, toMs: TO, stepMs: STEP }, prom);
    // 'raw' is the plugin answering the raw series only (fetch + frames + Arrow): the analysis overhead is the
    // difference to it. At 1,000 series a 3-day seasonal history (5.3 M points) exceeds the client's 2 M-point limit.
    for (const method of up.methods(count)) {
      const json = Buffer.from(
        JSON.stringify({
          schemaVersion: 2,
          expr,
          outputs: method === 'raw' ? ['raw'] : ['raw', 'band'],
          method: method === 'raw' ? undefined : method,
          seasonality: ['1d'],
        })
      );
      let frames = 0;
      let error = '';
      const slow = method === 'forecast' || method === 'seasonal';
      const query = (fromMs: number, toMs: number) => ({
        refId: 'A',
        maxDataPoints: POINTS,
        intervalMS: STEP,
        timeRange: { fromEpochMS: fromMs, toEpochMS: toMs },
        json,
        queryType: '',
      });
      // Cold: a new data source version per run, so nothing comes from the upstream cache.
      const ours = async () => {
        const res = await executeQueries(ctx(count), [query(FROM, TO)], { logger, metrics });
        frames = res.responses.A.frames?.length ?? 0;
        error ||= res.responses.A.error ?? '';
      };
      // Dashboard refresh: one data source version (the cache kept), range and clock one minute on per run.
      const live = ctx(count, 'bench');
      let shift = 0;
      const refresh = async () => {
        shift += STEP;
        const now = TO + shift + 30_000;
        const res = await executeQueries(live, [query(FROM + shift, TO + shift)], {
          logger,
          metrics,
          run: (s, q, w, d) => runByQueryType(s, q, w, { ...d, now: () => now }),
        });
        error ||= res.responses.A.error ?? '';
      };
      // All five in alternation, so that load changes during the run touch each alike.
      const [httpT, refT, historyT, oursT, refreshT] = await timeInterleavedAsync(
        [httpOnly, ref, withHistory, ours, refresh],
        slow ? (count >= 100 ? 3 : 30) : runs,
        slow ? 1 : warmup
      );
      if (error) {
        throw new Error(`query failed: ${error}`);
      }
      const overhead = oursT.medianMs - refT.medianMs;
      console.log(
        [
          String(count).padStart(6),
          method.padEnd(9),
          `${httpT.medianMs.toFixed(2)} ms`.padStart(11),
          `${refT.medianMs.toFixed(2)} ms`.padStart(16),
          `${historyT.medianMs.toFixed(2)} ms`.padStart(15),
          `${oursT.medianMs.toFixed(2)} ms`.padStart(13),
          `${overhead.toFixed(2)} ms`.padStart(11),
          `${((100 * overhead) / refT.medianMs).toFixed(0)} %`.padStart(13),
          String(frames).padStart(8),
          `${refreshT.medianMs.toFixed(2)} ms`.padStart(10),
          `${((100 * refreshT.medianMs) / refT.medianMs).toFixed(0)} %`.padStart(14),
        ].join('  ')
      );
    }
  }
}

/** Reading one `query_range` body into samples: the JSON.parse path (before) against readPrometheusMatrix. */
function parseRows(): void {
  console.log('\nReading a query_range answer (1,060 points per series: range + 1 h history) into samples');
  const settings = prometheusSettingsFrom({ url: 'http://127.0.0.1:9', jsonData: {} }).http;
  const grid = { startMs: FROM - HISTORY_MS, endMs: TO, stepMs: STEP };
  for (const count of COUNTS) {
    const res = {
      status: 200,
      contentType: 'application/json',
      body: answer(count, grid.startMs, grid.endMs).toString(),
    };
    const runs = count >= 1000 ? 7 : count >= 100 ? 30 : 500;
    const before = time(
      () => {
        const env = readPrometheusEnvelope(res, settings);
        return parsePrometheusMatrix(env.data, grid, settings.limits, settings);
      },
      runs,
      Math.ceil(runs / 5)
    );
    const ours = time(() => readPrometheusMatrix(res, grid, settings), runs, Math.ceil(runs / 5));
    report(`${count} series, ${(res.body.length / 1e6).toFixed(1)} MB`, ours, {
      label: 'JSON.parse path',
      medianMs: before.medianMs,
    });
  }
}

/** Band-query frames (raw, expected, lower, upper per series) as analysisFrames shapes them. */
function bandFrames(series: number): Frame[] {
  const rnd = seededRandom(7);
  const ts = Float64Array.from({ length: POINTS }, (_, i) => FROM + i * STEP);
  const frames: Frame[] = [];
  for (let s = 0; s < series; s++) {
    for (const field of ['raw', 'expected', 'lower', 'upper']) {
      const name = `bench_metric{instance="host-${s}", job="bench"}`;
      frames.push({
        name: `${name} ${field}`,
        refId: 'A',
        meta: {
          type: 'timeseries-multi',
          typeVersion: [0, 1],
          executedQueryString: 'bench_metric (step 60s, history 1h)',
          custom: { output: 'band', field, method: 'moving', periodsMs: [], sensitivity: 3, trainingPoints: 60 },
        },
        fields: [
          { name: 'time', type: 'time', values: ts, config: { interval: STEP } },
          {
            name: field,
            type: 'number',
            values: Float64Array.from({ length: POINTS }, (_, i) => (i < 3 && field !== 'raw' ? NaN : 100 * rnd())),
            labels: { ...labelsOf(s), __name__: 'bench_metric', lens_output: field },
            config: { unit: 's', displayNameFromDS: `${name} ${field}`, custom: { lineWidth: 1 } },
          },
        ],
      });
    }
  }
  return frames;
}

function arrowRow(): void {
  console.log('\nArrow IPC file per band frame (1,000 rows; 400 frames = 100 series × raw, expected, lower, upper)');
  const frames = bandFrames(100);
  const perFrame = (t: Timing): Timing => ({
    ...t,
    medianMs: t.medianMs / frames.length,
    minMs: t.minMs / frames.length,
  });
  const apache = perFrame(time(() => frames.forEach(frameToArrowWithApacheArrow), 20, 5));
  const ours = perFrame(time(() => frames.forEach(frameToArrow), 20, 5));
  report('one frame, ours', ours, { label: 'apache-arrow', medianMs: apache.medianMs });
}

/** The same series in a real Prometheus: range + history + margin, backfilled by promtool. */
async function startRealPrometheus(): Promise<RunningPrometheus> {
  const start = FROM - HISTORY_MS - 10 * STEP;
  const series = Array.from({ length: 1000 }, (_, s) => {
    const f = makeSeries(1000 + s);
    const timesMs: number[] = [];
    const values: number[] = [];
    for (let t = start; t <= TO + REFRESH_SPAN_MS; t += STEP) {
      timesMs.push(t);
      values.push(Number(f(t).toFixed(6)));
    }
    return { labels: labelsOf(s), series: { timesMs, values } };
  });
  return startPrometheus({ openMetrics: nabToOpenMetrics('bench_metric', series as never) });
}

async function main(): Promise<void> {
  parseRows();
  arrowRow();
  const server = await startFakePrometheus(answer);
  const port = (server.address() as AddressInfo).port;
  await pipelineTable({
    title: 'Fake Prometheus on loopback',
    url: (count) => `http://127.0.0.1:${port}/n${count}`,
    expr: () => 'bench_metric',
    methods: (count) => (count >= 1000 ? ['raw', 'moving'] : ['raw', 'moving', 'seasonal', 'forecast']),
  });
  server.close();
  if (!existsSync(PROMETHEUS_BIN)) {
    console.log(`\nReal Prometheus: skipped (${PROMETHEUS_BIN} is not installed; apt-get install prometheus)`);
    return;
  }
  const t0 = performance.now();
  const prom = await startRealPrometheus();
  console.log(
    `\n(backfilled 1,000 series × ${POINTS + 70 + REFRESH_SPAN_MS / STEP} points in ${((performance.now() - t0) / 1000).toFixed(0)} s)`
  );
  try {
    await pipelineTable({
      title: 'Debian Prometheus on loopback',
      url: () => prom.url,
      expr: (count) =>
        count === 1
          ? 'bench_metric{instance="host-0"}'
          : count === 100
            ? 'bench_metric{first100="yes"}'
            : 'bench_metric',
      methods: () => ['raw', 'moving'],
    });
  } finally {
    await prom.stop();
  }
}

void main();
