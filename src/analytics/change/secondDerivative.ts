/**
 * Acceleration of a series: second derivative per second² on (possibly irregular) epoch-ms timestamps.
 * Our own.
 *
 * - none: the gradient of the gradient (as `numpy.gradient(numpy.gradient(y, t), t)`);
 * - `ewma`: the same after time-aware EWMA smoothing;
 * - `savitzkyGolay`: twice the quadratic coefficient of the local polynomial (order ≥ 2, default 2).
 *
 * NaN and too-short policies are those of the chosen method. Inputs are never mutated.
 */
import { DerivativeOptions, derivative } from './derivative';
import { gradient } from './gradient';
import { localPolynomialFit } from './localPolynomialFit';

export function secondDerivative(
  values: ArrayLike<number>,
  timestamps: ArrayLike<number>,
  options: DerivativeOptions = {}
): Float64Array {
  const s = options.smoothing ?? { method: 'none' };
  switch (s.method) {
    case 'none':
    case 'ewma':
      // The gradient of the first derivative, smoothed the same way.
      return gradient(derivative(values, timestamps, options), timestamps);
    case 'savitzkyGolay':
      return localPolynomialFit(values, timestamps, { halfWindow: s.halfWindow, order: s.order ?? 2, deriv: 2 });
    default:
      throw new RangeError(`secondDerivative: unknown smoothing method ${(s as { method: string }).method}`);
  }
}
