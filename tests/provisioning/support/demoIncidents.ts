/**
 * When the demo upstream's incidents happen, from the demo catalogue itself (src/backend/upstreams/demo): the
 * schedule is found with the catalogue's `incidentPhase`, and `confirmIncident` checks the series really moves
 * there, so a change to the catalogue shows up here as a clear failure rather than a silently quiet test.
 */
import { findDemoMetric, incidentPhase } from '../../../src/backend/upstreams/demo/demoCatalog';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** The schedules as demoCatalog.ts declares them (period, offset from its anchor, duration). */
export const DEMO_SCHEDULES = {
  checkoutSpike: { periodMs: 53 * HOUR, offsetMs: 7 * HOUR, durationMs: 20 * MINUTE },
  analyticsLag: { periodMs: 31 * HOUR, offsetMs: 3 * HOUR, durationMs: 4 * HOUR },
} as const;

/** First start (a whole minute) of the schedule's window at or after `fromMs`. */
export function incidentStart(schedule: keyof typeof DEMO_SCHEDULES, fromMs: number): number {
  const { periodMs, offsetMs, durationMs } = DEMO_SCHEDULES[schedule];
  for (let t = Math.ceil(fromMs / MINUTE) * MINUTE; t < fromMs + periodMs + MINUTE; t += MINUTE) {
    if (incidentPhase(t, periodMs, offsetMs, durationMs) === 0) {
      return t;
    }
  }
  throw new Error(`no ${schedule} incident within one period after ${new Date(fromMs).toISOString()}`);
}

/** Value of one demo series at `t`. */
export function demoValue(metric: string, labels: Record<string, string>, t: number): number {
  const series = findDemoMetric(metric)?.series.find((s) =>
    Object.entries(labels).every(([k, v]) => s.labels[k] === v)
  );
  if (!series) {
    throw new Error(`no demo series ${metric}${JSON.stringify(labels)}`);
  }
  return series.value(t);
}

/** Ratio of a series' value at `t` to its value one day earlier (same point of the daily cycle). */
export function ratioToDayBefore(metric: string, labels: Record<string, string>, t: number): number {
  return demoValue(metric, labels, t) / demoValue(metric, labels, t - DAY);
}
