import { ALLOCATOR_ENV, ReexecDeps, reexecWithAllocatorEnv } from '../reexecWithAllocatorEnv';

function deps(overrides: Partial<ReexecDeps> = {}) {
  const calls: Array<{ file: string; args: string[]; env: Record<string, string> }> = [];
  const d: ReexecDeps = {
    env: { grafana_plugin_type: 'datasource', PLUGIN_PROTOCOL_VERSIONS: '2', EMPTY: undefined },
    execPath: '/plugins/gpx_anomalylens_linux_amd64',
    args: ['--flag'],
    platform: 'linux',
    execve: (file, args, env) => {
      calls.push({ file, args, env });
      throw new Error('execve stand-in: a real one does not return');
    },
    ...overrides,
  };
  return { d, calls };
}

test('reexecWithAllocatorEnv restarts the same executable with the same arguments, environment and the setting', () => {
  const { d, calls } = deps();
  reexecWithAllocatorEnv(d);
  expect(calls).toEqual([
    {
      file: '/plugins/gpx_anomalylens_linux_amd64',
      args: ['/plugins/gpx_anomalylens_linux_amd64', '--flag'],
      env: { grafana_plugin_type: 'datasource', PLUGIN_PROTOCOL_VERSIONS: '2', MALLOC_MMAP_THRESHOLD_: '4096' },
    },
  ]);
  expect(ALLOCATOR_ENV).toEqual({ MALLOC_MMAP_THRESHOLD_: '4096' });
});

test('reexecWithAllocatorEnv does not restart when the setting is already there (restarted, or set by the host)', () => {
  const { d, calls } = deps({ env: { MALLOC_MMAP_THRESHOLD_: '131072' } });
  expect(reexecWithAllocatorEnv(d)).toEqual({ kind: 'set', value: '131072' });
  expect(calls).toEqual([]);
});

test('reexecWithAllocatorEnv reports a failed execve and lets the process go on', () => {
  const { d } = deps();
  const r = reexecWithAllocatorEnv(d);
  expect(r.kind).toBe('failed');
  expect(String((r as { error: unknown }).error)).toMatch(/stand-in/);
});

test('reexecWithAllocatorEnv is unavailable without process.execve or off Linux', () => {
  expect(reexecWithAllocatorEnv(deps({ execve: undefined }).d)).toEqual({ kind: 'unavailable' });
  const { d, calls } = deps({ platform: 'darwin' });
  expect(reexecWithAllocatorEnv(d)).toEqual({ kind: 'unavailable' });
  expect(calls).toEqual([]);
});

test('reexecWithAllocatorEnv does not modify the environment it is given', () => {
  const { d } = deps();
  const before = { ...d.env };
  reexecWithAllocatorEnv(d);
  expect(d.env).toEqual(before);
});
