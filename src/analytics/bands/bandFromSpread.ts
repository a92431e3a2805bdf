/**
 * Turns an expected value and a σ-like spread per point into a band: edges, signed score and direction
 * handling shared by every band (our own; a few lines of arithmetic).
 *
 * Score policy: (y − expected)/σ; NaN when any of y, expected, σ is NaN; when σ = 0 (a flat history) the score
 * is 0 for y = expected, and otherwise the departure is measured against a spread floor of
 * FLAT_SPREAD_FLOOR·max(1, |expected|): very large but finite (the same convention as the auto detector), so
 * panels, reducers and alert thresholds never meet ±Infinity. Direction
 * 'above' clips negative scores to 0 and sets lower = −Infinity; 'below' mirrors it. Where
 * expected or σ is NaN both edges are NaN.
 */
import type { ExplanationComponent } from '../anomaly/pointExplanation';
import type { BandDirection, BandResult } from './bandResult';

/** Relative spread floor for a departure from a flat history (see the score policy). */
export const FLAT_SPREAD_FLOOR = 1e-9;

export function checkBandOptions(name: string, k: number, direction: BandDirection): void {
  if (!(k > 0) || !Number.isFinite(k)) {
    throw new RangeError(`${name}: k must be a positive finite number, got ${k}`);
  }
  if (direction !== 'above' && direction !== 'below' && direction !== 'both') {
    throw new RangeError(`${name}: direction must be 'above', 'below' or 'both', got ${String(direction)}`);
  }
}

/** Fills a band from `expected` and `sigma` (both taken over, not copied). */
export function bandFromSpread(
  y: ArrayLike<number>,
  expected: Float64Array,
  sigma: Float64Array,
  k: number,
  direction: BandDirection,
  component: ExplanationComponent
): BandResult {
  const n = y.length;
  const lower = new Float64Array(n);
  const upper = new Float64Array(n);
  const score = new Float64Array(n);
  for (let t = 0; t < n; t++) {
    const e = expected[t];
    const s = sigma[t];
    const undefinedBand = e !== e || s !== s;
    lower[t] = undefinedBand ? NaN : direction === 'above' ? -Infinity : e - k * s;
    upper[t] = undefinedBand ? NaN : direction === 'below' ? Infinity : e + k * s;
    const d = y[t] - e;
    let z: number;
    if (d !== d || s !== s) {
      z = NaN;
    } else if (s === 0) {
      z = d === 0 ? 0 : d / (FLAT_SPREAD_FLOOR * Math.max(1, Math.abs(e)));
    } else {
      z = d / s;
    }
    if (direction === 'above' && z < 0) {
      z = 0;
    } else if (direction === 'below' && z > 0) {
      z = 0;
    }
    score[t] = z;
  }
  return { expected, lower, upper, score, sigma, component };
}
