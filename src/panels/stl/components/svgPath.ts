/**
 * SVG path data for one line: `M`/`L` commands, broken where a value is not finite so gaps stay visible
 * instead of being bridged by a straight line.
 */
export function svgPath(
  times: readonly number[],
  values: ArrayLike<number>,
  x: (t: number) => number,
  y: (v: number) => number
): string {
  let d = '';
  let penDown = false;
  for (let i = 0; i < times.length; i++) {
    const v = values[i];
    if (!Number.isFinite(v)) {
      penDown = false;
      continue;
    }
    d += `${penDown ? 'L' : 'M'}${x(times[i]).toFixed(1)},${y(v).toFixed(1)}`;
    penDown = true;
  }
  return d;
}

/** Finite min and max of a series; a flat or empty series gets a unit-wide range so it can still be drawn. */
export function extent(values: ArrayLike<number>): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (Number.isFinite(v)) {
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
  }
  if (lo === Infinity) {
    return [0, 1];
  }
  if (lo === hi) {
    return [lo - 0.5, hi + 0.5];
  }
  return [lo, hi];
}
