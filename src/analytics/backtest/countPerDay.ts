/**
 * How many events start on each UTC day of a range: one count per day from the day holding `fromMs` to the day
 * holding `toMs`, each day starting at midnight UTC. Events starting outside the range are not counted.
 * Inputs are not mutated.
 */

export interface DailyCounts {
  /** Midnight UTC of each day, ascending. */
  dayStartMs: Float64Array;
  counts: Float64Array;
}

export const DAY_MS = 86_400_000;

export function countPerDay(startsMs: ArrayLike<number>, fromMs: number, toMs: number): DailyCounts {
  if (!(toMs >= fromMs)) {
    throw new RangeError(`countPerDay: the range ends (${toMs}) before it starts (${fromMs})`);
  }
  const first = Math.floor(fromMs / DAY_MS);
  const days = Math.floor(toMs / DAY_MS) - first + 1;
  const dayStartMs = new Float64Array(days);
  for (let d = 0; d < days; d++) {
    dayStartMs[d] = (first + d) * DAY_MS;
  }
  const counts = new Float64Array(days);
  for (let i = 0; i < startsMs.length; i++) {
    const t = startsMs[i];
    if (t >= fromMs && t <= toMs) {
      counts[Math.floor(t / DAY_MS) - first]++;
    }
  }
  return { dayStartMs, counts };
}
