/**
 * Backend overhead of an Anomaly Lens band query over the raw upstream fetch, for 1, 100 and 1,000 series of
 * 1,000 points (step 60 s), against a Prometheus-compatible fake upstream on loopback that answers with
 * pre-serialised `query_range` JSON (so the server side costs the same in both measurements).
 *
 *  - reference: `queryRange` (our Prometheus client: HTTP + JSON parse) of the visible range — the raw fetch any
 *    Prometheus data source must do;
 *  - ours: `executeQueries` of a band query (outputs raw + band) — fetch of range + training history, band per
 *    series, frames, Arrow encoding — with the upstream cache defeated (a new `lastUpdated` per run).
 * Overhead = ours − reference, printed as a share of the reference. Aims (issue 4): < 10 % for one series with
 * the moving band; 1,000 series within 1 s.
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { executeQueries } from '../src/backend/query/executeQueries';
import { createLogger } from '../src/backend/server/logger';
import { PluginMetrics } from '../src/backend/server/metrics';
import type { PluginContext } from '../src/backend/server/protoTypes';
import { upstreamInstanceSettingsFromProtocol } from '../src/backend/upstreams/http/upstreamHttpSettings';
import { prometheusSettingsFrom } from '../src/backend/upstreams/prometheus/prometheusSettings';
import { queryRange } from '../src/backend/upstreams/prometheus/queryRange';
import { seededRandom, timeAsync, Timing } from './harness';

const STEP = 60_000;
const POINTS = 1000;
const FROM = Date.UTC(2024, 0, 8);
const TO = FROM + (POINTS - 1) * STEP;
const COUNTS = [1, 100, 1000];

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
      result.push({ metric: { __name__: 'bench_metric', instance: `host-${s}`, job: 'bench' }, values });
    }
    body = Buffer.from(JSON.stringify({ status: 'success', data: { resultType: 'matrix', result } }));
    answers.set(key, body);
  }
  return body;
}

function startFakePrometheus(): Promise<http.Server> {
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://x');
      const params = new URLSearchParams(req.method === 'POST' ? Buffer.concat(chunks).toString() : url.search);
      const count = Number(url.pathname.split('/')[1].slice(1));
      const start = Number(params.get('start')) * 1000;
      const end = Number(params.get('end')) * 1000;
      const body = answer(count, start, end);
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': body.length });
      res.end(body);
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

async function main(): Promise<void> {
  const server = await startFakePrometheus();
  const port = (server.address() as AddressInfo).port;
  const logger = createLogger({ write: () => undefined });
  const metrics = new PluginMetrics();
  let version = 0;
  const ctx = (count: number): PluginContext =>
    ({
      dataSourceInstanceSettings: {
        uid: 'bench',
        url: `http://127.0.0.1:${port}/n${count}`,
        // 1,000 series with a band answer ~70 MB of frames: above the default response limit, so it is raised here.
        jsonData: Buffer.from('{"upstream":"prometheus","timeInterval":"60s","maxQueryResponseBytes":268435456}'),
        decryptedSecureJsonData: {},
        lastUpdatedMS: ++version,
      },
    }) as unknown as PluginContext;

  console.log(`${POINTS} points per series at step 60s; fake Prometheus on loopback; median of runs`);
  console.log('series  method     raw fetch (ref)    band query    overhead   share of ref   frames');
  for (const count of COUNTS) {
    const prom = prometheusSettingsFrom(upstreamInstanceSettingsFromProtocol(ctx(count).dataSourceInstanceSettings!));
    const runs = count >= 1000 ? 5 : count >= 100 ? 10 : 30;
    const ref: Timing = await timeAsync(
      () => queryRange({ expr: 'bench_metric', fromMs: FROM, toMs: TO, stepMs: STEP }, prom),
      runs,
      2
    );
    // 'raw' is the plugin answering the raw series only (fetch + frames + Arrow): the analysis overhead is the
    // difference to it. At 1,000 series a 3-day seasonal history (5.3 M points) exceeds the client's 2 M-point limit.
    const methods = count >= 1000 ? ['raw', 'moving'] : ['raw', 'moving', 'seasonal', 'forecast'];
    for (const method of methods) {
      const json = Buffer.from(
        JSON.stringify({
          schemaVersion: 2,
          expr: 'bench_metric',
          outputs: method === 'raw' ? ['raw'] : ['raw', 'band'],
          method: method === 'raw' ? undefined : method,
          seasonality: ['1d'],
        })
      );
      let frames = 0;
      let error = '';
      const ours = await timeAsync(
        async () => {
          const res = await executeQueries(
            ctx(count),
            [
              {
                refId: 'A',
                maxDataPoints: POINTS,
                intervalMS: STEP,
                timeRange: { fromEpochMS: FROM, toEpochMS: TO },
                json,
                queryType: '',
              },
            ],
            { logger, metrics }
          );
          frames = res.responses.A.frames?.length ?? 0;
          error = res.responses.A.error ?? '';
        },
        method === 'forecast' && count >= 100 ? 3 : runs,
        1
      );
      if (error) {
        throw new Error(`query failed: ${error}`);
      }
      const overhead = ours.medianMs - ref.medianMs;
      console.log(
        [
          String(count).padStart(6),
          method.padEnd(9),
          `${ref.medianMs.toFixed(2)} ms`.padStart(16),
          `${ours.medianMs.toFixed(2)} ms`.padStart(13),
          `${overhead.toFixed(2)} ms`.padStart(11),
          `${((100 * overhead) / ref.medianMs).toFixed(0)} %`.padStart(13),
          String(frames).padStart(8),
        ].join('  ')
      );
    }
  }
  server.close();
}

void main();
