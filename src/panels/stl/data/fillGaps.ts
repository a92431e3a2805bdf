import { interpolateGaps } from '../../../analytics/stats/interpolateGaps';

/** Result of `fillGaps`: a series STL can take (no missing values) and what was done to get there. */
export interface FillGapsResult {
  times: number[];
  values: Float64Array;
  /** Indices (into the trimmed series) whose value was interpolated. */
  filled: number[];
  /** Share of the trimmed series that was missing, 0–1. */
  missingFraction: number;
}

/**
 * STL needs a complete series, dashboards have gaps: the panel's view of `interpolateGaps` with the `'trim'`
 * policy (leading and trailing missing values dropped, interior ones on the straight line between their present
 * neighbours), plus the matching times and the filled indices so the panel can say what it filled.
 * null and NaN are both missing. Returns `null` when no value is present at all. Inputs are not mutated.
 */
export function fillGaps(times: readonly number[], values: ReadonlyArray<number | null>): FillGapsResult | null {
  const y = Float64Array.from(values, (v) => (v === null ? NaN : v));
  if (y.every(Number.isNaN)) {
    return null;
  }
  const { values: out, missing, start } = interpolateGaps(y, { ends: 'trim' });
  const filled: number[] = [];
  if (missing !== null) {
    missing.forEach((m, i) => {
      if (m === 1) {
        filled.push(i);
      }
    });
  }
  const n = out.length;
  return { times: times.slice(start, start + n), values: out, filled, missingFraction: filled.length / n };
}
