/**
 * Runs the executable under HashiCorp's real go-plugin client (tests/goclient, configured like Grafana), so a
 * handshake, health, codec or shutdown mismatch with the Go side fails here and not in a user's Grafana.
 * Needs Debian's golang-go and golang-github-hashicorp-go-plugin-dev (installed by .ci/run).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT, requireBuiltExecutable } from './support/pluginExecutable';

jest.setTimeout(180_000);

const GOPATH = '/usr/share/gocode';

interface GoClientReport {
  negotiatedVersion: number;
  protocol: string;
  ping: string;
  checkHealth?: { status: number; message: string };
  queryData?: { refIds: string[]; frames: number; arrowFileFrames: number; status: number; error: string };
  aliveBeforeKill: boolean;
  killMs: number;
  exited: boolean;
  graceful: boolean;
  pluginLogLines: number;
  unparsedLogLines: string[];
  errors: string[];
}

function buildGoClient(outDir: string): string {
  if (!existsSync(join(GOPATH, 'src', 'github.com', 'hashicorp', 'go-plugin'))) {
    throw new Error(
      `go-plugin sources missing under ${GOPATH}: install golang-github-hashicorp-go-plugin-dev (see .ci/run)`
    );
  }
  const out = join(outDir, 'goclient');
  // GOPATH mode against Debian's packaged sources: offline, no module download. The build cache lives in the OS
  // temp dir so repeated runs are fast.
  const gocache = join(tmpdir(), 'anomalylens-gocache');
  mkdirSync(gocache, { recursive: true });
  execFileSync('go', ['build', '-o', out, '.'], {
    cwd: join(REPO_ROOT, 'tests', 'goclient'),
    env: {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      HOME: tmpdir(),
      GO111MODULE: 'off',
      GOPATH,
      GOCACHE: gocache,
      GOFLAGS: '',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return out;
}

describe('HashiCorp go-plugin client (as Grafana embeds it)', () => {
  let dir: string;
  let report: GoClientReport;
  let stderr = '';
  beforeAll(() => {
    const executable = requireBuiltExecutable('amd64');
    dir = mkdtempSync(join(tmpdir(), 'anomalylens-goclient-'));
    const goclient = buildGoClient(dir);
    let stdout: string;
    try {
      // Empty environment: this go-plugin (1.0.1) has no SkipHostEnv and passes its own env on to the plugin.
      stdout = execFileSync(goclient, [executable], {
        cwd: dir,
        env: {},
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
      });
    } catch (e) {
      const err = e as { stdout?: string; stderr?: string };
      stdout = err.stdout ?? '';
      stderr = err.stderr ?? '';
    }
    report = JSON.parse(stdout);
  });
  afterAll(() => {
    if (dir) {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reports no errors', () => {
    expect({ errors: report.errors, stderr }).toEqual({ errors: [], stderr: '' });
  });

  it('negotiates protocol version 2 over grpc', () => {
    expect(report.negotiatedVersion).toBe(2);
    expect(report.protocol).toBe('grpc');
  });

  it('pings the "plugin" health service', () => {
    expect(report.ping).toBe('ok');
  });

  it('invokes /pluginv2.Diagnostics/CheckHealth and reads status OK (1)', () => {
    expect(report.checkHealth?.status).toBe(1);
    expect(report.checkHealth?.message.length).toBeGreaterThan(0);
  });

  it('invokes /pluginv2.Data/QueryData and reads one Arrow-file frame for refId A by field number', () => {
    expect(report.queryData).toEqual({ refIds: ['A'], frames: 1, arrowFileFrames: 1, status: 200, error: '' });
  });

  it('parses every plugin stderr line as hclog JSON', () => {
    expect(report.pluginLogLines).toBeGreaterThan(0);
    expect(report.unparsedLogLines).toEqual([]);
  });

  it('Kill() ends the process gracefully (Shutdown, no SIGKILL) well within go-plugin 2 s grace', () => {
    expect(report.aliveBeforeKill).toBe(true);
    expect(report.exited).toBe(true);
    expect(report.graceful).toBe(true);
    expect(report.killMs).toBeLessThan(2000);
  });
});
