/**
 * Load and soak of the BUILT backend executable (dist/datasource/gpx_anomalylens_linux_amd64, launched as Grafana
 * does): concurrent QueryData of alert-style queries (one demo series, 1,000 points). First a short ramp over
 * concurrency levels to find the highest rate that keeps p99 under the aim, then a closed-loop soak at that level.
 * Reports throughput, p50/p99 latency, and RSS and open file descriptors over time from /proc/<pid>, and whether
 * either grew after warm-up. No assertions: figures for docs/reliability.md / BENCHMARKS.md.
 *
 *   npm run bench -- soak                      # 30 s soak
 *   SOAK_SECONDS=600 npm run bench -- soak     # the recorded 10-minute run
 *   SOAK_CONCURRENCY=8 …                       # skip the ramp and use this many requests in flight
 *   SOAK_BANDS=1 …                             # ask for band and flags too (version-2 query)
 *   SOAK_MIX=1 …                               # the mixed soak of issue #15 instead (see mixedSoak below)
 *   SOAK_EXECUTABLE=<file> …                   # run another build of the executable (e.g. before a change)
 *   SOAK_PLUGIN_ENV=K=V,K2=V2 …                # extra environment for the plugin (e.g. MALLOC_MMAP_THRESHOLD_)
 *
 * The gRPC client runs in this process, so client and plugin share the machine's cores; the figures are for both.
 * Each row prints the plugin's CPU per query (from /proc/<pid>/stat) and this process's (the client: building the
 * request, gRPC, decoding each reply into objects as any client must; the frames' Arrow bytes are not parsed).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';

import { GRAFANA_ENV, launchPlugin, stopPlugin, type RunningPlugin } from '../tests/conformance/support/launchPlugin';
import { connect, demoPluginContext, demoQuery, type PluginClients } from '../tests/conformance/support/pluginClients';
import {
  emptyTally,
  LOAD_MIX,
  type LoadTally,
  type MixedLoad,
  rssMiB,
  startMixedLoad,
} from '../tests/reliability/support/mixedLoad';

const SOAK_SECONDS = Number(process.env.SOAK_SECONDS ?? 30);
/** `SOAK_BANDS=1`: a version-2 query asking for the series, its band and anomaly flags (the pipeline's default). */
const BANDS = process.env.SOAK_BANDS === '1';
const FIXED_CONCURRENCY = process.env.SOAK_CONCURRENCY ? Number(process.env.SOAK_CONCURRENCY) : undefined;
const MIX = process.env.SOAK_MIX === '1';
const EXECUTABLE = process.env.SOAK_EXECUTABLE || undefined;
const PLUGIN_ENV: Record<string, string> = Object.fromEntries(
  (process.env.SOAK_PLUGIN_ENV ?? '')
    .split(',')
    .filter((kv) => kv.includes('='))
    .map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)])
);
const RAMP_LEVELS = [1, 2, 4, 8, 16, 32];
const RAMP_SECONDS = 4;
const P99_AIM_MS = 50;
const STEP_MS = 60_000;
const POINTS = 1000;
/** A fixed window (epoch ms) so every run asks the same thing. */
const T_END = 1_700_000_000_000;

function alertQuery(i: number) {
  const extra = BANDS ? { schemaVersion: 2, outputs: ['raw', 'band', 'flag'] } : {};
  const q = demoQuery('A', 'demo_cpu_utilization{host="web-1"}', T_END - (POINTS - 1) * STEP_MS, T_END, extra);
  return { ...q, maxDataPoints: POINTS, intervalMS: STEP_MS, refId: 'A', json: q.json, queryType: '', _i: i };
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) {
    return NaN;
  }
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** User and system CPU of the process so far (ms), from /proc/<pid>/stat (clock ticks of 10 ms). */
function cpuMs(pid: number): { user: number; system: number } {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  // After the command name: state is field 3, utime field 14, stime field 15 (1-based, proc(5)).
  return { user: Number(fields[11]) * 10, system: Number(fields[12]) * 10 };
}

function procStats(pid: number): { rssMiB: number; fds: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const rssKb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
  return { rssMiB: rssKb / 1024, fds: readdirSync(`/proc/${pid}/fd`).length };
}

