/**
 * Per-point NAB weights for one data file. Written from the scoring rules of
 * Lavin & Ahmad (2015) §"Scoring" and NAB's README/wiki:
 * - inside a window of width w (rows) whose right edge is row r, a detection at row i has relative position
 *   y = −(r − i + 1)/w and earns tpWeight·σ(y)/σ(−1): the window's first row earns exactly tpWeight;
 * - only the best (earliest) detection in a window counts; later ones in the same window add nothing;
 * - a detection outside every window is a false positive worth fpWeight·σ(y), with y = |i − r|/(w − 1)
 *   measured from the right edge r of the preceding window (width w), so a detection just after a window
 *   costs little and one ≥ 3 window-lengths later costs the full −fpWeight; before any window it costs −fpWeight;
 * - rows in the probationary period are not scored at all;
 * - a window with no detection costs −fnWeight.
 */
import { CostMatrix } from './costProfile';
import { MAX_TP, scaledSigmoid } from './scaledSigmoid';
import { probationaryLength } from './probationaryLength';

/** Window limits as timestamps (any monotone unit, e.g. epoch ms), inclusive on both ends. */
export interface NabWindow {
  start: number;
  end: number;
}

/** Marks a row as outside every window. */
export const OUTSIDE = -1;
/** Marks a row as inside the probationary period (never scored). */
export const PROBATIONARY = -2;

export interface FileSweep {
  /** Detector scores per row (copied). */
  anomalyScore: Float64Array;
  /** NAB weight each row would earn if detected (TP value in a window, FP cost outside). */
  sweepScore: Float64Array;
  /** Window index of each row (0-based within this file), or OUTSIDE / PROBATIONARY. */
  window: Int32Array;
  /** Windows that contain at least one scored (non-probationary) row: these count as FN when missed. */
  windowCount: number;
}

export interface SweepFileOptions {
  /** Fraction of rows in the probationary period. Default 0.15 (NAB). */
  probationPercent?: number;
}

/** Row range [left, right] of a window; NAB labels use row timestamps, so both ends are exact rows. */
function windowRows(timestamps: ArrayLike<number>, w: NabWindow): [number, number] {
  let left = -1;
  let right = -1;
  for (let i = 0; i < timestamps.length; i++) {
    const t = timestamps[i];
    if (left < 0 && t >= w.start) {
      left = i;
    }
    if (t <= w.end) {
      right = i;
    }
  }
  return [left, right];
}

export function sweepFile(
  timestamps: ArrayLike<number>,
  scores: ArrayLike<number>,
  windows: readonly NabWindow[],
  cost: CostMatrix,
  options: SweepFileOptions = {}
): FileSweep {
  const n = timestamps.length;
  if (scores.length !== n) {
    throw new Error(`sweepFile: ${n} timestamps but ${scores.length} scores`);
  }
  for (let i = 1; i < n; i++) {
    if (!(timestamps[i] >= timestamps[i - 1])) {
      throw new Error(`sweepFile: timestamps must not decrease (row ${i})`);
    }
  }
  const sorted = [...windows].sort((a, b) => a.start - b.start);
  const rows = sorted.map((w) => windowRows(timestamps, w)).filter(([l, r]) => l >= 0 && r >= l);
  for (let k = 1; k < rows.length; k++) {
    if (rows[k][0] <= rows[k - 1][1]) {
      throw new Error('sweepFile: windows overlap');
    }
  }
  const probation = probationaryLength(n, options.probationPercent);
  const anomalyScore = Float64Array.from(scores as ArrayLike<number>);
  const sweepScore = new Float64Array(n);
  const window = new Int32Array(n).fill(OUTSIDE);
  const counted: number[] = [];
  let k = 0;
  let prevRight = -1;
  let prevWidth = 0;
  for (let i = 0; i < n; i++) {
    const inWin = k < rows.length && i >= rows[k][0] && i <= rows[k][1];
    if (inWin) {
      const [l, r] = rows[k];
      const width = r - l + 1;
      sweepScore[i] = (scaledSigmoid(-(r - i + 1) / width) * cost.tpWeight) / MAX_TP;
      window[i] = k;
      if (i === r) {
        prevRight = r;
        prevWidth = width;
        k++;
      }
    } else {
      // A one-row window has w − 1 = 0: any later row is then "far" (position ∞ → −1).
      const y = prevRight < 0 ? 3 : prevWidth > 1 ? Math.abs(i - prevRight) / (prevWidth - 1) : Infinity;
      sweepScore[i] = scaledSigmoid(y) * cost.fpWeight;
    }
    if (i < probation) {
      window[i] = PROBATIONARY;
    } else if (window[i] >= 0) {
      counted[window[i]] = 1;
    }
  }
  // Renumber so that only windows with a scored row exist (a window wholly in probation is dropped).
  const remap = new Int32Array(rows.length).fill(-1);
  let windowCount = 0;
  for (let w = 0; w < rows.length; w++) {
    if (counted[w]) {
      remap[w] = windowCount++;
    }
  }
  for (let i = 0; i < n; i++) {
    if (window[i] >= 0) {
      window[i] = remap[window[i]];
    }
  }
  return { anomalyScore, sweepScore, window, windowCount };
}
