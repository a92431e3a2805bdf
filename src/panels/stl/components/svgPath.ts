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

/**
 * SVG path data for the area between two lines (a band): one closed shape per run of points where both ends are
 * finite, so a gap in the band stays a gap.
 */
export function svgAreaPath(
  times: readonly number[],
  lower: ArrayLike<number>,
  upper: ArrayLike<number>,
  x: (t: number) => number,
  y: (v: number) => number
): string {
  let d = '';
  let start = -1;
  const close = (end: number) => {
    let shape = '';
    for (let i = start; i < end; i++) {
      shape += `${i === start ? 'M' : 'L'}${x(times[i]).toFixed(1)},${y(upper[i]).toFixed(1)}`;
    }
    for (let i = end - 1; i >= start; i--) {
      shape += `L${x(times[i]).toFixed(1)},${y(lower[i]).toFixed(1)}`;
    }
    d += `${shape}Z`;
  };
  for (let i = 0; i <= times.length; i++) {
    const ok = i < times.length && Number.isFinite(lower[i]) && Number.isFinite(upper[i]);
    if (ok && start < 0) {
      start = i;
    } else if (!ok && start >= 0) {
      close(i);
      start = -1;
    }
  }
  return d;
}
