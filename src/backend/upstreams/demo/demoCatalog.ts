/**
 * The demo upstream's metrics and series, and the value of each series at any instant. Our own synthetic model,
 * built so the anomaly features have something to find:
 *  - daily and weekly seasonality (UTC; busy afternoons, quiet weekends),
 *  - seeded noise from a hash of (series, timestamp) — values are a pure function of (series, t),
 *  - incidents at fixed recurring times, on periods that are not multiples of a day so they do not fold into the
 *    seasonality: a checkout latency spike, a slow consumer-lag build-up toward 180 s, a CPU saturation episode;
 *  - one Kafka broker of four carrying a tenth of the load (a peer outlier);
 *  - one cause: the checkout spike follows a slowdown of its database (`demo_db_query_latency_seconds`,
 *    db="orders-db"), which starts `CHECKOUT_CAUSE_LEAD_MS` (2 minutes) earlier on the same schedule, so a
 *    correlations query over the spike finds orders-db leading checkout by 2 minutes (lag +120 s). The other
 *    databases only follow the load. Added as a new metric, so the existing series keep their values.
 */
import type { MetricInfo } from '../../../shared/resources';
import { fnv1a, hashGaussian } from './hashNoise';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;

/** Epoch anchor of the incident schedules (Monday 2024-01-01T00:00:00Z). */
const ANCHOR = Date.UTC(2024, 0, 1);

export interface DemoSeries {
  metric: string;
  labels: Record<string, string>;
  /** Stable identity: metric + sorted labels, e.g. `demo_cpu_utilization{host="web-1"}`. */
  key: string;
  value(t: number): number;
}

export interface DemoMetric extends MetricInfo {
  series: DemoSeries[];
}

/** 0..1 load shape: daily peak around 14:00 UTC, trough around 02:00; weekends at 60 %. */
export function loadShape(t: number): number {
  const dayPhase = (((t % DAY) + DAY) % DAY) / DAY; // 0..1
  const daily = 0.5 - 0.5 * Math.cos(2 * Math.PI * (dayPhase - 2 / 24)); // min at 02:00, max at 14:00
  const weekPhase = ((((t - ANCHOR) % WEEK) + WEEK) % WEEK) / DAY; // days since Monday 00:00
  const weekend = weekPhase >= 5 ? 0.6 : 1;
  return (0.25 + 0.75 * daily) * weekend;
}

/**
 * Position inside a recurring incident: returns the fraction 0..1 elapsed in the incident window, or -1 outside.
 * Incidents start at ANCHOR + offset + k·period and last `duration`.
 */
export function incidentPhase(t: number, periodMs: number, offsetMs: number, durationMs: number): number {
  const since = (((t - ANCHOR - offsetMs) % periodMs) + periodMs) % periodMs;
  return since < durationMs ? since / durationMs : -1;
}

/** A demo series' key, `metric{k="v",…}` with its labels sorted: one per series of the catalogue. */
export function demoSeriesKey(metric: string, labels: Record<string, string>): string {
  const parts = Object.keys(labels)
    .sort()
    .map((k) => `${k}="${labels[k]}"`);
  return `${metric}{${parts.join(',')}}`;
}

function series(
  metric: string,
  labels: Record<string, string>,
  value: (t: number, seed: number) => number
): DemoSeries {
  const key = demoSeriesKey(metric, labels);
  const seed = fnv1a(key);
  return { metric, labels, key, value: (t) => value(t, seed) };
}

const SERVICES: Array<[string, number]> = [
  ['checkout', 0.18],
  ['cart', 0.09],
  ['search', 0.25],
  ['payments', 0.32],
];

/** Schedule of the checkout latency spike: 20 minutes every 53 hours (offset from ANCHOR). */
export const CHECKOUT_SPIKE = { periodMs: 53 * HOUR, offsetMs: 7 * HOUR, durationMs: 20 * MINUTE } as const;
/** Schedule of the analytics consumer-lag build-up: 4 hours every 31 hours. */
export const LAG_BUILDUP = { periodMs: 31 * HOUR, offsetMs: 3 * HOUR, durationMs: 4 * HOUR } as const;
/** Schedule of web-2's CPU saturation: 45 minutes every 77 hours. */
export const CPU_SATURATION = { periodMs: 77 * HOUR, offsetMs: 11 * HOUR, durationMs: 45 * MINUTE } as const;
/** How long before each checkout spike its cause, the orders-db slowdown, starts. */
export const CHECKOUT_CAUSE_LEAD_MS = 2 * MINUTE;

/** Triangle 0 → 1 → 0 over an incident (phase 0..1), 0 outside (phase −1). */
function triangle(phase: number): number {
  return phase >= 0 ? 1 - Math.abs(2 * phase - 1) : 0;
}

