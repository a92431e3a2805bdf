/**
 * The one gap filler of the code base: NaN values are gaps, every run of them between two observations is
 * filled on the straight line between those two. What happens to the runs at the two ends is the `ends` policy:
 * - `'nearest'` (default): filled with the nearest observation, so the result is as long as the input (what
 *   models that refuse NaN and must keep every time index need: STL, MSTL, augurs' ETS and MSTL);
 * - `'trim'`: dropped; `start` says where the kept part began (what a panel that draws only observed time needs).
 *
 * Only NaN counts as a gap; ±Infinity is a value here (callers that refuse it check before). Returns copies,
 * never mutates `y`. Throws a RangeError when no value is observed (empty or all NaN).
 */

/** Options of {@link interpolateGaps}. */
export interface InterpolateGapsOptions {
  /** Leading and trailing gaps: `'nearest'` fills them with the nearest observation, `'trim'` drops them. Default `'nearest'`. */
  ends?: 'nearest' | 'trim';
}

/** Result of {@link interpolateGaps}. */
export interface InterpolateGapsResult {
  /** The filled series: input length with `'nearest'`, from the first to the last observation with `'trim'`. */
  values: Float64Array;
  /** How many entries of `values` were filled (were NaN in the input). */
  filled: number;
  /** 1 where `values[i]` was filled, 0 where observed; null when nothing was filled. Indexed like `values`. */
  missing: Uint8Array | null;
  /** Index in the input of `values[0]`: 0 with `'nearest'`, the first observation with `'trim'`. */
  start: number;
}

export function interpolateGaps(y: ArrayLike<number>, options: InterpolateGapsOptions = {}): InterpolateGapsResult {
  const ends = options.ends ?? 'nearest';
  let first = 0;
  while (first < y.length && Number.isNaN(+y[first])) {
    first++;
  }
  let last = y.length - 1;
  while (last >= first && Number.isNaN(+y[last])) {
    last--;
  }
  if (first > last) {
    throw new RangeError('no observed value to fill gaps from: the series is empty or all NaN');
  }
  const start = ends === 'trim' ? first : 0;
  const stop = ends === 'trim' ? last : y.length - 1;
  const n = stop - start + 1;
  const values = new Float64Array(n);
  let missing: Uint8Array | null = null;
  let filled = 0;
  let previous = -1; // index into values of the last observation
  for (let i = 0; i < n; i++) {
    const v = +y[start + i];
    if (Number.isNaN(v)) {
      missing ??= new Uint8Array(n);
      missing[i] = 1;
      filled++;
      continue;
    }
    values[i] = v;
    for (let k = previous + 1; k < i; k++) {
      // Before the first observation (only with 'nearest'): its value; between two: the straight line.
      values[k] = previous < 0 ? v : values[previous] + ((v - values[previous]) * (k - previous)) / (i - previous);
    }
    previous = i;
  }
  for (let k = previous + 1; k < n; k++) {
    values[k] = values[previous];
  }
  return { values, filled, missing, start };
}
