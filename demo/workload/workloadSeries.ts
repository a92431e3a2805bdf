/**
 * The demo workload's service metrics: a pure function of (time, schedule anchor). Our own synthetic model; no
 * imports, so Node 24 runs it with type stripping and jest imports it unchanged.
 *
 * What it models (UTC):
 *  - daily and weekly load: busy afternoons (peak 14:00), quiet nights (trough 02:00), weekends at 60 %;
 *  - seeded noise from a hash of (series, 15 s slot), so a backfill and a live scrape agree on every value;
 *  - scheduled incidents with causes, recurring from `anchorMs` (the stack's start rounded down to the hour, so an
 *    SRE who starts the stack sees the first ones within the hour). Periods do not divide a day, so an incident
 *    does not land at the same time of day in consecutive days and seasonal bands do not learn it as normal:
 *      * db slowness: `payments-db` query latency ×8 (reached within 2 min) for 20 min every 7 h; payments latency follows one minute
 *        later and checkout two minutes later (checkout → payments → db: the cause is two hops away);
 *      * consumer lag: the `analytics` group falls behind for 3 h every 13 h, climbing toward the 180 s SLA and
 *        crossing it in the last 18 minutes, then catching up in 10 minutes;
 *      * CPU saturation: `web-2` pinned near 100 % for 30 min every 11 h;
 *      * disk fill: `db-1`'s WAL volume grows 2 %/h from 40 % and is rotated back at 95 % (every 27.5 h);
 *  - structural: broker `kafka-3` carries a tenth of its peers' bytes in (a peer outlier, always).
 */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export interface WorkloadSample {
  metric: string;
  labels: Record<string, string>;
  value: number;
}

export interface MetricDefinition {
  name: string;
  help: string;
  /** Prometheus metric type of the exposition. */
  type: 'gauge';
  unit: string;
}

export const WORKLOAD_METRICS: readonly MetricDefinition[] = [
  { name: 'http_latency_p99_seconds', help: '99th percentile request latency per service.', type: 'gauge', unit: 's' },
  { name: 'http_requests_per_second', help: 'Requests per second per service.', type: 'gauge', unit: 'reqps' },
  { name: 'db_query_latency_seconds', help: 'Mean query latency per database.', type: 'gauge', unit: 's' },
  { name: 'kafka_bytes_in_per_second', help: 'Bytes in per second per Kafka broker.', type: 'gauge', unit: 'Bps' },
  { name: 'kafka_consumer_lag_seconds', help: 'Consumer lag per consumer group.', type: 'gauge', unit: 's' },
  { name: 'node_cpu_utilization', help: 'CPU utilisation (0-1) per host.', type: 'gauge', unit: 'percentunit' },
  {
    name: 'node_filesystem_used_ratio',
    help: 'Used share (0-1) of a filesystem per host and mount.',
    type: 'gauge',
    unit: 'percentunit',
  },
];

/** A recurring incident: starts at anchor + offset + k·period, lasts `duration`. */
export interface IncidentSchedule {
  name: string;
  cause: string;
  periodMs: number;
  offsetMs: number;
  durationMs: number;
}

export const INCIDENTS = {
  dbSlowness: {
    name: 'db slowness',
    cause: 'payments-db lock contention; payments and then checkout latency follow (checkout → payments → db)',
    periodMs: 7 * HOUR,
    offsetMs: 20 * MINUTE,
    durationMs: 20 * MINUTE,
  },
  consumerLag: {
    name: 'analytics consumer falls behind',
    cause: 'the analytics consumer group is under-provisioned during a batch re-index; lag builds toward the 180 s SLA',
    periodMs: 13 * HOUR,
    offsetMs: 30 * MINUTE,
    durationMs: 3 * HOUR,
  },
  cpuSaturation: {
    name: 'web-2 CPU saturation',
    cause: 'a runaway cron job on web-2',
    periodMs: 11 * HOUR,
    offsetMs: 40 * MINUTE,
    durationMs: 30 * MINUTE,
  },
} as const satisfies Record<string, IncidentSchedule>;

/** The consumer-lag SLA the analytics build-up approaches and crosses. */
export const LAG_SLA_SECONDS = 180;
/** Catch-up time after the lag incident. */
const LAG_DRAIN_MS = 10 * MINUTE;
/** Propagation delay per hop of the db incident. */
export const HOP_DELAY_MS = MINUTE;

const DISK_START = 0.4;
const DISK_ROTATE_AT = 0.95;
const DISK_GROWTH_PER_HOUR = 0.02;

