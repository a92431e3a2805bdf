/**
 * Turns signed scores into anomaly flags (+1 above, −1 below, 0 normal) with hysteresis and a minimum run.
 * Our own (a small state machine; augurs' detectors return their own flags, not ones from our scores).
 *
 * A run starts when |score| ≥ `threshold` (sign gives the flag) and continues while the score keeps the same
 * sign with |score| ≥ `exitThreshold` (≤ threshold), so a series hovering near the threshold does not flicker
 * (hysteresis as in a Schmitt trigger). Runs shorter than `minRun` points are then cleared (this look-back
 * makes the last minRun − 1 flags provisional in a live stream). `direction` 'above' / 'below' only flags
 * that side.
 *
 * NaN policy: a NaN score is 0 and ends a run (no evidence is not an anomaly). ±Infinity scores flag.
 */

export interface ScoreToFlagsOptions {
  /** Entry level in score units. Default 3. */
  threshold?: number;
  /** Level below which a run ends, in [0, threshold]. Default threshold (no hysteresis). */
  exitThreshold?: number;
  /** Shortest run kept, points. Default 1. */
  minRun?: number;
  /** Default 'both'. */
  direction?: 'above' | 'below' | 'both';
}

/** Flags per point: 1, −1 or 0. */
export function scoreToFlags(score: ArrayLike<number>, options: ScoreToFlagsOptions = {}): Int8Array {
  const threshold = options.threshold ?? 3;
  const exitThreshold = options.exitThreshold ?? threshold;
  const minRun = options.minRun ?? 1;
  const direction = options.direction ?? 'both';
  if (!(threshold > 0)) {
    throw new RangeError(`scoreToFlags: threshold must be positive, got ${threshold}`);
  }
  if (!(exitThreshold >= 0 && exitThreshold <= threshold)) {
    throw new RangeError(`scoreToFlags: exitThreshold must lie in [0, threshold], got ${exitThreshold}`);
  }
  if (!Number.isInteger(minRun) || minRun < 1) {
    throw new RangeError(`scoreToFlags: minRun must be a positive integer, got ${minRun}`);
  }
  const n = score.length;
  const flags = new Int8Array(n);
  let state = 0;
  let runStart = 0;
  const closeRun = (end: number) => {
    if (state !== 0 && end - runStart < minRun) {
      flags.fill(0, runStart, end);
    }
  };
  for (let t = 0; t < n; t++) {
    const s = score[t];
    const sign = s >= 0 ? 1 : s < 0 ? -1 : 0;
    const allowed = sign !== 0 && (direction === 'both' || (direction === 'above' ? sign > 0 : sign < 0));
    let next = 0;
    if (allowed) {
      const a = Math.abs(s);
      if (state === sign && a >= exitThreshold) {
        next = sign;
      } else if (a >= threshold) {
        next = sign;
      }
    }
    if (next !== state) {
      closeRun(t);
      runStart = t;
    }
    state = next;
    flags[t] = next;
  }
  closeRun(n);
  return flags;
}
