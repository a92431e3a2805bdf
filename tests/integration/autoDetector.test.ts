/**
 * The default detector (method `auto`) through the BUILT executable against a real Prometheus backfilled with
 * whole NAB files: the flags and scores the executable returns for the default query equal the backend's own
 * analysis run in-process on the same data fetched by our client, and a causal method queried over [start, t₁]
 * and [start, t₂] (same history start) gives identical values on the overlap. Needs `npm run build`.
 */
import { tableFromIPC } from 'apache-arrow';
import { nabToOpenMetrics } from '../../scripts/loaders/nabToOpenMetrics';
import { readNabCsv } from '../../scripts/loaders/readNabCsv';
import { analyseSeries } from '../../src/backend/pipeline/analyseSeries';
import { gridTimestamps, toGrid } from '../../src/backend/pipeline/fetchedSeries';
import { planWindow, type WindowPlan } from '../../src/backend/pipeline/planWindow';
import { DEFAULT_QUERY_LIMITS } from '../../src/backend/settings/queryLimits';
import { prometheusSettingsFrom } from '../../src/backend/upstreams/prometheus/prometheusSettings';
import { queryRange } from '../../src/backend/upstreams/prometheus/queryRange';
import { OUTPUT_FIELDS } from '../../src/shared/frameConventions';
import type { LensQuery } from '../../src/shared/queryModel';
import { validateQuery } from '../../src/shared/validateQuery';
import { launchPlugin, RunningPlugin, stopPlugin } from '../conformance/support/launchPlugin';
import { connect, DataResponseMessage, PluginClients } from '../conformance/support/pluginClients';
import { startPrometheus, RunningPrometheus } from './helpers/startPrometheus';

jest.setTimeout(120_000);

const MIN = 60_000;
const DAY = 1440 * MIN;
const STEP = 5 * MIN;

/** Whole NAB files (each 5-minute), loaded as nab_value{file=…}; the range queried is their last week. */
const FILES = [
  { path: 'artificialWithAnomaly/art_daily_jumpsup.csv', file: 'art_daily_jumpsup' },
  { path: 'realAWSCloudwatch/ec2_cpu_utilization_825cc2.csv', file: 'ec2_cpu_utilization_825cc2' },
  { path: 'realAWSCloudwatch/rds_cpu_utilization_e47b3b.csv', file: 'rds_cpu_utilization_e47b3b' },
];

let prom: RunningPrometheus;
let plugin: RunningPlugin;
let client: PluginClients;
let version = 1;
const ends = new Map<string, number>();

function context(keepVersion = false) {
  return {
    orgId: 1,
    pluginId: 'seedlabs-anomalylens-datasource',
    dataSourceInstanceSettings: {
      id: 1,
      uid: 'lens-prom',
      name: 'Lens on Prometheus',
      url: prom.url,
      jsonData: Buffer.from(JSON.stringify({ upstream: 'prometheus', timeInterval: '5m' })),
      decryptedSecureJsonData: {},
      // A new version per call (no cache answers for an earlier call), unless the call keeps the last one.
      lastUpdatedMS: keepVersion ? version : ++version,
    },
    grafanaConfig: {},
  };
}

function query(body: Record<string, unknown>, from: number, to: number) {
  return {
    refId: 'A',
    maxDataPoints: 5000,
    intervalMS: STEP,
    timeRange: { fromEpochMS: from, toEpochMS: to },
    json: Buffer.from(JSON.stringify({ refId: 'A', schemaVersion: 2, minStepMs: STEP, ...body })),
    queryType: '',
  };
}

/** Field name → values of a response (one series per query here). */
function fieldsOf(r: DataResponseMessage): Map<string, number[]> {
  expect(r.error).toBe('');
  const out = new Map<string, number[]>();
  for (const bytes of r.frames) {
    const t = tableFromIPC(bytes);
    const values: number[] = [];
    for (let i = 0; i < t.numRows; i++) {
      const x = t.getChildAt(1)!.get(i);
      values.push(x === null ? NaN : Number(x));
    }
    out.set(t.schema.fields[1].name, values);
  }
  return out;
}

async function run(
  body: Record<string, unknown>,
  from: number,
  to: number,
  keepVersion = false
): Promise<Map<string, number[]>> {
  const res = await client.queryData({ pluginContext: context(keepVersion), queries: [query(body, from, to)] });
  return fieldsOf(res.responses.A);
}

/** The same data through our Prometheus client, fetched as the plan says, then the backend's own analysis. */
async function analyseInProcess(expr: string, o: ReturnType<typeof validateQuery>, plan: WindowPlan, to: number) {
  const settings = prometheusSettingsFrom({ url: prom.url, jsonData: { timeInterval: '5m' } });
  const fetched = await queryRange({ expr, fromMs: plan.fetchFromMs, toMs: to, stepMs: STEP }, settings);
  const timestamps = gridTimestamps(plan.fetchFromMs, to, STEP);
  const values = toGrid(timestamps, STEP, fetched.series[0].timesMs, fetched.series[0].values);
  return analyseSeries({ timestamps, values, visibleStart: plan.historyMs / STEP, stepMs: STEP }, o);
}

