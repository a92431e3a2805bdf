/**
 * The demo workload process (I/O only; the model is in workloadSeries.ts). Runs on Node 24 with type stripping
 * (`node main.ts`), no npm packages, no network at start other than the stack's own services.
 *
 *   node main.ts serve      serves GET /metrics (Prometheus text), /incidents (JSON schedule), /healthz, and
 *                           when INFLUX_URL is set writes the same series to InfluxDB v1 `/write` every
 *                           WRITE_INTERVAL_SECONDS, after backfilling BACKFILL_HOURS of history there.
 *   node main.ts backfill   writes BACKFILL_HOURS of history as OpenMetrics to BACKFILL_FILE for
 *                           `promtool tsdb create-blocks-from openmetrics`, and the schedule anchor to ANCHOR_FILE.
 *
 * Environment (all optional): PORT (9464), INFLUX_URL (unset: no writes), INFLUX_DB (demo), WRITE_INTERVAL_SECONDS
 * (15), BACKFILL_HOURS (72), BACKFILL_STEP_SECONDS (60), BACKFILL_FILE (/backfill/history.om), ANCHOR_FILE
 * (/backfill/anchor), SCHEDULE_ANCHOR (epoch ms; else ANCHOR_FILE's value, else the current hour), SCRAPE_JOB
 * (workload) and SCRAPE_INSTANCE (workload:9464): the job and instance labels Prometheus gives the live scrapes.
 */
import { createWriteStream, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { dirname } from 'node:path';
import { lineProtocol } from './lineProtocol.ts';
import { openMetricsHistory } from './openMetrics.ts';
import { PROMETHEUS_CONTENT_TYPE, prometheusText } from './prometheusText.ts';
import { INCIDENTS, nextIncidentStart, scheduleAnchor, WORKLOAD_METRICS, workloadSamples } from './workloadSeries.ts';

const env = process.env;
const PORT = Number(env.PORT ?? 9464);
const INFLUX_URL = env.INFLUX_URL ?? '';
const INFLUX_DB = env.INFLUX_DB ?? 'demo';
const WRITE_INTERVAL_MS = Number(env.WRITE_INTERVAL_SECONDS ?? 15) * 1000;
const BACKFILL_MS = Number(env.BACKFILL_HOURS ?? 72) * 3_600_000;
const BACKFILL_STEP_MS = Number(env.BACKFILL_STEP_SECONDS ?? 60) * 1000;
const BACKFILL_FILE = env.BACKFILL_FILE ?? '/backfill/history.om';
const ANCHOR_FILE = env.ANCHOR_FILE ?? '/backfill/anchor';
const WRITE_BATCH = 5000;
/**
 * Labels Prometheus adds to every scraped sample (job, instance); the backfilled history carries the same ones so
 * history and live scrapes are one series, not two.
 */
const SCRAPE_LABELS = { job: env.SCRAPE_JOB ?? 'workload', instance: env.SCRAPE_INSTANCE ?? 'workload:9464' };

function log(msg: string): void {
  process.stderr.write(`${new Date().toISOString()} workload: ${msg}\n`);
}

function resolveAnchor(): number {
  if (env.SCHEDULE_ANCHOR) {
    return Number(env.SCHEDULE_ANCHOR);
  }
  if (existsSync(ANCHOR_FILE)) {
    const v = Number(readFileSync(ANCHOR_FILE, 'utf8').trim());
    if (Number.isFinite(v)) {
      return v;
    }
  }
  return scheduleAnchor(Date.now());
}

async function backfillFile(anchor: number): Promise<void> {
  const now = Date.now();
  mkdirSync(dirname(BACKFILL_FILE), { recursive: true });
  writeFileSync(ANCHOR_FILE, `${anchor}\n`);
  const out = createWriteStream(BACKFILL_FILE);
  // End one step before now so the live scrapes never overlap the backfilled block.
  for (const chunk of openMetricsHistory(
    WORKLOAD_METRICS,
    (t) => workloadSamples(t, anchor).map((x) => ({ ...x, labels: { ...x.labels, ...SCRAPE_LABELS } })),
    now - BACKFILL_MS,
    now - BACKFILL_STEP_MS,
    BACKFILL_STEP_MS
  )) {
    if (!out.write(chunk)) {
      await new Promise<void>((r) => out.once('drain', () => r()));
    }
  }
  await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
  log(
    `wrote ${BACKFILL_MS / 3_600_000} h of history to ${BACKFILL_FILE}; schedule anchor ${new Date(anchor).toISOString()}`
  );
}

async function influx(path: string, body: string): Promise<void> {
  const res = await fetch(`${INFLUX_URL}${path}`, { method: 'POST', body, signal: AbortSignal.timeout(10_000) });
  if (!res.ok) {
    throw new Error(`${path.split('?')[0]} answered ${res.status}: ${(await res.text()).slice(0, 200)}`);
  }
}

async function writeLines(lines: string[]): Promise<void> {
  for (let i = 0; i < lines.length; i += WRITE_BATCH) {
    await influx(`/write?db=${encodeURIComponent(INFLUX_DB)}&precision=ms`, lines.slice(i, i + WRITE_BATCH).join('\n'));
  }
}

async function prepareInflux(anchor: number): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await influx(`/query?${new URLSearchParams({ q: `CREATE DATABASE "${INFLUX_DB}"` })}`, '');
      break;
    } catch (e) {
      if (attempt % 10 === 1) {
        log(`waiting for InfluxDB at ${INFLUX_URL}: ${(e as Error).message}`);
      }
      await new Promise((r) => setTimeout(r, 2000));
    }
  }
  const now = Date.now();
  const first = Math.ceil((now - BACKFILL_MS) / BACKFILL_STEP_MS) * BACKFILL_STEP_MS;
  let lines: string[] = [];
  for (let t = first; t < now; t += BACKFILL_STEP_MS) {
    lines.push(...lineProtocol(workloadSamples(t, anchor), t));
    if (lines.length >= WRITE_BATCH * 4) {
      await writeLines(lines);
      lines = [];
    }
  }
  await writeLines(lines);
  log(`backfilled ${BACKFILL_MS / 3_600_000} h into InfluxDB database ${INFLUX_DB}`);
}