/** Anchor of the schedules for a process started at `startMs`: the hour it started in. */
export function scheduleAnchor(startMs: number): number {
  return Math.floor(startMs / HOUR) * HOUR;
}

/** Fraction 0..1 elapsed in the incident window that contains `t`, or -1 outside every window. */
export function incidentPhase(t: number, anchorMs: number, s: IncidentSchedule): number {
  const since = (((t - anchorMs - s.offsetMs) % s.periodMs) + s.periodMs) % s.periodMs;
  return since < s.durationMs ? since / s.durationMs : -1;
}

/** Start of the first window of `s` that begins at or after `fromMs`. */
export function nextIncidentStart(fromMs: number, anchorMs: number, s: IncidentSchedule): number {
  const first = anchorMs + s.offsetMs;
  const k = Math.max(0, Math.ceil((fromMs - first) / s.periodMs));
  return first + k * s.periodMs;
}

/** 0..1 load: daily peak at 14:00 UTC, trough at 02:00, Saturdays and Sundays at 60 %. */
export function loadShape(t: number): number {
  const dayPhase = (((t % DAY) + DAY) % DAY) / DAY;
  const daily = 0.5 - 0.5 * Math.cos(2 * Math.PI * (dayPhase - 2 / 24));
  const weekday = new Date(t).getUTCDay(); // 0 Sunday … 6 Saturday
  const weekend = weekday === 0 || weekday === 6 ? 0.6 : 1;
  return (0.25 + 0.75 * daily) * weekend;
}

