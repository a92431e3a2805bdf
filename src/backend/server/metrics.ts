/**
 * Prometheus text exposition (format 0.0.4, prometheus.io/docs/instrumenting/exposition_formats) of process
 * metrics and our own query counters/histograms, served by Diagnostics/CollectMetrics. No
 * prom-client dependency: the bundle stays small and the few metric kinds we need are simple.
 */
import { readdirSync } from 'node:fs';

/** Query duration buckets in seconds. */
export const DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export type QueryOutcome = 'ok' | 'error';

interface Histogram {
  counts: number[]; // per bucket, non-cumulative
  sum: number;
  count: number;
}

function escapeLabel(v: string): string {
  return v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
}

function labelText(labels: Record<string, string>): string {
  const parts = Object.entries(labels).map(([k, v]) => `${k}="${escapeLabel(v)}"`);
  return parts.length ? `{${parts.join(',')}}` : '';
}

function num(v: number): string {
  return Number.isFinite(v) ? String(v) : v > 0 ? '+Inf' : v < 0 ? '-Inf' : 'NaN';
}

export class PluginMetrics {
  private readonly queries = new Map<string, number>(); // key: outcome|upstream|errorSource
  private readonly durations = new Map<QueryOutcome, Histogram>();
  private readonly rpcs = new Map<string, number>(); // key: method|code

  constructor(private readonly startTimeMs = Date.now()) {}

  /** Counts one query and its duration. */
  observeQuery(outcome: QueryOutcome, upstream: string, errorSource: string, seconds: number): void {
    const key = `${outcome}|${upstream}|${errorSource}`;
    this.queries.set(key, (this.queries.get(key) ?? 0) + 1);
    let h = this.durations.get(outcome);
    if (!h) {
      h = { counts: new Array(DURATION_BUCKETS.length).fill(0), sum: 0, count: 0 };
      this.durations.set(outcome, h);
    }
    const idx = DURATION_BUCKETS.findIndex((b) => seconds <= b);
    if (idx >= 0) {
      h.counts[idx]++;
    }
    h.sum += seconds;
    h.count++;
  }

  /** Counts one gRPC call by method and outcome code (`OK` or the gRPC status name). */
  observeRpc(method: string, code: string): void {
    const key = `${method}|${code}`;
    this.rpcs.set(key, (this.rpcs.get(key) ?? 0) + 1);
  }

  /** Number of queries observed with the given outcome (all upstreams). */
  queryCount(outcome: QueryOutcome): number {
    let n = 0;
    for (const [k, v] of this.queries) {
      if (k.startsWith(`${outcome}|`)) {
        n += v;
      }
    }
    return n;
  }

  render(): string {
    const lines: string[] = [];
    const gauge = (name: string, help: string, type: 'gauge' | 'counter', value: number): void => {
      lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`, `${name} ${num(value)}`);
    };

    const cpu = process.cpuUsage();
    gauge(
      'process_cpu_seconds_total',
      'Total user and system CPU time spent in seconds.',
      'counter',
      (cpu.user + cpu.system) / 1e6
    );
    const mem = process.memoryUsage();
    gauge('process_resident_memory_bytes', 'Resident memory size in bytes.', 'gauge', mem.rss);
    gauge(
      'process_start_time_seconds',
      'Start time of the process since unix epoch in seconds.',
      'gauge',
      this.startTimeMs / 1000
    );
    const fds = openFds();
    if (fds !== undefined) {
      gauge('process_open_fds', 'Number of open file descriptors.', 'gauge', fds);
    }
    gauge('nodejs_heap_size_used_bytes', 'V8 heap used in bytes.', 'gauge', mem.heapUsed);
    gauge('nodejs_heap_size_total_bytes', 'V8 heap total in bytes.', 'gauge', mem.heapTotal);
    gauge('nodejs_external_memory_bytes', 'Memory of C++ objects bound to JS objects in bytes.', 'gauge', mem.external);

    lines.push('# HELP anomalylens_queries_total Queries answered, by outcome, upstream and error source.');
    lines.push('# TYPE anomalylens_queries_total counter');
    for (const [key, v] of [...this.queries].sort()) {
      const [outcome, upstream, errorSource] = key.split('|');
      lines.push(`anomalylens_queries_total${labelText({ outcome, upstream, error_source: errorSource })} ${v}`);
    }

    lines.push('# HELP anomalylens_query_duration_seconds Time to answer one query, by outcome.');
    lines.push('# TYPE anomalylens_query_duration_seconds histogram');
    for (const [outcome, h] of [...this.durations].sort()) {
      let cumulative = 0;
      DURATION_BUCKETS.forEach((b, i) => {
        cumulative += h.counts[i];
        lines.push(`anomalylens_query_duration_seconds_bucket${labelText({ outcome, le: String(b) })} ${cumulative}`);
      });
      lines.push(`anomalylens_query_duration_seconds_bucket${labelText({ outcome, le: '+Inf' })} ${h.count}`);
      lines.push(`anomalylens_query_duration_seconds_sum${labelText({ outcome })} ${num(h.sum)}`);
      lines.push(`anomalylens_query_duration_seconds_count${labelText({ outcome })} ${h.count}`);
    }

    lines.push('# HELP anomalylens_grpc_requests_total gRPC calls served, by method and status code.');
    lines.push('# TYPE anomalylens_grpc_requests_total counter');
    for (const [key, v] of [...this.rpcs].sort()) {
      const [method, code] = key.split('|');
      lines.push(`anomalylens_grpc_requests_total${labelText({ method, code })} ${v}`);
    }
    return `${lines.join('\n')}\n`;
  }
}

/** Open descriptors from /proc/self/fd (Linux); undefined elsewhere. */
function openFds(): number | undefined {
  try {
    return readdirSync('/proc/self/fd').length;
  } catch {
    return undefined;
  }
}
