/**
 * Prometheus series with the metric names and labels the docs/alerting.md recipes query (a latency histogram,
 * node_exporter filesystem gauges, Kafka broker byte counters), so each recipe's query runs unchanged against a
 * real Prometheus. Their shapes come from the demo catalogue and workload, with one incident each:
 *  - checkout p99 latency is the demo checkout latency (spike every 53 h), encoded as histogram buckets whose
 *    `histogram_quantile(0.99, …)` gives that latency back (linear interpolation inside the bucket holding it);
 *  - the WAL filesystem of db-1 fills like the demo workload's volume (2 %/h, rotated at 95 %), and a tmpfs that
 *    fills much faster must be ignored by the recipe's `fstype!="tmpfs"`;
 *  - kafka-3's bytes in follow its peers' mean until `outlierStartMs`, then carry the demo's tenth of the load.
 * Counters are integrated from rates, so samples must be asked for in increasing time at a fixed step.
 */
import type { HistoryMetric, HistorySample } from '../../../demo/workload/openMetrics';
import { diskUsed } from '../../../demo/workload/workloadSeries';
import { demoValue } from './demoIncidents';

/** Bucket bounds of the latency histogram (seconds), the client libraries' defaults. */
export const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const REQUESTS_PER_SECOND = 50;
const FS_SIZE_BYTES = 500e9;

export const RECIPE_METRICS: HistoryMetric[] = [
  { name: 'http_request_duration_seconds_bucket', help: 'Request latency histogram.', type: 'gauge' },
  { name: 'node_filesystem_avail_bytes', help: 'Filesystem space available.', type: 'gauge' },
  { name: 'node_filesystem_size_bytes', help: 'Filesystem size.', type: 'gauge' },
  { name: 'kafka_server_brokertopicmetrics_bytesin_total', help: 'Bytes in per broker.', type: 'gauge' },
];

/** The filesystem the disk recipe must fire for (labels as node_exporter gives them). */
export const WAL_FILESYSTEM = { instance: 'db-1:9100', mountpoint: '/var/lib/wal', fstype: 'ext4', device: '/dev/sdb' };
const TMPFS = { instance: 'db-1:9100', mountpoint: '/run', fstype: 'tmpfs', device: 'tmpfs' };
const BROKERS = ['kafka-1', 'kafka-2', 'kafka-3', 'kafka-4'];

/**
 * Cumulative per-bucket request counts for `n` requests whose 99th percentile, as histogram_quantile interpolates
 * it, is `latency`: 99 % − f·1 % of the requests in the first bucket, 1 % in the bucket (lo, hi] holding the
 * latency (f = its position in that bucket) and f·1 % above every finite bound.
 */
export function bucketCounts(latency: number, n: number): number[] {
  const j = LATENCY_BUCKETS.findIndex((hi) => latency <= hi);
  if (j < 1) {
    throw new Error(`latency ${latency} s is outside the buckets this encoding supports`);
  }
  const lo = LATENCY_BUCKETS[j - 1];
  const f = (latency - lo) / (LATENCY_BUCKETS[j] - lo);
  const fast = 0.99 * n - 0.01 * n * f;
  return [...LATENCY_BUCKETS.map((_, k) => (k < j ? fast : fast + 0.01 * n)), n];
}

export interface RecipeTimeline {
  /** From when the series exist (the histogram needs the seasonal band's 3 days of history before any rule). */
  fromMs: number;
  /** The disk volume is at 80 % here and fills 2 %/h (the demo workload's anchor). */
  diskAnchorMs: number;
  /** kafka-3 drops to a tenth of its peers' load here. */
  outlierStartMs: number;
}

/** `samplesAt(t)` for t = fromMs, fromMs + stepMs, … (in this order), as openMetricsHistory asks for them. */
export function recipeSamples(timeline: RecipeTimeline, stepMs: number): (t: number) => HistorySample[] {
  const buckets = new Array<number>(LATENCY_BUCKETS.length + 1).fill(0);
  const bytes = new Map(BROKERS.map((b) => [b, 0]));
  let last = -Infinity;
  return (t) => {
    if (t <= last) {
      throw new Error('recipe samples must be asked for in increasing time');
    }
    last = t;
    const seconds = stepMs / 1000;
    const latency = demoValue('demo_http_latency_seconds', { service: 'checkout' }, t);
    bucketCounts(latency, REQUESTS_PER_SECOND * seconds).forEach((c, k) => (buckets[k] += c));
    const peers = BROKERS.filter((b) => b !== 'kafka-3').map((b) => demoValue('demo_kafka_bytes_in', { broker: b }, t));
    for (const b of BROKERS) {
      const rate =
        b === 'kafka-3' && t < timeline.outlierStartMs
          ? peers.reduce((a, x) => a + x, 0) / peers.length
          : demoValue('demo_kafka_bytes_in', { broker: b }, t);
      bytes.set(b, bytes.get(b)! + rate * seconds);
    }
    const tmpfsUsed = 0.5 + 0.4 * (((t - timeline.fromMs) / 3_600_000) % 1);
    return [
      ...[...LATENCY_BUCKETS.map(String), '+Inf'].map((le, k) => ({
        metric: 'http_request_duration_seconds_bucket',
        labels: { service: 'checkout', le },
        value: buckets[k],
      })),
      { metric: 'node_filesystem_size_bytes', labels: WAL_FILESYSTEM, value: FS_SIZE_BYTES },
      {
        metric: 'node_filesystem_avail_bytes',
        labels: WAL_FILESYSTEM,
        value: FS_SIZE_BYTES * (1 - diskUsed(t, timeline.diskAnchorMs)),
      },
      { metric: 'node_filesystem_size_bytes', labels: TMPFS, value: 1e9 },
      { metric: 'node_filesystem_avail_bytes', labels: TMPFS, value: 1e9 * (1 - tmpfsUsed) },
      ...BROKERS.map((broker) => ({
        metric: 'kafka_server_brokertopicmetrics_bytesin_total',
        labels: { broker },
        value: bytes.get(broker)!,
      })),
    ];
  };
}
