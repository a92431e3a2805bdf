/**
 * Exponentially weighted moving average on irregular timestamps: sᵢ = sᵢ₋₁ + αᵢ (xᵢ − sᵢ₋₁) with
 * αᵢ = 1 − exp(−Δtᵢ / τ), τ = halfLife / ln 2, so a sample's weight halves every `halfLifeMs` whatever the
 * spacing (Eckner 2019, "Algorithms for unevenly spaced time series: moving averages and other rolling
 * operators", the "last" EMA). On a regular grid this is the usual EWMA with α = 1 − 2^(−Δt/halfLife).
 * Our own. Smoothing lags the signal by about τ; prefer Savitzky–Golay for derivatives at peaks.
 *
 * NaN policy: NaN inputs give NaN outputs and do not update the state (the next sample decays over the
 * whole gap). The first non-NaN value starts the state. Inputs are never mutated.
 */
import { checkTimestamps } from './checkTimestamps';

export interface EwmaOptions {
  /** Half-life in milliseconds (> 0). */
  halfLifeMs: number;
}

export function ewma(values: ArrayLike<number>, timestamps: ArrayLike<number>, options: EwmaOptions): Float64Array {
  checkTimestamps(values, timestamps, 'ewma');
  const h = options.halfLifeMs;
  if (!(h > 0) || !Number.isFinite(h)) {
    throw new RangeError(`ewma: halfLifeMs must be a finite number > 0, got ${h}`);
  }
  const tau = h / Math.LN2;
  const n = values.length;
  const out = new Float64Array(n);
  let state = NaN;
  let lastT = NaN;
  for (let i = 0; i < n; i++) {
    const x = values[i];
    if (x !== x) {
      out[i] = NaN;
      continue;
    }
    if (state !== state) {
      state = x;
    } else {
      const alpha = 1 - Math.exp(-(timestamps[i] - lastT) / tau);
      state += alpha * (x - state);
    }
    lastT = timestamps[i];
    out[i] = state;
  }
  return out;
}
