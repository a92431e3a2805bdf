/**
 * Rate of change per second at each sample on irregular timestamps: the second-order central difference
 * for unequal spacing inside, one-sided first differences at the ends. This is the formula of
 * `numpy.gradient(values, seconds)` (edge_order=1; Fornberg 1988, Math. Comp. 51(184)): with
 * h₁ = tᵢ − tᵢ₋₁ and h₂ = tᵢ₊₁ − tᵢ,
 *   f′(tᵢ) ≈ (h₁² fᵢ₊₁ − h₂² fᵢ₋₁ + (h₂² − h₁²) fᵢ) / (h₁ h₂ (h₁ + h₂)).
 * Our own. Timestamps are epoch ms; the result is per second.
 *
 * NaN policy: a NaN value gives NaN there; next to a NaN neighbour the one-sided difference with the
 * other neighbour is used; with both neighbours missing, NaN. Fewer than 2 points → all NaN.
 * Inputs are never mutated; timestamps are validated (`checkTimestamps`).
 */
import { checkTimestamps } from './checkTimestamps';

export function gradient(values: ArrayLike<number>, timestamps: ArrayLike<number>): Float64Array {
  checkTimestamps(values, timestamps, 'gradient');
  const n = values.length;
  const out = new Float64Array(n).fill(NaN);
  if (n < 2) {
    return out;
  }
  for (let i = 0; i < n; i++) {
    const f = values[i];
    if (f !== f) {
      continue;
    }
    const hasPrev = i > 0 && values[i - 1] === values[i - 1];
    const hasNext = i < n - 1 && values[i + 1] === values[i + 1];
    if (hasPrev && hasNext) {
      const h1 = (timestamps[i] - timestamps[i - 1]) / 1000;
      const h2 = (timestamps[i + 1] - timestamps[i]) / 1000;
      out[i] = (h1 * h1 * values[i + 1] - h2 * h2 * values[i - 1] + (h2 * h2 - h1 * h1) * f) / (h1 * h2 * (h1 + h2));
    } else if (hasNext) {
      out[i] = (values[i + 1] - f) / ((timestamps[i + 1] - timestamps[i]) / 1000);
    } else if (hasPrev) {
      out[i] = (f - values[i - 1]) / ((timestamps[i] - timestamps[i - 1]) / 1000);
    }
  }
  return out;
}
