/**
 * One-step-ahead prediction band from a Holt–Winters / ETS model (our `forecasting/holtWinters`): expected is
 * the model's one-step forecast ŷₜ made from data before t, σ = √σ² of the one-step innovations (the ETS
 * class-1 one-step variance; Hyndman et al. 2008, ch. 6), so ±k·σ with k = z₍₁₊level₎/₂ is the one-step
 * prediction interval. Our own, on our Holt–Winters.
 *
 * Causality: ŷₜ uses only y before t, but the parameters (unless given) and σ are estimated on the whole
 * series; pass fixed parameters for a strictly causal band.
 *
 * NaN policy: gaps are zero-innovation steps of the model (see holtWinters.ts): expected is defined, score is
 * NaN. Errors of holtWinters (too short, all NaN, non-positive values with a multiplicative season) propagate.
 */
import { holtWinters, HoltWintersOptions, HoltWintersResult } from '../forecasting/holtWinters';
import { normalQuantile } from '../forecasting/normalQuantile';
import { bandFromSpread, checkBandOptions } from './bandFromSpread';
import type { BandOptions, BandResult } from './bandResult';

export interface ForecastBandOptions extends BandOptions, Omit<HoltWintersOptions, 'horizon' | 'level'> {
  /** Interval coverage; when given it sets k = z₍₁₊level₎/₂ (overrides k). */
  level?: number;
}

export interface ForecastBandResult extends BandResult {
  model: HoltWintersResult;
}

/** One-step-ahead Holt–Winters band. */
export function forecastBand(y: ArrayLike<number>, options: ForecastBandOptions = {}): ForecastBandResult {
  const { k: kOption, direction: dOption, level, ...hw } = options;
  if (level !== undefined && !(level > 0 && level < 1)) {
    throw new RangeError(`forecastBand: level must lie in (0, 1), got ${level}`);
  }
  const k = level !== undefined ? normalQuantile((1 + level) / 2) : (kOption ?? 3);
  const direction = dOption ?? 'both';
  checkBandOptions('forecastBand', k, direction);
  const model = holtWinters(y, { ...hw, horizon: 0 });
  const sigma = new Float64Array(y.length).fill(Math.sqrt(model.sigma2));
  const band = bandFromSpread(y, Float64Array.from(model.fitted), sigma, k, direction, 'forecast');
  return { ...band, model };
}
