/**
 * The frames read by a second Arrow implementation: Arrow C++ through pyarrow (support/readArrowFrames.py), in a
 * virtualenv over Debian's /usr/bin/python3 with the pyarrow wheel from the machine's local wheel store (no network).
 * Grafana's Go reader is not available here; Arrow C++ implements the same IPC file specification, so it checks
 * that our apache-arrow JS output is not merely readable by apache-arrow JS.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeFrame } from './support/decodeFrame';
import { connect, demoPluginContext, demoQuery } from './support/pluginClients';
import { launchPlugin, RunningPlugin, stopPlugin } from './support/launchPlugin';

jest.setTimeout(180_000);

const WHEELS = '/opt/pypi/files';
const FROM = Date.UTC(2024, 0, 8, 6);
const TO = FROM + 999_000;

interface CppFrame {
  metadata: Record<string, string>;
  rows: number;
  recordBatches: number;
  fields: Array<{
    name: string;
    type: string;
    nullable: boolean;
    metadata: Record<string, string>;
    nullCount: number;
    first: number | null;
    last: number | null;
  }>;
}

/** A virtualenv with pyarrow, made once per machine in the temp dir. */
function pyarrowPython(): string {
  const wheel = existsSync(WHEELS)
    ? readdirSync(WHEELS).find((f) => /^pyarrow-.*-cp311-.*x86_64\.whl$/.test(f))
    : undefined;
  if (!wheel) {
    throw new Error(`no pyarrow wheel for CPython 3.11 in ${WHEELS}: this test needs the machine's local wheel store`);
  }
  const venv = join(tmpdir(), `anomalylens-${wheel.replace(/\.whl$/, '')}`);
  const python = join(venv, 'bin', 'python');
  if (!existsSync(join(venv, '.ready'))) {
    rmSync(venv, { recursive: true, force: true });
    execFileSync('/usr/bin/python3', ['-m', 'venv', venv], { stdio: ['ignore', 'pipe', 'pipe'] });
    execFileSync(
      python,
      ['-m', 'pip', 'install', '--quiet', '--no-index', '--find-links', WHEELS, join(WHEELS, wheel)],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      }
    );
    writeFileSync(join(venv, '.ready'), wheel);
  }
  return python;
}

describe('frames read by Arrow C++ (pyarrow)', () => {
  let plugin: RunningPlugin;
  let frames: CppFrame[];
  /** Nulls apache-arrow JS counts in the percent-change frame. */
  let nulls: number;
  let dir: string;
  beforeAll(async () => {
    const python = pyarrowPython();
    plugin = await launchPlugin();
    const clients = connect(plugin.address);
    const res = await clients.queryData({
      pluginContext: demoPluginContext(),
      queries: [
        demoQuery('A', 'demo_cpu_utilization', FROM, TO),
        demoQuery('E', 'demo_cpu_utilization{host="none"}', FROM, TO),
        // Percent change over 5 min without history: its first values are missing (nulls).
        demoQuery('N', 'demo_cpu_utilization{host="db-1"}', FROM, TO, {
          schemaVersion: 2,
          outputs: ['change'],
          history: '0s',
          change: { window: '5m' },
        }),
      ],
    });
    clients.close();
    dir = mkdtempSync(join(tmpdir(), 'anomalylens-frames-'));
    nulls = decodeFrame(res.responses.N.frames[0]).fields[1].nullCount;
    const files = [...res.responses.A.frames, ...res.responses.E.frames, res.responses.N.frames[0]].map((bytes, i) => {
      const file = join(dir, `frame${i}.arrow`);
      writeFileSync(file, bytes);
      return file;
    });
    const out = execFileSync(python, [join(__dirname, 'support', 'readArrowFrames.py'), ...files], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    frames = JSON.parse(out);
  });
  afterAll(async () => {
    await stopPlugin(plugin);
    if (dir) {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('opens every frame as an Arrow IPC file and validates it fully', () => {
    // 4 hosts for A, the empty "no data" frame for E, one percent-change frame for N.
    expect(frames).toHaveLength(6);
  });

  it('reads schema metadata refId and the timeseries-multi meta', () => {
    for (const f of frames) {
      expect(['A', 'E', 'N']).toContain(f.metadata.refId);
      expect(JSON.parse(f.metadata.meta)).toEqual(
        expect.objectContaining({ type: 'timeseries-multi', typeVersion: [0, 1] })
      );
    }
  });

  it('reads timestamp[ns] time as epoch nanoseconds and nullable double values with labels', () => {
    for (const f of frames.slice(0, 4)) {
      expect(f.rows).toBe(1000);
      expect(f.recordBatches).toBe(1);
      const [time, value] = f.fields;
      expect(time.type).toBe('timestamp[ns]');
      expect(time.first).toBe(FROM * 1e6);
      expect(time.last).toBe(TO * 1e6);
      expect(value.type).toBe('double');
      expect(value.nullable).toBe(true);
      expect(JSON.parse(value.metadata.labels)).toEqual({ host: expect.any(String) });
      expect(value.metadata.tstype).toBe('number');
    }
  });

  it('reads the no-data frame as zero rows without record batches', () => {
    const empty = frames[4];
    expect(empty.metadata.refId).toBe('E');
    expect(empty.rows).toBe(0);
    expect(empty.recordBatches).toBe(0);
  });

  it('reads the same nulls as apache-arrow JS from the validity bitmap', () => {
    const change = frames[5];
    expect(change.metadata.refId).toBe('N');
    expect(nulls).toBeGreaterThan(0);
    expect(change.fields[1].nullCount).toBe(nulls);
    expect(change.fields[1].first).toBeNull();
    expect(Number.isFinite(change.fields[1].last)).toBe(true);
  });
});