const latency = SERVICES.map(([service, base]) =>
  series('demo_http_latency_seconds', { service }, (t, seed) => {
    let v = base * (1 + 0.6 * loadShape(t)) * (1 + 0.05 * hashGaussian(seed, t));
    if (service === 'checkout') {
      // Latency spike: 20 minutes every 53 hours, ×5 at its peak (triangular).
      const p = incidentPhase(t, CHECKOUT_SPIKE.periodMs, CHECKOUT_SPIKE.offsetMs, CHECKOUT_SPIKE.durationMs);
      if (p >= 0) {
        v *= 1 + 4 * triangle(p);
      }
    }
    return Math.max(v, 0.001);
  })
);

const DATABASES: Array<[string, number]> = [
  ['orders-db', 0.012],
  ['catalog-db', 0.006],
  ['sessions-db', 0.002],
  ['inventory-db', 0.009],
];

const dbLatency = DATABASES.map(([db, base]) =>
  series('demo_db_query_latency_seconds', { db }, (t, seed) => {
    let v = base * (1 + 0.4 * loadShape(t)) * (1 + 0.06 * hashGaussian(seed, t));
    if (db === 'orders-db') {
      // Lock contention: ×8 at its peak, the same triangle as the checkout spike, starting 2 minutes before it.
      const p = incidentPhase(
        t,
        CHECKOUT_SPIKE.periodMs,
        CHECKOUT_SPIKE.offsetMs - CHECKOUT_CAUSE_LEAD_MS,
        CHECKOUT_SPIKE.durationMs
      );
      v *= 1 + 7 * triangle(p);
    }
    return Math.max(v, 0.0001);
  })
);

const BROKERS = ['kafka-1', 'kafka-2', 'kafka-3', 'kafka-4'];
const bytesIn = BROKERS.map((broker) =>
  series('demo_kafka_bytes_in', { broker }, (t, seed) => {
    // kafka-3 carries a tenth of its peers' load (partition imbalance): the peer outlier.
    const share = broker === 'kafka-3' ? 0.1 : 1;
    const v = 4e6 * share * (0.2 + loadShape(t)) * (1 + 0.08 * hashGaussian(seed, t));
    return Math.max(v, 0);
  })
);

const GROUPS = ['billing', 'analytics', 'notifications'];
const lag = GROUPS.map((group) =>
  series('demo_consumer_lag', { group }, (t, seed) => {
    let v = 2 + 3 * loadShape(t) + 0.8 * Math.abs(hashGaussian(seed, t));
    if (group === 'analytics') {
      // Slow build-up: over 4 hours every 31 hours the lag climbs linearly to ~200 s (crossing a 180 s
      // threshold near the end), then the consumer catches up.
      const p = incidentPhase(t, LAG_BUILDUP.periodMs, LAG_BUILDUP.offsetMs, LAG_BUILDUP.durationMs);
      if (p >= 0) {
        v += 200 * p;
      }
    }
    return v;
  })
);

const HOSTS = ['web-1', 'web-2', 'web-3', 'db-1'];
const cpu = HOSTS.map((host) =>
  series('demo_cpu_utilization', { host }, (t, seed) => {
    let v = (host === 'db-1' ? 0.35 : 0.2) + 0.45 * loadShape(t) + 0.03 * hashGaussian(seed, t);
    if (host === 'web-2') {
      // CPU saturation for 45 minutes every 77 hours.
      if (incidentPhase(t, CPU_SATURATION.periodMs, CPU_SATURATION.offsetMs, CPU_SATURATION.durationMs) >= 0) {
        v = 0.97 + 0.02 * hashGaussian(seed ^ 0x5bd1e995, t);
      }
    }
    return Math.min(Math.max(v, 0), 1);
  })
);

export const DEMO_METRICS: DemoMetric[] = [
  {
    name: 'demo_http_latency_seconds',
    help: 'Request latency per service; checkout spikes for 20 min every 53 h.',
    unit: 's',
    labels: ['service'],
    series: latency,
  },
  {
    name: 'demo_db_query_latency_seconds',
    help: 'Query latency per database; orders-db slows down 2 min before each checkout spike (its cause).',
    unit: 's',
    labels: ['db'],
    series: dbLatency,
  },
  {
    name: 'demo_kafka_bytes_in',
    help: 'Bytes in per second per Kafka broker; kafka-3 carries a tenth of the load.',
    unit: 'Bps',
    labels: ['broker'],
    series: bytesIn,
  },
  {
    name: 'demo_consumer_lag',
    help: 'Consumer lag in seconds per group; analytics builds up toward 180 s for 4 h every 31 h.',
    unit: 's',
    labels: ['group'],
    series: lag,
  },
  {
    name: 'demo_cpu_utilization',
    help: 'CPU utilisation (0–1) per host; web-2 saturates for 45 min every 77 h.',
    unit: 'percentunit',
    labels: ['host'],
    series: cpu,
  },
];

export function findDemoMetric(name: string): DemoMetric | undefined {
  return DEMO_METRICS.find((m) => m.name === name);
}
