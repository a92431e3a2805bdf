/**
 * Starts the built executable the way Grafana does (docs/protocol.md §1.3–1.4 and §2): exec without a shell, an
 * environment holding only what go-plugin sets for Grafana when host env is skipped (the magic cookie and the
 * protocol versions), a working directory that is not the plugin's folder, and pipes for stdio. Reads the
 * handshake line from stdout like go-plugin's client.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { requireBuiltExecutable } from './pluginExecutable';

/** Everything Grafana's go-plugin client puts in the plugin's environment when host env is skipped. */
export const GRAFANA_ENV: Readonly<Record<string, string>> = {
  grafana_plugin_type: 'datasource',
  PLUGIN_PROTOCOL_VERSIONS: '2',
};

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface RunningPlugin {
  proc: ChildProcess;
  /** The first stdout line, without its newline. */
  handshake: string;
  /** `127.0.0.1:<port>` from the handshake. */
  address: string;
  /** Everything written to stdout, including the handshake line. */
  stdout(): string;
  /** Complete stderr lines so far. */
  stderrLines(): string[];
  exited: Promise<Exit>;
  hasExited(): boolean;
  cwd: string;
}

export interface LaunchOptions {
  env?: Record<string, string>;
  /** How long to wait for the handshake line (go-plugin allows 1 min; our bar is far lower). */
  timeoutMs?: number;
  executable?: string;
}

function collect(proc: ChildProcess) {
  let stdout = '';
  let stderr = '';
  proc.stdout!.setEncoding('utf8');
  proc.stderr!.setEncoding('utf8');
  proc.stdout!.on('data', (d: string) => (stdout += d));
  proc.stderr!.on('data', (d: string) => (stderr += d));
  let done = false;
  const exited = new Promise<Exit>((resolve) =>
    proc.on('close', (code, signal) => {
      done = true;
      resolve({ code, signal });
    })
  );
  return {
    stdout: () => stdout,
    stderr: () => stderr,
    exited,
    hasExited: () => done,
  };
}

function spawnPlugin(executable: string, env: Record<string, string>, cwd: string): ChildProcess {
  return spawn(executable, [], { env, cwd, stdio: ['pipe', 'pipe', 'pipe'], shell: false });
}

/** Launches the plugin and resolves once the handshake line has arrived. */
export async function launchPlugin(options: LaunchOptions = {}): Promise<RunningPlugin> {
  const executable = options.executable ?? requireBuiltExecutable('amd64');
  const cwd = mkdtempSync(join(tmpdir(), 'anomalylens-plugin-cwd-'));
  const proc = spawnPlugin(executable, { ...(options.env ?? GRAFANA_ENV) }, cwd);
  const io = collect(proc);
  const timeoutMs = options.timeoutMs ?? 15_000;

  const handshake = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      proc.kill('SIGKILL');
      reject(new Error(`no handshake line within ${timeoutMs} ms; stderr: ${io.stderr()}`));
    }, timeoutMs);
    const onData = () => {
      const nl = io.stdout().indexOf('\n');
      if (nl >= 0) {
        clearTimeout(timer);
        proc.stdout!.off('data', onData);
        resolve(io.stdout().slice(0, nl));
      }
    };
    proc.stdout!.on('data', onData);
    io.exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`plugin exited before the handshake (code ${code}, signal ${signal}); stderr: ${io.stderr()}`));
    });
  });
  const parts = handshake.split('|');
  return {
    proc,
    handshake,
    address: parts[3] ?? '',
    stdout: io.stdout,
    stderrLines: () =>
      io
        .stderr()
        .split('\n')
        .filter((l, i, all) => i < all.length - 1 || l !== ''),
    exited: io.exited,
    hasExited: io.hasExited,
    cwd,
  };
}

export interface Completed extends Exit {
  stdout: string;
  stderr: string;
}

/** Runs the executable with `env` until it exits (for the refusal cases); kills it after `timeoutMs`. */
export async function runToExit(env: Record<string, string>, timeoutMs = 15_000): Promise<Completed> {
  const executable = requireBuiltExecutable('amd64');
  const cwd = mkdtempSync(join(tmpdir(), 'anomalylens-plugin-cwd-'));
  const proc = spawnPlugin(executable, env, cwd);
  const io = collect(proc);
  const timer = setTimeout(() => proc.kill('SIGKILL'), timeoutMs);
  const exit = await io.exited;
  clearTimeout(timer);
  rmSync(cwd, { recursive: true, force: true });
  return { ...exit, stdout: io.stdout(), stderr: io.stderr() };
}

/** Stops a plugin left running by a test (SIGKILL: the graceful paths are tested explicitly) and cleans up. */
export async function stopPlugin(plugin: RunningPlugin | undefined): Promise<void> {
  if (!plugin) {
    return;
  }
  if (!plugin.hasExited()) {
    plugin.proc.kill('SIGKILL');
    await plugin.exited;
  }
  rmSync(plugin.cwd, { recursive: true, force: true });
}
