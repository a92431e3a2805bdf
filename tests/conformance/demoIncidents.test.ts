/**
 * The default query on the demo upstream, through the BUILT executable, as the demo dashboard asks for it: a new
 * query's outputs (raw, band, flag) with every option at its default, over the dashboard's 2-day range at the step
 * Grafana sends for it (3 minutes: 2 days over about 1,000 pixels, rounded to Grafana's 3m interval). Each
 * scheduled incident of the demo catalogue is flagged within two steps of its onset, above its band (every demo
 * incident is a rise), and a quiet day raises no flag on any demo series. Needs `npm run build`.
 */
import { decodeFrame } from './support/decodeFrame';
import { connect, demoPluginContext, PluginClients } from './support/pluginClients';
import { launchPlugin, RunningPlugin, stopPlugin } from './support/launchPlugin';
import { DEMO_METRICS } from '../../src/backend/upstreams/demo/demoCatalog';
import {
  DEMO_INCIDENT_SCHEDULES as SCHEDULES,
  DemoIncidentSchedule as Schedule,
  incidentOnsets,
  scheduleOfSeries,
} from '../../src/backend/upstreams/demo/demoIncidentSchedules';
import { DEFAULT_QUERY } from '../../src/shared/queryModel';

jest.setTimeout(120_000);

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
/** Grafana's interval for a 2-day range on a panel about 1,000 pixels wide. */
const STEP = 3 * MIN;
const RANGE = 2 * DAY;
/** The span whose incidents are checked (Sunday 2026-03-01 to Monday 2026-03-09, UTC). */
const SPAN_FROM = Date.UTC(2026, 2, 1);
const SPAN_TO = Date.UTC(2026, 2, 9);

/** Onsets of a schedule within the span. */
const onsets = (s: Schedule): number[] => incidentOnsets(s, SPAN_FROM, SPAN_TO);

let plugin: RunningPlugin;
let client: PluginClients;

beforeAll(async () => {
  plugin = await launchPlugin();
  client = connect(plugin.address);
});

afterAll(async () => {
  client?.close();
  await stopPlugin(plugin);
});

interface SeriesFields {
  labels: Record<string, string>;
  time: number[];
  fields: Map<string, number[]>;
}

/** The default query of the demo dashboard over [to − 2 days, to]: per series, its fields by name. */
async function dashboard(expr: string, to: number): Promise<SeriesFields[]> {
  const from = to - RANGE;
  const res = await client.queryData({
    pluginContext: demoPluginContext(),
    queries: [
      {
        refId: 'A',
        maxDataPoints: 1000,
        intervalMS: STEP,
        timeRange: { fromEpochMS: from, toEpochMS: to },
        json: Buffer.from(JSON.stringify({ ...DEFAULT_QUERY, refId: 'A', expr })),
        queryType: '',
      },
    ],
  });
  const r = res.responses.A;
  expect(r.error).toBe('');
  const bySeries = new Map<string, SeriesFields>();
  for (const bytes of r.frames) {
    const f = decodeFrame(bytes);
    const value = f.fields[1];
    const { lens_output: _, ...labels } = value.labels ?? {};
    const key = JSON.stringify(labels);
    const s = bySeries.get(key) ?? { labels, time: f.fields[0].values.map((t) => Number(t) / 1e6), fields: new Map() };
    s.fields.set(
      value.name,
      value.values.map((v) => (v === null ? NaN : Number(v)))
    );
    bySeries.set(key, s);
  }
  return [...bySeries.values()];
}

const incidents = SCHEDULES.flatMap((s) =>
  onsets(s).map((onset) => [s.name, new Date(onset).toISOString(), s, onset] as const)
);

test('the span holds several occurrences of every scheduled demo incident', () => {
  for (const s of SCHEDULES) {
    expect(onsets(s).length).toBeGreaterThanOrEqual(2);
  }
});

test.each(incidents)(
  '%s starting %s is flagged above its band within two steps of its onset',
  async (_, __, s, onset) => {
    // The dashboard is looked at 12 hours after the onset.
    const [series] = await dashboard(s.expr, onset + 12 * HOUR);
    const { time, fields } = series;
    const flag = fields.get('flag')!;
    const upper = fields.get('upper')!;
    const raw = fields.get(s.expr.split('{')[0])!;
    // The points in (onset, onset + 2 steps]: at the onset itself the incident has not moved the value yet.
    const within = time.flatMap((t, j) => (t > onset && t <= onset + 2 * STEP && flag[j] !== 0 ? [j] : []));
    expect(within.length).toBeGreaterThan(0);
    const i = within[0];
    expect(flag[i]).toBe(1);
    expect(raw[i]).toBeGreaterThan(upper[i]);
    // Never on the wrong side during the incident or the hour after it.
    const end = onset + s.durationMs + HOUR;
    expect(time.filter((t, j) => t > onset && t <= end && flag[j] === -1)).toEqual([]);
  }
);

test('a quiet day (no scheduled incident on the series) raises no flag on any demo series', async () => {
  // Thursday 2026-03-05, shown on the 2-day dashboard ending at its end: no incident of any series falls in it.
  const dayFrom = Date.UTC(2026, 2, 5);
  const dayTo = dayFrom + DAY;
  const quiet = (s: Schedule) => !onsets(s).some((o) => o + s.durationMs + HOUR > dayFrom && o < dayTo);
  const flagged: string[] = [];
  let seriesSeen = 0;
  for (const m of DEMO_METRICS) {
    for (const s of await dashboard(m.name, dayTo)) {
      const schedule = scheduleOfSeries(m.name, s.labels);
      if (schedule && !quiet(schedule)) {
        continue;
      }
      seriesSeen++;
      const flag = s.fields.get('flag')!;
      s.time.forEach((t, j) => {
        if (t >= dayFrom && flag[j] !== 0) {
          flagged.push(`${m.name}${JSON.stringify(s.labels)} at ${new Date(t).toISOString()}`);
        }
      });
    }
  }
  expect(seriesSeen).toBeGreaterThanOrEqual(15);
  expect(flagged).toEqual([]);
});
