/**
 * Trailing moving-average band: expected = mean of the previous `window` points, σ = their sample standard
 * deviation, band = expected ± k·σ. Our own (augurs has no causal band). Causal: point t uses y[t−window..t−1]
 * only, never y[t] itself, so a spike cannot hide inside its own band.
 *
 * O(n): a running mean and sum of squared deviations updated by Welford's add/remove steps (Welford 1962;
 * the removal step as in Chan, Golub & LeVeque 1983, "Algorithms for computing the sample variance"), which
 * avoids the cancellation of Σx² − n·x̄² on large offsets. The window statistics are recomputed exactly every
 * `window` steps (amortised O(1)) so rounding from repeated removals cannot build up.
 *
 * NaN policy: NaN points are skipped in the window; the band is NaN while fewer than `minPoints` finite
 * values precede t (so the first points and long gaps give NaN). A NaN y[t] has a band but a NaN score.
 * Constant history: σ = 0, the score is 0 at the same value and finite off it (the spread floor of
 * bandFromSpread).
 */
import { bandFromSpread, checkBandOptions } from './bandFromSpread';
import type { BandOptions, BandResult } from './bandResult';

export interface MovingBandOptions extends BandOptions {
  /** Trailing window length in points. Default 60. */
  window?: number;
  /** Finite points needed in the window for a band. Default max(2, ⌈window/4⌉). */
  minPoints?: number;
}

/** Causal trailing mean ± k·σ band. See the file header for the policies. */
export function movingBand(y: ArrayLike<number>, options: MovingBandOptions = {}): BandResult {
  const window = options.window ?? 60;
  const k = options.k ?? 3;
  const direction = options.direction ?? 'both';
  checkBandOptions('movingBand', k, direction);
  if (!Number.isInteger(window) || window < 2) {
    throw new RangeError(`movingBand: window must be an integer ≥ 2, got ${window}`);
  }
  const minPoints = options.minPoints ?? Math.max(2, Math.ceil(window / 4));
  if (!Number.isInteger(minPoints) || minPoints < 2 || minPoints > window) {
    throw new RangeError(`movingBand: minPoints must be an integer in [2, window], got ${minPoints}`);
  }
  const n = y.length;
  const expected = new Float64Array(n);
  const sigma = new Float64Array(n);
  let count = 0;
  let mean = 0;
  let m2 = 0;
  let sinceRecompute = 0;
  for (let t = 0; t < n; t++) {
    if (sinceRecompute >= window) {
      // Exact two-pass statistics of y[t−window..t−1].
      count = 0;
      mean = 0;
      for (let i = t - window; i < t; i++) {
        const v = y[i];
        if (v === v) {
          count++;
          mean += (v - mean) / count;
        }
      }
      m2 = 0;
      for (let i = t - window; i < t; i++) {
        const v = y[i];
        if (v === v) {
          m2 += (v - mean) * (v - mean);
        }
      }
      sinceRecompute = 0;
    }
    if (count >= minPoints) {
      expected[t] = mean;
      sigma[t] = Math.sqrt(Math.max(0, m2) / (count - 1));
    } else {
      expected[t] = NaN;
      sigma[t] = NaN;
    }
    // Slide: add y[t], drop y[t − window].
    const add = y[t];
    if (add === add) {
      count++;
      const delta = add - mean;
      mean += delta / count;
      m2 += delta * (add - mean);
    }
    const drop = t - window >= 0 ? y[t - window] : NaN;
    if (drop === drop) {
      count--;
      if (count === 0) {
        mean = 0;
        m2 = 0;
      } else {
        const delta = drop - mean;
        mean -= delta / count;
        m2 -= delta * (drop - mean);
      }
    }
    sinceRecompute++;
  }
  return bandFromSpread(y, expected, sigma, k, direction, 'level');
}