/**
 * Flags equal; scores agree to 1e-9 (relative): the executable embeds its own Node, whose Math.log10/exp may differ
 * from the test runner's in the last bits.
 */
function expectSameAsInProcess(got: Map<string, number[]>, local: ReturnType<typeof analyseSeries>): void {
  expect(got.get('flag')).toEqual(Array.from(local.fields.get(OUTPUT_FIELDS.flag)!));
  const diffs = Array.from(local.fields.get(OUTPUT_FIELDS.score)!)
    .map((v, i) => [i, v, got.get('score')![i]])
    .filter(([, a, b]) => !(a === b || (a !== a && b !== b) || Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a))));
  expect(diffs).toEqual([]);
}

beforeAll(async () => {
  const series = FILES.map((f) => {
    const s = readNabCsv(f.path);
    ends.set(f.file, Math.floor(s.timesMs[s.timesMs.length - 1] / STEP) * STEP);
    return { labels: { file: f.file }, series: s };
  });
  prom = await startPrometheus({ openMetrics: nabToOpenMetrics('nab_value', series) });
  plugin = await launchPlugin();
  client = connect(plugin.address);
});

afterAll(async () => {
  client?.close();
  await stopPlugin(plugin);
  await prom?.stop();
});

test.each(FILES.map((f) => f.file))(
  'the default query on %s: the executable’s flags and scores equal the in-process analysis',
  async (file) => {
    const expr = `nab_value{file="${file}"}`;
    const to = ends.get(file)!;
    const from = to - 7 * DAY;
    const body = { expr, outputs: ['raw', 'score', 'flag'] };
    const got = await run(body, from, to);
    // The same data through our Prometheus client (the default history: 3 days, from the whole hour before), then
    // the backend's analysis.
    const o = validateQuery({ refId: 'A', schemaVersion: 2, ...body } as LensQuery);
    expect(o.method).toBe('auto');
    const plan = planWindow(o, { fromMs: from, toMs: to }, STEP, DEFAULT_QUERY_LIMITS.maxPointsPerSeries);
    expect(plan.fetchFromMs % 3_600_000).toBe(0);
    expect(plan.historyMs).toBeGreaterThanOrEqual(3 * DAY);
    expectSameAsInProcess(got, await analyseInProcess(expr, o, plan, to));
    // Not everything is flagged.
    expect(got.get('flag')!.filter((f) => f !== 0).length).toBeLessThan(got.get('flag')!.length / 10);
  }
);

test.each(['auto', 'moving', 'seasonal'])(
  'method %s is prefix-stable through the executable: [start, t₁] and [start, t₂] agree on the overlap',
  async (method) => {
    const file = FILES[1].file;
    const to = ends.get(file)!;
    const from = to - 7 * DAY;
    const body = { expr: `nab_value{file="${file}"}`, outputs: ['band', 'score', 'flag'], method, history: '3d' };
    const short = await run(body, from, to - 3 * DAY);
    const long = await run(body, from, to);
    for (const name of ['expected', 'lower', 'upper', 'score', 'flag']) {
      const a = short.get(name)!;
      expect(a.length).toBe((4 * DAY) / STEP + 1);
      expect(long.get(name)!.slice(0, a.length)).toEqual(a);
    }
  }
);

test('an evaluation a few steps later resumes the detector inside the executable and answers as a fresh analysis', async () => {
  const file = 'art_daily_jumpsup';
  const expr = `nab_value{file="${file}"}`;
  const body = { expr, outputs: ['raw', 'score', 'flag'] };
  const o = validateQuery({ refId: 'A', schemaVersion: 2, ...body } as LensQuery);
  // Two evaluations 20 minutes apart within one hour of history start: the second goes on from the first's state.
  const to2 = Math.floor(ends.get(file)! / 3_600_000) * 3_600_000 - 5 * MIN;
  const to1 = to2 - 20 * MIN;
  const plans = [to1, to2].map((to) =>
    planWindow(o, { fromMs: to - 7 * DAY, toMs: to }, STEP, DEFAULT_QUERY_LIMITS.maxPointsPerSeries)
  );
  expect(plans[1].fetchFromMs).toBe(plans[0].fetchFromMs);
  await run(body, to1 - 7 * DAY, to1);
  const got = await run(body, to2 - 7 * DAY, to2, true);
  expectSameAsInProcess(got, await analyseInProcess(expr, o, plans[1], to2));
});
