/**
 * Shared plumbing for the real-server helpers: free loopback ports, required binaries (a missing one FAILS
 * the test with the package to install, never skips), a child process with a bounded log tail, readiness
 * polling with a deadline, and a stop that always kills the process and removes its temp folder.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

export async function freePort(): Promise<number> {
  const s = http.createServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  const port = (s.address() as AddressInfo).port;
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return port;
}

export function requireBinary(file: string, debianPackage: string): void {
  try {
    fs.accessSync(file, fs.constants.X_OK);
  } catch {
    throw new Error(
      `${file} is missing or not executable: install the Debian package "${debianPackage}" (apt-get install ${debianPackage})`
    );
  }
}

export interface ServerProcess {
  child: ChildProcess;
  /** Last lines of stdout+stderr, for error messages. */
  log(): string;
  exited(): boolean;
  stop(): Promise<void>;
}

const LOG_TAIL_CHARS = 4000;

export function startProcess(file: string, args: string[], cleanupDirs: string[]): ServerProcess {
  const child = spawn(file, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  let hasExited = false;
  const append = (b: Buffer) => {
    log = (log + b.toString('utf8')).slice(-LOG_TAIL_CHARS);
  };
  child.stdout?.on('data', append);
  child.stderr?.on('data', append);
  const exit = new Promise<void>((resolve) => {
    child.on('exit', () => {
      hasExited = true;
      resolve();
    });
    child.on('error', (e) => {
      append(Buffer.from(String(e)));
      hasExited = true;
      resolve();
    });
  });
  return {
    child,
    log: () => log,
    exited: () => hasExited,
    async stop() {
      if (!hasExited) {
        child.kill('SIGTERM');
        const killer = setTimeout(() => child.kill('SIGKILL'), 5000);
        await exit;
        clearTimeout(killer);
      }
      for (const d of cleanupDirs) {
        fs.rmSync(d, { recursive: true, force: true });
      }
    },
  };
}

/** GET until `ok(status)` or the deadline; fails with the server's log if it exits or never gets ready. */
export async function waitReady(
  proc: ServerProcess,
  url: string,
  name: string,
  headers: Record<string, string> = {},
  timeoutMs = 20_000
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    if (proc.exited()) {
      throw new Error(`${name} exited before it was ready:\n${proc.log()}`);
    }
    try {
      const status = await new Promise<number>((resolve, reject) => {
        const req = http.get(url, { headers, timeout: 1000 }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        req.on('timeout', () => req.destroy(new Error('timeout')));
        req.on('error', reject);
      });
      if (status >= 200 && status < 300) {
        return;
      }
      last = `HTTP ${status}`;
    } catch (e) {
      last = (e as Error).message;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${name} was not ready at ${url} within ${timeoutMs} ms (last: ${last}):\n${proc.log()}`);
}

/** Runs a command to completion; rejects with its output on a non-zero exit. */
export function run(file: string, args: string[], timeoutMs = 30_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (b: Buffer) => (out += b.toString('utf8')));
    child.stderr.on('data', (b: Buffer) => (out += b.toString('utf8')));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      if (code === 0) {
        resolve(out);
      } else {
        reject(new Error(`${file} ${args.join(' ')} exited with ${code}:\n${out.slice(-LOG_TAIL_CHARS)}`));
      }
    });
  });
}
