/**
 * A `backtest` query (issue 17): 7 days at 1-minute steps with the default detector and the default rule (flag,
 * `last`, every minute over the last hour), for 1 and 100 series, through `executeQueries` against a
 * Prometheus-compatible fake upstream on loopback (answers built once from seeded series and then served from
 * memory, so the upstream is cheap and the backend's own cost shows). Each run uses a new data source version so the upstream cache is
 * defeated: the 3 days of history + 7 days (14,461 points per series) are fetched in two chunks every time.
 *
 * Reference, measured in the same run and in alternation: the default detector's one pass over the same points
 * (`analyseSeries` per series, the least any backtest of this query must compute). The backtest / reference ratio is
 * what fetching, replaying the rule, matching and building the frames add. Aims: ≤ 2 s for one series, ≤ 20 s for
 * 100 (printed, not asserted).
 */
import type { AddressInfo } from 'node:net';
import { analyseSeries } from '../src/backend/pipeline/analyseSeries';
import { decodeTable } from '../src/backend/query/__tests__/decodeTable';
import { executeQueries } from '../src/backend/query/executeQueries';
import { createLogger } from '../src/backend/server/logger';
import { PluginMetrics } from '../src/backend/server/metrics';
import type { PluginContext } from '../src/backend/server/protoTypes';
import { validateQuery } from '../src/shared/validateQuery';
import { startFakePrometheus } from './fakePrometheus';
import { seededRandom, timeInterleavedAsync } from './harness';

const STEP = 60_000;
const DAY = 86_400_000;
const TO = Date.UTC(2024, 0, 22);
const FROM = TO - 7 * DAY;
/** What the backtest fetches: the rule's hour and the detector's 3 days of history before FROM. */
const FETCH_FROM = FROM - 3 * DAY - 3_600_000;

/** Series s at grid time t: daily cycle, seeded noise, a spike every 53 h. */
function valueAt(s: number, t: number): number {
  const rnd = seededRandom(s * 1_000_003 + Math.round(t / STEP));
  const base = 10 + (s % 17);
  const daily = Math.sin((2 * Math.PI * (t % DAY)) / DAY);
  const spike = (t - s * 600_000) % (53 * 3_600_000) < 1_200_000 ? 3 : 0;
  return base * (1 + 0.3 * daily + 0.03 * (rnd() - 0.5) + spike);
}

const answers = new Map<string, Buffer>();

/** The `query_range` answer, built once per (count, start, end) and then served from memory. */
function matrix(count: number, startMs: number, endMs: number): Buffer {
  const key = `${count}:${startMs}:${endMs}`;
  const cached = answers.get(key);
  if (cached) {
    return cached;
  }
  const result = [];
  for (let s = 0; s < count; s++) {
    const values: Array<[number, string]> = [];
    for (let t = startMs; t <= endMs; t += STEP) {
      values.push([t / 1000, String(valueAt(s, t))]);
    }
    result.push({ metric: { __name__: 'bench', instance: `host-${s}` }, values });
  }
  const body = Buffer.from(JSON.stringify({ status: 'success', data: { resultType: 'matrix', result } }));
  answers.set(key, body);
  return body;
}

async function main(): Promise<void> {
  const server = await startFakePrometheus(matrix);
  const port = (server.address() as AddressInfo).port;
  const logger = createLogger({ write: () => undefined });
  const metrics = new PluginMetrics();
  let version = 0;
  const ctx = (count: number): PluginContext =>
    ({
      dataSourceInstanceSettings: {
        uid: 'bench',
        url: `http://127.0.0.1:${port}/n${count}`,
        jsonData: Buffer.from('{"upstream":"prometheus","timeInterval":"60s"}'),
        decryptedSecureJsonData: {},
        lastUpdatedMS: ++version,
      },
    }) as unknown as PluginContext;
  const query = {
    refId: 'B',
    maxDataPoints: 1000,
    intervalMS: STEP,
    timeRange: { fromEpochMS: FROM, toEpochMS: TO },
    json: Buffer.from(JSON.stringify({ schemaVersion: 2, queryType: 'backtest', expr: 'bench', minStepMs: STEP })),
    queryType: '',
  };
  const options = validateQuery({ refId: 'B', expr: 'bench', queryType: 'anomalyWindows' });
  const points = Math.floor((TO - FETCH_FROM) / STEP) + 1;
  const timestamps = Float64Array.from({ length: points }, (_, i) => FETCH_FROM + i * STEP);

  console.log(`7-day backtest at step 1m, default detector and rule; ${points} points per series; median of runs`);
  console.log('series   backtest query   detector pass (ref)   backtest / ref   fired   aim');
  for (const [count, runs, aim] of [
    [1, 7, 2000],
    [100, 3, 20_000],
  ] as const) {
    const series = Array.from({ length: count }, (_, s) => Float64Array.from(timestamps, (t) => valueAt(s, t)));
    let fired = 0;
    const [ours, ref] = await timeInterleavedAsync(
      [
        async () => {
          const res = await executeQueries(ctx(count), [query], { logger, metrics });
          const r = res.responses.B;
          if (r.error) {
            throw new Error(r.error);
          }
          fired = decodeTable(r.frames![0]).field('fired').values[0] as number;
        },
        async () => {
          for (const values of series) {
            analyseSeries({ timestamps, values, visibleStart: 3 * 1440, stepMs: STEP }, options);
          }
        },
      ],
      runs,
      1
    );
    console.log(
      [
        String(count).padStart(6),
        `${ours.medianMs.toFixed(0)} ms`.padStart(16),
        `${ref.medianMs.toFixed(0)} ms`.padStart(21),
        `×${(ours.medianMs / ref.medianMs).toFixed(2)}`.padStart(16),
        String(fired).padStart(7),
        `${ours.medianMs <= aim ? 'within' : 'OVER'} ${aim / 1000} s`.padStart(14),
      ].join(' ')
    );
  }
  server.close();
}

void main();