/** FNV-1a (32-bit) of a text: the per-series seed. */
function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** murmur3's fmix32 finaliser. */
function fmix32(x: number): number {
  let h = x >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * Standard normal noise, constant within each 15 s slot (the scrape interval) so that a backfill at any step and
 * a live scrape see the same value for the same instant. Box–Muller over two hashed uniforms.
 */
export function noise(seed: number, t: number): number {
  const slot = Math.floor(t / 15_000);
  const a = fmix32(seed ^ fmix32(slot ^ Math.imul(Math.floor(slot / 0x100000000) + 1, 0x9e3779b9)));
  const b = fmix32(a ^ 0x5bd1e995);
  const u1 = Math.max(a / 0x100000000, 1e-12);
  const u2 = b / 0x100000000;
  return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
}

function sample(metric: string, labels: Record<string, string>, value: number): WorkloadSample {
  return { metric, labels, value };
}

function seedOf(metric: string, labels: Record<string, string>): number {
  return fnv1a(metric + JSON.stringify(labels));
}

const SERVICES: Array<[string, number, number]> = [
  // service, p99 latency at zero load (s), requests/s at peak
  ['checkout', 0.18, 120],
  ['cart', 0.09, 300],
  ['search', 0.25, 800],
  ['payments', 0.32, 110],
];
export const BROKERS = ['kafka-1', 'kafka-2', 'kafka-3', 'kafka-4'];
export const CONSUMER_GROUPS = ['billing', 'analytics', 'notifications'];
export const HOSTS = ['web-1', 'web-2', 'web-3', 'db-1'];

/** Trapezoid 0→1 over the first 10 % of a phase, 1 until 80 %, back to 0 at the end; 0 outside. */
function plateau(phase: number): number {
  if (phase < 0) {
    return 0;
  }
  return phase < 0.1 ? phase / 0.1 : phase < 0.8 ? 1 : (1 - phase) / 0.2;
}

/** Multiplier of the db latency at `t`: ×8 on the plateau of the db incident (locks pile up within 2 minutes). */
function dbFactor(t: number, anchorMs: number): number {
  return 1 + 7 * plateau(incidentPhase(t, anchorMs, INCIDENTS.dbSlowness));
}

/** Extra time a payments request spends waiting on the db at `t` (s). */
function paymentsWait(t: number, anchorMs: number): number {
  return 25 * 0.012 * (dbFactor(t, anchorMs) - 1);
}

/** Every series of the workload at instant `t` (epoch ms), schedules anchored at `anchorMs`. */
export function workloadSamples(t: number, anchorMs: number): WorkloadSample[] {
  const out: WorkloadSample[] = [];
  const load = loadShape(t);

  const dbLabels = { db: 'payments-db' };
  const dbSeed = seedOf('db_query_latency_seconds', dbLabels);
  out.push(
    sample(
      'db_query_latency_seconds',
      dbLabels,
      0.012 * (1 + 0.5 * load) * dbFactor(t, anchorMs) * (1 + 0.04 * noise(dbSeed, t))
    )
  );

  for (const [service, base, peakRps] of SERVICES) {
    const labels = { service };
    let latency = base * (1 + 0.6 * load);
    // The db incident reaches payments one hop later (each payment runs ~25 queries, so it waits 25× the extra
    // db latency) and checkout two hops later (it waits on one payments call).
    if (service === 'payments') {
      latency += paymentsWait(t - HOP_DELAY_MS, anchorMs);
    } else if (service === 'checkout') {
      latency += paymentsWait(t - 2 * HOP_DELAY_MS, anchorMs);
    }
    const lseed = seedOf('http_latency_p99_seconds', labels);
    out.push(sample('http_latency_p99_seconds', labels, Math.max(0.001, latency * (1 + 0.05 * noise(lseed, t)))));
    const rseed = seedOf('http_requests_per_second', labels);
    out.push(
      sample('http_requests_per_second', labels, Math.max(0, peakRps * (0.1 + load) * (1 + 0.04 * noise(rseed, t))))
    );
  }

  for (const broker of BROKERS) {
    const labels = { broker };
    const share = broker === 'kafka-3' ? 0.1 : 1; // partition imbalance: the peer outlier
    const seed = seedOf('kafka_bytes_in_per_second', labels);
    out.push(
      sample('kafka_bytes_in_per_second', labels, Math.max(0, 4e6 * share * (0.2 + load) * (1 + 0.08 * noise(seed, t))))
    );
  }

  for (const group of CONSUMER_GROUPS) {
    const labels = { group };
    const seed = seedOf('kafka_consumer_lag_seconds', labels);
    let lag = 2 + 3 * load + 0.8 * Math.abs(noise(seed, t));
    if (group === 'analytics') {
      lag += analyticsBacklog(t, anchorMs);
    }
    out.push(sample('kafka_consumer_lag_seconds', labels, lag));
  }

  for (const host of HOSTS) {
    const labels = { host };
    const seed = seedOf('node_cpu_utilization', labels);
    let cpu = (host === 'db-1' ? 0.35 : 0.2) + 0.45 * load + 0.03 * noise(seed, t);
    if (host === 'web-2' && incidentPhase(t, anchorMs, INCIDENTS.cpuSaturation) >= 0) {
      cpu = 0.97 + 0.01 * noise(seed ^ 0x27d4eb2f, t);
    }
    out.push(sample('node_cpu_utilization', labels, Math.min(1, Math.max(0, cpu))));
  }

  out.push(
    sample('node_filesystem_used_ratio', { host: 'db-1', mount: '/var/lib/postgresql/wal' }, diskUsed(t, anchorMs))
  );
  for (const host of ['web-1', 'web-2', 'web-3']) {
    const labels = { host, mount: '/' };
    out.push(
      sample(
        'node_filesystem_used_ratio',
        labels,
        0.31 + 0.002 * noise(seedOf('node_filesystem_used_ratio', labels), t)
      )
    );
  }
  return out;
}

/**
 * Extra lag (s) of the analytics group: linear build-up over the incident to 200 s (so it crosses the 180 s SLA
 * at 90 % of the window, 18 minutes before its end), then a linear drain over LAG_DRAIN_MS.
 */
export function analyticsBacklog(t: number, anchorMs: number): number {
  const s = INCIDENTS.consumerLag;
  const p = incidentPhase(t, anchorMs, s);
  if (p >= 0) {
    return 200 * p;
  }
  const afterEnd = incidentPhase(t - s.durationMs, anchorMs, { ...s, durationMs: LAG_DRAIN_MS });
  return afterEnd >= 0 ? 200 * (1 - afterEnd) : 0;
}

/** Used share of db-1's WAL volume: a sawtooth from 40 % growing 2 %/h, rotated at 95 %. */
export function diskUsed(t: number, anchorMs: number): number {
  const cycleMs = ((DISK_ROTATE_AT - DISK_START) / DISK_GROWTH_PER_HOUR) * HOUR;
  // Anchored so that the volume is at 80 % when the workload starts: the 6 h forecast breach is near.
  const startPhase = ((0.8 - DISK_START) / DISK_GROWTH_PER_HOUR) * HOUR;
  const since = (((t - anchorMs + startPhase) % cycleMs) + cycleMs) % cycleMs;
  return DISK_START + DISK_GROWTH_PER_HOUR * (since / HOUR);
}
