/**
 * Copies the non-NaN values of `values` into a work buffer (our own: a tiny helper shared by the
 * selection-based statistics so that they never reorder the caller's array).
 *
 * NaN policy: NaN is "missing" and skipped; ±Infinity is a value and kept.
 */
export function collectNonNaN(
  values: ArrayLike<number>,
  scratch?: Float64Array
): { buffer: Float64Array; count: number } {
  const n = values.length;
  let buffer: Float64Array;
  if (scratch !== undefined) {
    if (scratch.length < n) {
      throw new RangeError(`scratch buffer too short: length ${scratch.length} < input length ${n}`);
    }
    buffer = scratch;
  } else {
    buffer = new Float64Array(n);
  }
  let count = 0;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (v === v) {
      buffer[count++] = v;
    }
  }
  return { buffer, count };
}
