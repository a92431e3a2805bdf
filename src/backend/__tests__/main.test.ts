/**
 * main.ts as a real process, started the way Grafana starts it: empty environment except the go-plugin variables,
 * cwd "/", stdout and stderr as pipes. (The built single executable is covered by tests/conformance.)
 */
import { ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { join } from 'node:path';
import * as grpc from '@grpc/grpc-js';
import { services } from '../server/protocol';

const ROOT = join(__dirname, '..', '..', '..');
// tsx's CommonJS hook in-process (its CLI would run a second process and relay signals itself).
const TSX_CJS = join(ROOT, 'node_modules', 'tsx', 'dist', 'cjs', 'index.cjs');
const MAIN = join(ROOT, 'src', 'backend', 'main.ts');

interface Run {
  child: ChildProcessWithoutNullStreams;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<number | null>;
}

function start(env: Record<string, string>): Run {
  const child = spawn(process.execPath, ['--require', TSX_CJS, MAIN], { env, cwd: '/', stdio: 'pipe' });
  let out = '';
  let err = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (err += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, stdout: () => out, stderr: () => err, exited };
}

async function waitFor(cond: () => boolean, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) {
      throw new Error('timed out');
    }
    await new Promise((r) => setTimeout(r, 25));
  }
}

function call<Res>(client: grpc.Client, method: string, req: unknown): Promise<Res> {
  return new Promise((resolve, reject) =>
    (client as unknown as Record<string, (r: unknown, cb: (e: unknown, r: Res) => void) => void>)[method].call(
      client,
      req,
      (e, r) => (e ? reject(e) : resolve(r))
    )
  );
}

test('main refuses to run without the magic cookie: message on stderr, nothing on stdout, exit code 1', async () => {
  const run = start({});
  expect(await run.exited).toBe(1);
  expect(run.stdout()).toBe('');
  expect(run.stderr()).toMatch(/not meant to be run directly/);
}, 30_000);

test('main prints one handshake line, serves, ignores SIGINT, and exits 0 after GRPCController/Shutdown', async () => {
  const run = start({ grafana_plugin_type: 'datasource', PLUGIN_PROTOCOL_VERSIONS: '2' });
  try {
    await waitFor(() => run.stdout().includes('\n'), 20_000);
    const m = run.stdout().match(/^1\|2\|tcp\|127\.0\.0\.1:(\d+)\|grpc\n$/);
    expect(m).not.toBeNull();
    const address = `127.0.0.1:${m![1]}`;

    run.child.kill('SIGINT');
    await new Promise((r) => setTimeout(r, 300));
    const health = new services.Health(address, grpc.credentials.createInsecure());
    expect(await call(health, 'Check', { service: 'plugin' })).toEqual({ status: 1 });
    health.close();

    const controller = new services.GRPCController(address, grpc.credentials.createInsecure());
    await call(controller, 'Shutdown', {});
    controller.close();
    let timer: NodeJS.Timeout | undefined;
    const code = await Promise.race([
      run.exited,
      new Promise((r) => (timer = setTimeout(() => r('still running'), 2000))),
    ]);
    clearTimeout(timer);
    expect(code).toBe(0);

    expect(run.stdout().split('\n')).toEqual([m![0].trim(), '']);
    const entries = run
      .stderr()
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(entries.length).toBeGreaterThan(0);
    for (const e of entries) {
      expect(['trace', 'debug', 'info', 'warn', 'error']).toContain(e['@level']);
      expect(typeof e['@message']).toBe('string');
      expect(e['@timestamp']).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}\+00:00$/);
    }
    expect(entries.map((e) => e['@message'])).toContain('shutdown requested by the host');
  } finally {
    run.child.kill('SIGKILL');
  }
}, 30_000);
