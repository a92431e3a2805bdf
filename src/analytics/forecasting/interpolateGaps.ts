/**
 * Fills NaN gaps for models that cannot skip them (augurs' ETS and MSTL refuse NaN): interior gaps by linear
 * interpolation between the neighbouring observations, leading/trailing gaps with the nearest observation.
 * Our own (a few lines). Returns a copy; throws a RangeError when no value is finite.
 */
export function interpolateGaps(y: ArrayLike<number>): { values: Float64Array; filled: number } {
  const n = y.length;
  const values = Float64Array.from(y);
  let previous = -1;
  let filled = 0;
  for (let i = 0; i < n; i++) {
    if (values[i] !== values[i]) {
      continue;
    }
    if (i - previous > 1) {
      for (let j = previous + 1; j < i; j++) {
        values[j] =
          previous < 0
            ? values[i]
            : values[previous] + ((values[i] - values[previous]) * (j - previous)) / (i - previous);
        filled++;
      }
    }
    previous = i;
  }
  if (previous < 0) {
    throw new RangeError('no finite value to interpolate from: the series is empty or all NaN');
  }
  for (let j = previous + 1; j < n; j++) {
    values[j] = values[previous];
    filled++;
  }
  return { values, filled };
}
