/**
 * Explains one point of a band: expected value, band edges, signed deviation in σ units and the component it
 * is measured against (our own; a lookup into a `BandResult`).
 *
 * Policy: an index outside [0, n) throws a RangeError; NaN values give NaN deviation and outside = false.
 */
import type { BandResult } from '../bands/bandResult';
import type { PointExplanation } from './pointExplanation';

export function explainPoint(y: ArrayLike<number>, band: BandResult, index: number): PointExplanation {
  if (!Number.isInteger(index) || index < 0 || index >= y.length || index >= band.expected.length) {
    throw new RangeError(`explainPoint: index ${index} is outside the series (length ${y.length})`);
  }
  const value = y[index];
  const lower = band.lower[index];
  const upper = band.upper[index];
  return {
    index,
    value,
    expected: band.expected[index],
    lower,
    upper,
    deviation: band.score[index],
    component: band.component,
    outside: value < lower || value > upper,
  };
}
