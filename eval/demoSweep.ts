/**
 * The demo false-onset sweep: the product's default query (DEFAULT_QUERY: outputs raw, band, flag, every option at
 * its default) run through the function the backend runs for a query (runByQueryType, in process, against the
 * built-in demo upstream) over two-day dashboards at Grafana's 3-minute step, on every series of the demo
 * catalogue. Each flag onset (a flagged point whose previous point is not flagged; the first point of a dashboard
 * counts when flagged) is either near a scheduled incident of its series (from 2 steps before its onset to 2 steps
 * after its end) or a false onset, a page an SRE would not want. Each scheduled incident whose onset falls in a
 * dashboard is checked for a flag within two steps after its onset, as the demo conformance test asks.
 */
import { DataSourceInstances } from '../src/backend/pipeline/DataSourceInstances';
import type { PluginContext } from '../src/backend/server/protoTypes';
import { parseQueryJson } from '../src/backend/query/parseQuery';
import { runByQueryType } from '../src/backend/query/runByQueryType';
import type { NumberField, TimeField } from '../src/backend/frames/frame';
import { DEMO_METRICS, demoSeriesKey } from '../src/backend/upstreams/demo/demoCatalog';
import { incidentOnsets, scheduleOfSeries } from '../src/backend/upstreams/demo/demoIncidentSchedules';
import { OUTPUT_FIELDS, OUTPUT_LABEL } from '../src/shared/frameConventions';
import { DEFAULT_QUERY } from '../src/shared/queryModel';

const MIN = 60_000;
const DAY = 24 * 60 * MIN;

/** Grafana's interval for a 2-day range on a panel about 1,000 pixels wide. */
export const SWEEP_STEP_MS = 3 * MIN;
/** The dashboards' ends: 00:00 UTC of 2026-03-03, 05, 07, 09, 11, 13; each shows the two days before. */
export const SWEEP_DASHBOARD_ENDS: readonly number[] = [3, 5, 7, 9, 11, 13].map((d) => Date.UTC(2026, 2, d));
export const SWEEP_RANGE_MS = 2 * DAY;

export interface IncidentWindow {
  onsetMs: number;
  endMs: number;
}

export interface OnsetClassification {
  /** Onset times (ms) not near any incident. */
  falseOnsets: number[];
  /** Per incident with its onset in the dashboard: whether a flag lies in (onset, onset + 2 steps]. */
  caught: boolean[];
}

/**
 * Classifies the flag onsets of one series on one dashboard against the incidents of that series (see the file
 * comment). `flag` holds 0 or ±1 (NaN counts as not flagged); nothing is mutated.
 */
export function classifyOnsets(
  time: ArrayLike<number>,
  flag: ArrayLike<number>,
  incidents: readonly IncidentWindow[],
  stepMs: number
): OnsetClassification {
  const flagged = (j: number) => flag[j] === 1 || flag[j] === -1;
  const falseOnsets: number[] = [];
  for (let j = 0; j < time.length; j++) {
    if (!flagged(j) || (j > 0 && flagged(j - 1))) {
      continue;
    }
    const t = time[j];
    if (!incidents.some((w) => t >= w.onsetMs - 2 * stepMs && t <= w.endMs + 2 * stepMs)) {
      falseOnsets.push(t);
    }
  }
  const from = time.length > 0 ? time[0] : Infinity;
  const to = time.length > 0 ? time[time.length - 1] : -Infinity;
  const caught = incidents
    .filter((w) => w.onsetMs >= from && w.onsetMs <= to)
    .map((w) => {
      for (let j = 0; j < time.length; j++) {
        if (time[j] > w.onsetMs && time[j] <= w.onsetMs + 2 * stepMs && flagged(j)) {
          return true;
        }
      }
      return false;
    });
  return { falseOnsets, caught };
}

export interface SweepSeries {
  series: string;
  falseOnsets: number[];
}

export interface SweepIncident {
  series: string;
  name: string;
  onsetMs: number;
  flaggedWithinTwoSteps: boolean;
}

