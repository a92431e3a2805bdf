/**
 * Where the demo catalogue's scheduled incidents are, per series: the series each recurring incident of
 * demoCatalog.ts moves, and the onsets of an incident inside a span. The demo conformance test and the demo
 * false-onset sweep of the evaluation both judge flags against these.
 */
import { CHECKOUT_CAUSE_LEAD_MS, CHECKOUT_SPIKE, CPU_SATURATION, incidentPhase, LAG_BUILDUP } from './demoCatalog';

const MINUTE = 60_000;

export interface DemoIncidentSchedule {
  name: string;
  /** The one series the incident moves, as a selector. */
  expr: string;
  periodMs: number;
  offsetMs: number;
  durationMs: number;
}

export const DEMO_INCIDENT_SCHEDULES: readonly DemoIncidentSchedule[] = [
  { name: 'checkout latency spike', expr: 'demo_http_latency_seconds{service="checkout"}', ...CHECKOUT_SPIKE },
  {
    name: 'orders-db slowdown (its cause)',
    expr: 'demo_db_query_latency_seconds{db="orders-db"}',
    ...CHECKOUT_SPIKE,
    offsetMs: CHECKOUT_SPIKE.offsetMs - CHECKOUT_CAUSE_LEAD_MS,
  },
  { name: 'analytics consumer-lag build-up', expr: 'demo_consumer_lag{group="analytics"}', ...LAG_BUILDUP },
  { name: 'web-2 CPU saturation', expr: 'demo_cpu_utilization{host="web-2"}', ...CPU_SATURATION },
];

/**
 * Onsets (the first instant of the incident; schedules start on whole minutes) of a schedule in [fromMs, toMs),
 * fromMs on a whole minute.
 */
export function incidentOnsets(s: DemoIncidentSchedule, fromMs: number, toMs: number): number[] {
  const out: number[] = [];
  const phase = (u: number) => incidentPhase(u, s.periodMs, s.offsetMs, s.durationMs);
  for (let t = fromMs; t < toMs; t += MINUTE) {
    if (phase(t) >= 0 && phase(t - MINUTE) < 0) {
      out.push(t);
    }
  }
  return out;
}

/** The schedule whose incidents move the series `metric{labels}`, if any. */
export function scheduleOfSeries(metric: string, labels: Record<string, string>): DemoIncidentSchedule | undefined {
  return DEMO_INCIDENT_SCHEDULES.find(
    (x) => x.expr.startsWith(`${metric}{`) && Object.entries(labels).every(([k, v]) => x.expr.includes(`${k}="${v}"`))
  );
}
