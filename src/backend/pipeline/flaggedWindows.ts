/**
 * Anomaly windows from the flags of one series: maximal runs of the same flag (+1 above, −1 below), with runs of
 * the same direction joined when the unflagged gap between them is at most `maxGapPoints` (so a deviation that
 * dips under the threshold for a moment stays one window). Runs shorter than `flags.minDuration` were already
 * cleared by scoreToFlags. The peak is the flagged point of largest |score| (NaN scores ignored;
 * the first such point on ties). Inputs are not mutated.
 */

export interface FlaggedWindow {
  /** Index of the first and last flagged point. */
  start: number;
  end: number;
  /** +1 above the band, −1 below. */
  direction: 1 | -1;
  /** Index of the peak. */
  peak: number;
}

export function flaggedWindows(
  flags: ArrayLike<number>,
  score: ArrayLike<number>,
  options: { maxGapPoints?: number } = {}
): FlaggedWindow[] {
  const maxGap = options.maxGapPoints ?? 0;
  if (!Number.isInteger(maxGap) || maxGap < 0) {
    throw new RangeError(`flaggedWindows: maxGapPoints must be a whole number ≥ 0, got ${maxGap}`);
  }
  const windows: FlaggedWindow[] = [];
  let current: FlaggedWindow | undefined;
  for (let i = 0; i < flags.length; i++) {
    const f = flags[i];
    if (f !== 1 && f !== -1) {
      continue;
    }
    const joins = current && current.direction === f && i - current.end - 1 <= maxGap;
    if (!joins) {
      current = { start: i, end: i, direction: f, peak: i };
      windows.push(current);
    } else {
      current!.end = i;
    }
    const w = current!;
    const a = Math.abs(score[i]);
    const best = Math.abs(score[w.peak]);
    if (a > best || (best !== best && a === a)) {
      w.peak = i;
    }
  }
  return windows;
}
