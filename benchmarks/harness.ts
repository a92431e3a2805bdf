/**
 * Minimal benchmark harness: seeded inputs are the caller's job; this measures wall time of repeated
 * runs after warm-up and prints a ratio against a reference measured in the same process run.
 * Benchmarks never assert on timings; they print figures for BENCHMARKS.md.
 */
import { performance } from 'node:perf_hooks';

/** Seeded benchmark inputs use the code base's one generator (mulberry32). */
export { seededRandom } from '../src/analytics/stats/seededRandom';

export interface Timing {
  /** Median milliseconds per run. */
  medianMs: number;
  /** Fastest run, milliseconds. */
  minMs: number;
  runs: number;
}

/** Median and minimum of measured run times (sorts `samples`). */
function summarise(samples: number[], runs: number): Timing {
  samples.sort((a, b) => a - b);
  return { medianMs: samples[Math.floor(samples.length / 2)], minMs: samples[0], runs };
}

/** Runs `fn` `warmup` times unmeasured, then `runs` times measured; returns median and minimum. */
export function time(fn: () => unknown, runs = 10, warmup = 2): Timing {
  for (let i = 0; i < warmup; i++) {
    fn();
  }
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    samples.push(performance.now() - t0);
  }
  return summarise(samples, runs);
}

/** Async variant of `time`. */
export async function timeAsync(fn: () => Promise<unknown>, runs = 10, warmup = 2): Promise<Timing> {
  for (let i = 0; i < warmup; i++) {
    await fn();
  }
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    samples.push(performance.now() - t0);
  }
  return summarise(samples, runs);
}

/**
 * Several async functions measured in alternation: every round runs each once (the order rotating from round to
 * round), so that a change of machine load during the measurement touches all of them alike. Returns one Timing per
 * function, in the order given.
 */
export async function timeInterleavedAsync(
  fns: ReadonlyArray<() => Promise<unknown>>,
  runs = 10,
  warmup = 2
): Promise<Timing[]> {
  const samples: number[][] = fns.map(() => []);
  for (let round = 0; round < warmup + runs; round++) {
    for (let k = 0; k < fns.length; k++) {
      const i = (round + k) % fns.length;
      const t0 = performance.now();
      await fns[i]();
      if (round >= warmup) {
        samples[i].push(performance.now() - t0);
      }
    }
  }
  return samples.map((x) => summarise(x, runs));
}

/** Prints one result row: `name  ours ms  reference ms  ratio`. A ratio above 1 means ours is faster. */
export function report(name: string, ours: Timing, reference?: { label: string; medianMs: number }): void {
  const cols = [name.padEnd(48), `${ours.medianMs.toFixed(3)} ms`.padStart(14)];
  if (reference) {
    cols.push(`${reference.label}: ${reference.medianMs.toFixed(3)} ms`.padStart(34));
    cols.push(`speed-up ×${(reference.medianMs / ours.medianMs).toFixed(2)}`.padStart(18));
  }
  console.log(cols.join(' '));
}

