/**
 * Speed of a series: first derivative per second on (possibly irregular) epoch-ms timestamps. Our own.
 *
 * Smoothing (optional; noise is amplified by differencing):
 * - none: `gradient` (numpy.gradient's second-order central difference);
 * - `ewma`: time-aware EWMA first (`ewma`), then `gradient` — cheap, but lags by about the half-life;
 * - `savitzkyGolay`: the slope of a local least-squares polynomial (`localPolynomialFit`, deriv 1) —
 *   no lag, keeps peaks (Savitzky & Golay 1964).
 *
 * NaN and too-short policies are those of the chosen method (see their files). Inputs are never mutated.
 */
import { ewma } from './ewma';
import { gradient } from './gradient';
import { localPolynomialFit } from './localPolynomialFit';

export type DerivativeSmoothing =
  | { method: 'none' }
  | { method: 'ewma'; halfLifeMs: number }
  | { method: 'savitzkyGolay'; halfWindow?: number; order?: number };

export interface DerivativeOptions {
  /** Default `{ method: 'none' }`. */
  smoothing?: DerivativeSmoothing;
}

export function derivative(
  values: ArrayLike<number>,
  timestamps: ArrayLike<number>,
  options: DerivativeOptions = {}
): Float64Array {
  const s = options.smoothing ?? { method: 'none' };
  switch (s.method) {
    case 'none':
      return gradient(values, timestamps);
    case 'ewma':
      return gradient(ewma(values, timestamps, { halfLifeMs: s.halfLifeMs }), timestamps);
    case 'savitzkyGolay':
      return localPolynomialFit(values, timestamps, { halfWindow: s.halfWindow, order: s.order, deriv: 1 });
    default:
      throw new RangeError(`derivative: unknown smoothing method ${(s as { method: string }).method}`);
  }
}