function schedule(anchor: number, now: number): object {
  return Object.values(INCIDENTS).map((s) => ({
    name: s.name,
    cause: s.cause,
    everyHours: s.periodMs / 3_600_000,
    durationMinutes: s.durationMs / 60_000,
    nextStart: new Date(nextIncidentStart(now, anchor, s)).toISOString(),
  }));
}

function serve(anchor: number): void {
  const server = createServer((req, res) => {
    const now = Date.now();
    if (req.url === '/metrics') {
      res.writeHead(200, { 'content-type': PROMETHEUS_CONTENT_TYPE });
      res.end(prometheusText(WORKLOAD_METRICS, workloadSamples(now, anchor)));
    } else if (req.url === '/incidents') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ anchor: new Date(anchor).toISOString(), incidents: schedule(anchor, now) }, null, 2));
    } else if (req.url === '/healthz') {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end('ok\n');
    } else {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found: try /metrics, /incidents or /healthz\n');
    }
  });
  server.listen(PORT, () => {
    const addr = server.address();
    log(
      `serving /metrics on port ${typeof addr === 'object' && addr ? addr.port : PORT}; schedule anchor ${new Date(anchor).toISOString()}`
    );
  });

  let timer: NodeJS.Timeout | undefined;
  if (INFLUX_URL) {
    const tick = async () => {
      const t = Date.now();
      try {
        await writeLines(lineProtocol(workloadSamples(t, anchor), t));
      } catch (e) {
        log(`write to InfluxDB failed: ${(e as Error).message}`);
      }
    };
    prepareInflux(anchor)
      .catch((e) => log(`InfluxDB backfill failed: ${(e as Error).message}`))
      .finally(() => {
        void tick();
        timer = setInterval(() => void tick(), WRITE_INTERVAL_MS);
      });
  }

  const stop = () => {
    if (timer) {
      clearInterval(timer);
    }
    server.close(() => process.exit(0));
    setTimeout(() => process.exit(0), 2000).unref();
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

const command = process.argv[2] ?? 'serve';
const anchor = resolveAnchor();
if (command === 'backfill') {
  backfillFile(anchor).catch((e) => {
    log(`backfill failed: ${(e as Error).message}`);
    process.exit(1);
  });
} else if (command === 'serve') {
  serve(anchor);
} else {
  log(`unknown command "${command}": use serve or backfill`);
  process.exit(2);
}
