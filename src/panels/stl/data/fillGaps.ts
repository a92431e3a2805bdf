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
 * Our own small helper (no library does exactly this): STL needs a complete series, dashboards have gaps.
 * Policy: leading and trailing missing values are dropped; interior ones are filled by linear interpolation
 * between the nearest present neighbours, and reported in `filled` so the panel can say so.
 * Returns `null` when no value is present at all. Inputs are not mutated.
 */
export function fillGaps(times: readonly number[], values: ReadonlyArray<number | null>): FillGapsResult | null {
  let first = 0;
  while (first < values.length && values[first] === null) {
    first++;
  }
  let last = values.length - 1;
  while (last >= first && values[last] === null) {
    last--;
  }
  if (first > last) {
    return null;
  }

  const n = last - first + 1;
  const out = new Float64Array(n);
  const filled: number[] = [];
  let prev = 0; // index (in output) of the last present value
  for (let i = 0; i < n; i++) {
    const v = values[first + i];
    if (v !== null) {
      // Fill the run of missing values since `prev` by straight line from out[prev] to v.
      for (let k = prev + 1; k < i; k++) {
        const t = (k - prev) / (i - prev);
        out[k] = out[prev] + t * (v - out[prev]);
      }
      out[i] = v;
      prev = i;
    } else {
      filled.push(i);
    }
  }
  return { times: times.slice(first, last + 1), values: out, filled, missingFraction: filled.length / n };
}
