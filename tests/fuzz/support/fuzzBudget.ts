/**
 * Shared knobs of the bounded fuzz runs (tests/fuzz): how many cases, which seed, and a per-case time limit.
 * `FUZZ_CASES` sets the case count of every in-process target (default 100,000, the count of the recorded run in
 * docs/reliability.md); `FUZZ_SEED` the fast-check seed (fixed, so a failure reproduces). Our own helper.
 */
import type { Logger, LogFields } from '../../../src/backend/server/logger';

export const FUZZ_SEED = Number(process.env.FUZZ_SEED ?? 20261122);

/** Cases per in-process target; `FUZZ_CASES=2000 npx jest tests/fuzz` for a quick look. */
export function fuzzCases(defaultCases = 100_000): number {
  const raw = process.env.FUZZ_CASES;
  const n = raw === undefined ? defaultCases : Number(raw);
  if (!Number.isInteger(n) || n < 1) {
    throw new Error(`FUZZ_CASES must be a positive integer, got ${JSON.stringify(raw)}`);
  }
  return n;
}

/** Cases for targets that go over the real gRPC server (slower per case): a tenth, at least 200. */
export function fuzzCasesOverGrpc(): number {
  return Math.max(200, Math.floor(fuzzCases() / 100));
}

/** fast-check parameters shared by every target: fixed seed, no shrinking budget blow-up, no verbose output. */
export function fcParams(numRuns: number): { numRuns: number; seed: number; endOnFailure: boolean } {
  return { numRuns, seed: FUZZ_SEED, endOnFailure: true };
}

/** Rejects when `work` has not settled within `ms` (a hang is a failure, not a slow pass). */
export async function withinMs<T>(ms: number, what: string, work: () => Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not settle within ${ms} ms (hang)`)), ms);
  });
  try {
    return await Promise.race([work(), limit]);
  } finally {
    clearTimeout(timer);
  }
}

export interface RecordedLog {
  level: string;
  message: string;
  fields?: LogFields;
}

/** A Logger that keeps entries in memory (the fuzz oracles look for "unexpected" errors). */
export function memoryLogger(entries: RecordedLog[] = []): Logger & { entries: RecordedLog[] } {
  const make = (bound: LogFields): Logger => {
    const at =
      (level: string) =>
      (message: string, fields?: LogFields): void => {
        // Keep only what the oracles read, so 100k cases do not pile up debug lines.
        if (level === 'error' || level === 'warn') {
          entries.push({ level, message, fields: { ...bound, ...fields } });
        }
      };
    return {
      trace: at('trace'),
      debug: at('debug'),
      info: at('info'),
      warn: at('warn'),
      error: at('error'),
      with: (f) => make({ ...bound, ...f }),
    };
  };
  return Object.assign(make({}), { entries });
}

/** A cheap assertion for hot fuzz loops (jest's expect costs more than many of the cases it checks). */
export function check(condition: boolean, message: string): asserts condition {
  if (!condition) {
    throw new Error(message);
  }
}