interface RunResult {
  concurrency: number;
  seconds: number;
  queries: number;
  errors: number;
  qps: number;
  p50: number;
  p99: number;
  max: number;
  /** The plugin's own CPU per query (ms): user, system. */
  cpuPerQuery: { user: number; system: number };
  /** This process's CPU per query (ms, user + system): the gRPC client and the bench's bookkeeping. */
  clientCpuPerQuery: number;
  samples: Array<{ t: number; rssMiB: number; fds: number }>;
}

async function closedLoop(
  client: PluginClients,
  pid: number,
  concurrency: number,
  seconds: number,
  sampleEveryMs: number
): Promise<RunResult> {
  const latencies: number[] = [];
  let errors = 0;
  let firstError = '';
  const started = performance.now();
  const deadline = started + seconds * 1000;
  const samples: RunResult['samples'] = [];
  const sampler = setInterval(
    () => samples.push({ t: (performance.now() - started) / 1000, ...procStats(pid) }),
    sampleEveryMs
  );
  samples.push({ t: 0, ...procStats(pid) });
  const cpu0 = cpuMs(pid);
  const client0 = process.cpuUsage();
  const ctx = demoPluginContext();
  let i = 0;
  const worker = async (): Promise<void> => {
    while (performance.now() < deadline) {
      const t0 = performance.now();
      try {
        const res = await client.queryData({ pluginContext: ctx, queries: [alertQuery(i++)] });
        const r = res.responses.A;
        if (r.error || r.frames.length < 1) {
          errors++;
          firstError ||= r.error;
        }
      } catch (e) {
        errors++;
        firstError ||= (e as Error).message;
      }
      latencies.push(performance.now() - t0);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  clearInterval(sampler);
  const cpu1 = cpuMs(pid);
  const clientCpu = process.cpuUsage(client0);
  samples.push({ t: (performance.now() - started) / 1000, ...procStats(pid) });
  const elapsed = (performance.now() - started) / 1000;
  if (firstError) {
    console.log(`  first error: ${firstError}`);
  }
  latencies.sort((a, b) => a - b);
  return {
    concurrency,
    seconds: elapsed,
    queries: latencies.length,
    errors,
    qps: latencies.length / elapsed,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    max: latencies[latencies.length - 1] ?? NaN,
    cpuPerQuery: {
      user: (cpu1.user - cpu0.user) / Math.max(1, latencies.length),
      system: (cpu1.system - cpu0.system) / Math.max(1, latencies.length),
    },
    clientCpuPerQuery: (clientCpu.user + clientCpu.system) / 1000 / Math.max(1, latencies.length),
    samples,
  };
}

function row(r: RunResult): string {
  return (
    `  concurrency ${String(r.concurrency).padStart(2)}: ${r.qps.toFixed(0).padStart(5)} queries/s, ` +
    `p50 ${r.p50.toFixed(2)} ms, p99 ${r.p99.toFixed(2)} ms, max ${r.max.toFixed(1)} ms, ` +
    `${r.queries} queries, ${r.errors} errors; plugin CPU per query ${r.cpuPerQuery.user.toFixed(2)} ms user + ` +
    `${r.cpuPerQuery.system.toFixed(2)} ms system; client CPU per query ${r.clientCpuPerQuery.toFixed(2)} ms`
  );
}

function mean(xs: number[]): number {
  return xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

/** RSS every second for `seconds`; prints it at a few points and returns the samples. */
async function watchReturn(pid: number, idle: number, seconds: number): Promise<number[]> {
  const rss: number[] = [];
  for (let t = 0; t <= seconds; t++) {
    rss.push(rssMiB(pid));
    if (t < seconds) {
      await sleep(1000);
    }
  }
  const at = [0, 2, 5, 10, 20, 30, 45, 60].filter((t) => t <= seconds);
  console.log(
    '  RSS after (MiB): ' +
      at.map((t) => `+${t} s ${rss[t].toFixed(0)} (${(rss[t] / idle).toFixed(2)}× idle)`).join(', ')
  );
  return rss;
}

function tallyLine(t: LoadTally): string {
  return (
    `${t.requests} requests (${Object.entries(t.byKind)
      .map(([k, n]) => `${k} ${n}`)
      .join(', ')}), ${t.refIds} refIds: ${t.correct} with the right status, ${t.lost} lost; ` +
    `${(t.frameBytes / 2 ** 20).toFixed(0)} MiB of frames received`
  );
}

/**
 * The mixed soak (issue #15, point 4): idle RSS after start-up and a few good queries; three big requests (each
 * ~50 MiB of frames from 10 × 300 series × 1,000 points) and RSS for 60 s after; then SOAK_SECONDS of the
 * mixed load at SOAK_CONCURRENCY (default 3) requests in flight (tests/reliability/support/mixedLoad.ts:
 * good demo queries, big answers, upstream faults, answers over maxResponseBytes and over maxQueryResponseBytes),
 * each refId checked for its status; RSS over the soak and for 60 s after it.
 */
async function mixedSoak(plugin: RunningPlugin, client: PluginClients, load: MixedLoad): Promise<void> {
  const pid = plugin.proc.pid!;
  const warm = emptyTally();
  for (let i = 0; i < 10; i++) {
    await load.run('good', warm);
  }
  await sleep(3000);
  const idle = median([rssMiB(pid), (await sleep(500), rssMiB(pid)), (await sleep(500), rssMiB(pid))]);
  console.log(`idle RSS ${idle.toFixed(1)} MiB (after start-up and 10 good requests)`);

  const big = emptyTally();
  let peak = 0;
  const peakSampler = setInterval(() => (peak = Math.max(peak, rssMiB(pid))), 200);
  const t0 = performance.now();
  for (let i = 0; i < 3; i++) {
    await load.run('big', big);
  }
  clearInterval(peakSampler);
  console.log(
    `big answers: ${tallyLine(big)} in ${((performance.now() - t0) / 1000).toFixed(1)} s; peak RSS ${peak.toFixed(0)} MiB`
  );
  await watchReturn(pid, idle, 60);

  const concurrency = FIXED_CONCURRENCY ?? 3;
  const sampleEveryMs = Math.max(1000, Math.floor((SOAK_SECONDS * 1000) / 120));
  console.log(`mixed soak: ${SOAK_SECONDS} s, ${concurrency} requests in flight, RSS every ${sampleEveryMs / 1000} s`);
  const tally = emptyTally();
  const samples: Array<{ t: number; rss: number }> = [];
  const started = performance.now();
  const sampler = setInterval(
    () => samples.push({ t: (performance.now() - started) / 1000, rss: rssMiB(pid) }),
    sampleEveryMs
  );
  const deadline = started + SOAK_SECONDS * 1000;
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < deadline) {
        await load.run(LOAD_MIX[next++ % LOAD_MIX.length], tally);
      }
    })
  );
  clearInterval(sampler);
  console.log(`  ${tallyLine(tally)} in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  for (const p of tally.problems) {
    console.log(`  problem: ${p}`);
  }
  const span = samples[samples.length - 1]?.t ?? 0;
  const tenth = (k: number) => samples.filter((x) => x.t >= (k * span) / 10 && x.t < ((k + 1) * span) / 10);
  console.log(
    '  RSS per tenth of the soak, median / max (MiB): ' +
      Array.from({ length: 10 }, (_, k) => {
        const xs = tenth(k).map((x) => x.rss);
        return `${median(xs).toFixed(0)}/${Math.max(...xs).toFixed(0)}`;
      }).join(', ')
  );
  const early = samples.filter((x) => x.t >= span * 0.2 && x.t < span * 0.45).map((x) => x.rss);
  const late = samples.filter((x) => x.t >= span * 0.75).map((x) => x.rss);
  console.log(
    `  after warm-up: median RSS ${median(early).toFixed(1)} → ${median(late).toFixed(1)} MiB ` +
      `(${(((median(late) - median(early)) / median(early)) * 100).toFixed(1)} %); peak ` +
      `${Math.max(...samples.map((x) => x.rss)).toFixed(0)} MiB`
  );
  console.log('after the soak:');
  await watchReturn(pid, idle, 60);
  console.log(`plugin alive at the end: ${!plugin.hasExited()}`);
}

async function main(): Promise<void> {
  const plugin = await launchPlugin({ executable: EXECUTABLE, env: { ...GRAFANA_ENV, ...PLUGIN_ENV } });
  if (MIX) {
    const client = connect(plugin.address, { deadlineMs: 600_000 });
    const load = await startMixedLoad(client);
    try {
      const load1 = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
      console.log(
        `mixed soak: ${EXECUTABLE ?? 'built executable'} pid ${plugin.proc.pid}, ${cpus().length} cores ` +
          `(shared machine; load average ${load1} at start)`
      );
      await mixedSoak(plugin, client, load);
    } finally {
      client.close();
      await stopPlugin(plugin);
      await load.close();
    }
    return;
  }
  const client = connect(plugin.address);
  const pid = plugin.proc.pid!;
  try {
    const load = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
    console.log(
      `soak: built executable pid ${pid}, ${cpus().length} cores (shared machine; load average ${load} at start), ` +
        `alert-style query: 1 demo series × ${POINTS} points${BANDS ? ', with band and flags (v2)' : ' (raw, v1)'}`
    );
    // Warm the process (JIT, augurs load) before measuring anything.
    await closedLoop(client, pid, 4, 3, 1000);

    let concurrency = FIXED_CONCURRENCY;
    if (concurrency === undefined) {
      console.log(`ramp (${RAMP_SECONDS} s per level):`);
      let best: RunResult | undefined;
      for (const level of RAMP_LEVELS) {
        const r = await closedLoop(client, pid, level, RAMP_SECONDS, 1000);
        console.log(row(r));
        // Highest throughput whose p99 meets the aim; if none does, the lowest p99.
        const meets = r.p99 < P99_AIM_MS;
        if (
          !best ||
          (meets && (best.p99 >= P99_AIM_MS || r.qps > best.qps)) ||
          (!meets && best.p99 >= P99_AIM_MS && r.p99 < best.p99)
        ) {
          best = r;
        }
      }
      concurrency = best!.concurrency;
      console.log(`chosen concurrency: ${concurrency}`);
    }

    const sampleEveryMs = Math.max(1000, Math.floor((SOAK_SECONDS * 1000) / 60));
    console.log(`soak: ${SOAK_SECONDS} s at concurrency ${concurrency}, RSS/fds every ${sampleEveryMs / 1000} s`);
    const soak = await closedLoop(client, pid, concurrency, SOAK_SECONDS, sampleEveryMs);
    console.log(row(soak));

    // Warm-up: the first fifth of the soak. Growth: last quarter against the quarter after warm-up.
    const s = soak.samples;
    const after = s.filter((x) => x.t >= SOAK_SECONDS * 0.2 && x.t < SOAK_SECONDS * 0.45);
    const last = s.filter((x) => x.t >= SOAK_SECONDS * 0.75);
    const rssEarly = mean(after.map((x) => x.rssMiB));
    const rssLate = mean(last.map((x) => x.rssMiB));
    const fdsEarly = mean(after.map((x) => x.fds));
    const fdsLate = mean(last.map((x) => x.fds));
    console.log('RSS (MiB) and open fds over time:');
    const every = Math.max(1, Math.floor(s.length / 12));
    for (let k = 0; k < s.length; k += every) {
      console.log(
        `  t=${s[k].t.toFixed(0).padStart(4)} s  RSS ${s[k].rssMiB.toFixed(1).padStart(6)} MiB  fds ${s[k].fds}`
      );
    }
    const endSample = s[s.length - 1];
    console.log(
      `  t=${endSample.t.toFixed(0).padStart(4)} s  RSS ${endSample.rssMiB.toFixed(1).padStart(6)} MiB  fds ${endSample.fds}`
    );
    console.log(
      `after warm-up: RSS ${rssEarly.toFixed(1)} → ${rssLate.toFixed(1)} MiB (${(((rssLate - rssEarly) / rssEarly) * 100).toFixed(1)} %), ` +
        `fds ${fdsEarly.toFixed(1)} → ${fdsLate.toFixed(1)}; peak RSS ${Math.max(...s.map((x) => x.rssMiB)).toFixed(1)} MiB`
    );
    console.log(
      `aim ≥ 500 queries/s with p99 < ${P99_AIM_MS} ms: ${soak.qps >= 500 && soak.p99 < P99_AIM_MS ? 'met' : 'NOT met'} ` +
        `(${soak.qps.toFixed(0)} queries/s, p99 ${soak.p99.toFixed(1)} ms); plugin alive at the end: ${!plugin.hasExited()}`
    );
  } finally {
    client.close();
    await stopPlugin(plugin);
  }
}

void main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
