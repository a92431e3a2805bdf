/**
 * Restarts the backend in place (same pid, same stdio, same arguments) with a glibc malloc setting under which
 * freed memory goes back to the system (docs/reliability.md, "Memory").
 *
 * Why: Node allocates ArrayBuffers (upstream bodies, Arrow frames, gRPC messages) with malloc. Under glibc's
 * defaults, blocks below the mmap threshold (128 KiB, raised on the fly up to 32 MiB after large frees) come from
 * the main heap, and a heap page is only returned when it is free up to the top of the heap. After a large answer,
 * the thousands of frame-sized blocks it freed sat between blocks still in use (cache entries): measured on the
 * built executable, 208 MiB stayed in the heap after a 100 MiB answer, though V8 had freed every buffer, and
 * glibc's own malloc_trim gave it back at once. With `MALLOC_MMAP_THRESHOLD_=4096`, every block of 4 KiB or more
 * is its own mapping, returned to the system on free: the same case kept 14 MiB in the heap.
 *
 * The variable is read once, when the C library starts, so the process must start again to have it; Node's
 * `process.execve` replaces the process image without a new pid, so Grafana, which watches the pid and reads the
 * handshake from stdout, sees nothing of it (it runs before anything is written). A value the host already set is
 * kept, and marks the restarted process so that it does not restart again.
 */

/** The setting, as glibc reads it from the environment (mallopt M_MMAP_THRESHOLD). */
export const ALLOCATOR_ENV = { MALLOC_MMAP_THRESHOLD_: '4096' } as const;

export type ReexecOutcome =
  /** The environment already holds the setting (we are the restarted process, or the host set it). */
  | { kind: 'set'; value: string }
  /** This runtime cannot replace its image (no `process.execve`, or not Linux): memory stays with glibc's defaults. */
  | { kind: 'unavailable' }
  /** `execve` failed; the process goes on with glibc's defaults. */
  | { kind: 'failed'; error: unknown };

export interface ReexecDeps {
  env: NodeJS.ProcessEnv;
  execPath: string;
  /** Arguments after the program name. */
  args: readonly string[];
  platform: NodeJS.Platform;
  /** Replaces the process image; returns only by throwing. */
  execve?: (file: string, args: string[], env: Record<string, string>) => never;
}

function processDeps(): ReexecDeps {
  const execve = (process as { execve?: ReexecDeps['execve'] }).execve;
  return {
    env: process.env,
    execPath: process.execPath,
    args: process.argv.slice(2),
    platform: process.platform,
    execve: typeof execve === 'function' ? execve.bind(process) : undefined,
  };
}

/** Restarts the process with `ALLOCATOR_ENV` unless already set; returns only when it did not restart. */
export function reexecWithAllocatorEnv(deps: ReexecDeps = processDeps()): ReexecOutcome {
  const current = deps.env.MALLOC_MMAP_THRESHOLD_;
  if (current !== undefined) {
    return { kind: 'set', value: current };
  }
  if (deps.platform !== 'linux' || !deps.execve) {
    return { kind: 'unavailable' };
  }
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(deps.env)) {
    if (v !== undefined) {
      env[k] = v;
    }
  }
  try {
    return deps.execve(deps.execPath, [deps.execPath, ...deps.args], { ...env, ...ALLOCATOR_ENV });
  } catch (error) {
    return { kind: 'failed', error };
  }
}