export interface SweepResult {
  series: SweepSeries[];
  incidents: SweepIncident[];
  /** Number of (series, dashboard) pairs judged. */
  seriesDashboards: number;
}

const DEMO_CONTEXT = {
  dataSourceInstanceSettings: {
    uid: 'demo-sweep',
    name: 'Anomaly Lens demo',
    jsonData: Buffer.from(JSON.stringify({ upstream: 'demo' })),
    decryptedSecureJsonData: {},
    lastUpdatedMS: 1,
  },
} as unknown as PluginContext;

/** One dashboard of the default query on `metric` (all its series): per series, its time and flag values. */
async function dashboard(
  instances: DataSourceInstances,
  metric: string,
  toMs: number
): Promise<Array<{ labels: Record<string, string>; time: ArrayLike<number>; flag: ArrayLike<number | null> }>> {
  const settings = instances.get(DEMO_CONTEXT);
  const query = parseQueryJson('A', JSON.stringify({ ...DEFAULT_QUERY, refId: 'A', expr: metric }));
  const frames = await runByQueryType(settings, query, {
    fromMs: toMs - SWEEP_RANGE_MS,
    toMs,
    intervalMs: SWEEP_STEP_MS,
    maxDataPoints: 1000,
  });
  const out = [];
  for (const f of frames) {
    const [time, value] = f.fields as [TimeField, NumberField];
    if (value?.name !== OUTPUT_FIELDS.flag) {
      continue;
    }
    const { [OUTPUT_LABEL]: _, ...labels } = value.labels ?? {};
    out.push({ labels, time: time.values, flag: value.values });
  }
  return out;
}

/** Runs the sweep over the given dashboard ends (default SWEEP_DASHBOARD_ENDS) and metrics (default all). */
export async function demoSweep(
  ends: readonly number[] = SWEEP_DASHBOARD_ENDS,
  metrics: readonly string[] = DEMO_METRICS.map((m) => m.name)
): Promise<SweepResult> {
  const instances = new DataSourceInstances();
  const bySeries = new Map<string, number[]>();
  const incidents: SweepIncident[] = [];
  let seriesDashboards = 0;
  for (const metric of metrics) {
    for (const to of ends) {
      const from = to - SWEEP_RANGE_MS;
      for (const s of await dashboard(instances, metric, to)) {
        seriesDashboards++;
        const key = demoSeriesKey(metric, s.labels);
        const schedule = scheduleOfSeries(metric, s.labels);
        // Incidents that started up to a period before the range may still be running in it.
        const windows = schedule
          ? incidentOnsets(schedule, from - schedule.periodMs, to + 1).map((onsetMs) => ({
              onsetMs,
              endMs: onsetMs + schedule.durationMs,
            }))
          : [];
        const flag = Array.from(s.flag, (v) => (v === null ? NaN : v));
        const c = classifyOnsets(s.time, flag, windows, SWEEP_STEP_MS);
        bySeries.set(key, [...(bySeries.get(key) ?? []), ...c.falseOnsets]);
        const seen = windows.filter((w) => w.onsetMs >= s.time[0] && w.onsetMs <= s.time[s.time.length - 1]);
        seen.forEach((w, i) =>
          incidents.push({ series: key, name: schedule!.name, onsetMs: w.onsetMs, flaggedWithinTwoSteps: c.caught[i] })
        );
      }
    }
  }
  return {
    series: [...bySeries].map(([series, falseOnsets]) => ({ series, falseOnsets })),
    incidents,
    seriesDashboards,
  };
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** False onsets per UTC day of the week, Monday first. */
export function falseOnsetsByWeekday(result: SweepResult): Array<[string, number]> {
  const counts = new Array(7).fill(0);
  for (const s of result.series) {
    for (const t of s.falseOnsets) {
      counts[new Date(t).getUTCDay()]++;
    }
  }
  return [1, 2, 3, 4, 5, 6, 0].map((d) => [WEEKDAYS[d], counts[d]]);
}
