/**
 * `trendLine` over the trailing window of every point (our own bookkeeping around the Theil–Sen line of
 * recentTrendForecast): for point i the line fitted on y[max(0, i − window + 1), i], its slope per step and its
 * anchored level at i. The same numbers as calling `trendLine` on each window, at a fraction of the cost.
 *
 * Why it is cheaper: a Theil–Sen slope is the median of the pairwise slopes of the window's points, and moving the
 * window by one point only drops the slopes of the point that left and adds those of the point that came in (a
 * few per cent of them). The window's slopes are kept sorted; each move sorts the dropped and the added ones and
 * merges them in one pass, and the median is read off by position. Order statistics do not depend on how they
 * are found, so the median equals the selection's in `trendLine` (a slope of −0 and one of +0 compare equal and
 * may trade places, as they may in the selection). When the window holds more finite points than `maxPoints`,
 * `trendLine` thins them with a stride that shifts with the window; those windows are fitted directly (with
 * buffers lent once, so nothing is allocated per point).
 *
 * NaN policy: as `trendLine`: NaN points are skipped (x stays the index); slope and level are NaN for a window
 * with fewer than 3 finite values. The input is never mutated.
 */
import { anchoredLast, trendAnchor, trendLine, trendLineWork } from './recentTrendForecast';

export interface RollingTrendLineOptions {
  /** Points per trailing window (≥ 1). */
  window: number;
  /** Horizon the line is for (sets the anchor stretch, as in `trendLine`). */
  horizon: number;
  /** Pairwise-slope budget per fit, as in `trendLine`. Default 200. */
  maxPoints?: number;
  /** First point to fit (earlier points only fill windows). Default 0. */
  from?: number;
}

export interface RollingTrendLineResult {
  /** Slope per step of the line ending at each point from `from` on (index 0 is point `from`). */
  slope: Float64Array;
  /** Anchored level of that line at its point. */
  last: Float64Array;
  /** 1 where the window had a line (at least 3 finite values; `trendLine` not null), else 0. */
  fitted: Uint8Array;
}

export function rollingTrendLine(values: ArrayLike<number>, options: RollingTrendLineOptions): RollingTrendLineResult {
  const y = values instanceof Float64Array ? values : Float64Array.from(values);
  const n = y.length;
  const w = Math.floor(options.window);
  const maxPoints = options.maxPoints ?? 200;
  const from = Math.max(0, Math.floor(options.from ?? 0));
  if (!(w >= 1)) {
    throw new RangeError(`rollingTrendLine: window must be at least 1, got ${options.window}`);
  }
  const count = Math.max(0, n - from);
  const slope = new Float64Array(count).fill(NaN);
  const last = new Float64Array(count).fill(NaN);
  const fitted = new Uint8Array(count);
  const work = trendLineWork(maxPoints, w);
  // finite[i]: finite (non-NaN) points in y[0, i).
  const finite = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) {
    finite[i + 1] = finite[i] + (y[i] === y[i] ? 1 : 0);
  }
  const capacity = work.slopes.length;
  let sorted = new Float64Array(capacity);
  let spare = new Float64Array(capacity);
  let size = 0;
  const dropped = new Float64Array(capacity);
  const added = new Float64Array(capacity);
  /** Window [keptStart, keptEnd) whose slopes `sorted` holds; keptEnd −1: none. */
  let keptStart = 0;
  let keptEnd = -1;

  const rebuild = (start: number, end: number) => {
    size = 0;
    for (let i = start; i < end; i++) {
      if (y[i] !== y[i]) {
        continue;
      }
      for (let j = i + 1; j < end; j++) {
        if (y[j] === y[j]) {
          const s = (y[j] - y[i]) / (j - i);
          if (s === s) {
            sorted[size++] = s;
          }
        }
      }
    }
    sorted.subarray(0, size).sort();
  };

  /** Moves the kept window to [start, end) by dropping and adding slopes; false when that cannot be done. */
  const move = (start: number, end: number): boolean => {
    let nd = 0;
    for (let r = keptStart; r < start; r++) {
      if (y[r] !== y[r]) {
        continue;
      }
      for (let q = r + 1; q < keptEnd; q++) {
        if (y[q] === y[q]) {
          const s = (y[q] - y[r]) / (q - r);
          if (s === s) {
            dropped[nd++] = s;
          }
        }
      }
    }
    let na = 0;
    for (let a = keptEnd; a < end; a++) {
      if (y[a] !== y[a]) {
        continue;
      }
      for (let p = start; p < a; p++) {
        if (y[p] === y[p]) {
          const s = (y[a] - y[p]) / (a - p);
          if (s === s) {
            added[na++] = s;
          }
        }
      }
    }
    if (size - nd + na > capacity) {
      return false;
    }
    dropped.subarray(0, nd).sort();
    added.subarray(0, na).sort();
    let d = 0;
    let a = 0;
    let o = 0;
    for (let k = 0; k < size; k++) {
      const v = sorted[k];
      while (a < na && added[a] < v) {
        spare[o++] = added[a++];
      }
      if (d < nd && dropped[d] === v) {
        d++;
        continue;
      }
      if (d < nd && dropped[d] < v) {
        return false;
      }
      spare[o++] = v;
    }
    while (a < na) {
      spare[o++] = added[a++];
    }
    if (d !== nd) {
      return false;
    }
    const t = sorted;
    sorted = spare;
    spare = t;
    size = o;
    return true;
  };

  for (let i = from; i < n; i++) {
    const start = Math.max(0, i - w + 1);
    const end = i + 1;
    const m = finite[end] - finite[start];
    if (m < 3) {
      keptEnd = -1;
      continue;
    }
    const anchor = trendAnchor(end - start, options.horizon);
    if (Math.ceil(m / maxPoints) > 1) {
      const line = trendLine(y.subarray(start, end), { horizon: options.horizon, maxPoints, work });
      if (line) {
        slope[i - from] = line.slope;
        last[i - from] = line.last;
        fitted[i - from] = 1;
      }
      keptEnd = -1;
      continue;
    }
    // Every finite point of the window is used: keep the sorted slopes moving with it.
    if (!(keptEnd >= 0 && keptEnd <= end && keptStart <= start && start < keptEnd && move(start, end))) {
      rebuild(start, end);
    }
    keptStart = start;
    keptEnd = end;
    let s = NaN;
    if (size > 0) {
      // The type-7 median, as `median` computes it from the two middle order statistics.
      const h = (size - 1) * 0.5;
      const lo = Math.floor(h);
      const frac = h - lo;
      const xlo = sorted[lo];
      if (frac === 0 || lo + 1 >= size) {
        s = xlo;
      } else {
        const xhi = sorted[lo + 1];
        s = xhi === xlo ? xlo : xlo + frac * (xhi - xlo);
      }
    }
    slope[i - from] = s;
    fitted[i - from] = 1;
    last[i - from] = anchoredLast(y, start, end, s, Math.min(anchor, m), start, work.tail);
  }
  return { slope, last, fitted };
}
