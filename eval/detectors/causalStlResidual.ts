/**
 * A causal use of the core's STL residual band (harness-side, our own wrapper; the band itself smooths over
 * the whole series it is given, so it is not causal on its own). Every `period` rows, at row t₀:
 *  1. the trailing history y[t₀ − H, t₀) (H = `seasons`·period, or all rows if fewer) is tested for the
 *     seasonality with the core's `detectSeasonality` (ACF at the period), on that history only;
 *  2. if seasonal, `stlResidualBand` decomposes the history; rows t ∈ [t₀, t₀ + period) are then scored
 *     against expected = last trend value + seasonal value one period earlier (the naive STL forecast,
 *     as in Hyndman & Athanasopoulos, FPP3 §5.7 "forecasting with decomposition"), with the band's σ
 *     (1.4826·MAD of the remainder);
 *  3. if not seasonal, the rows are scored against the mean and standard deviation of the history.
 * Rows before the first refit (t₀ = 2·period) are NaN. Output: signed σ-scores, one per row.
 * Weakness: with only 2–3 seasons of history STL follows the noise closely, the remainder's MAD is tiny
 * and normal rows get large scores; the per-stream calibration downstream absorbs part of that.
 */
import { stlResidualBand } from '../../src/analytics/bands/stlResidualBand';
import { detectSeasonality } from '../../src/analytics/seasonality/detectSeasonality';

export interface CausalStlResidualOptions {
  /** Season length in rows. */
  period: number;
  /** History length in seasons. Default 7. */
  seasons?: number;
}

export function causalStlResidual(y: ArrayLike<number>, options: CausalStlResidualOptions): Float64Array {
  const { period } = options;
  if (!Number.isInteger(period) || period < 2) {
    throw new RangeError(`causalStlResidual: period must be an integer ≥ 2, got ${period}`);
  }
  const H = (options.seasons ?? 7) * period;
  const n = y.length;
  const out = new Float64Array(n).fill(NaN);
  for (let t0 = 2 * period; t0 < n; t0 += period) {
    const start = Math.max(0, t0 - H);
    const hist = Float64Array.from({ length: t0 - start }, (_, i) => y[start + i]);
    const end = Math.min(n, t0 + period);
    const seasonal = detectSeasonality(hist, { candidates: [period] }).periods.includes(period);
    if (seasonal) {
      const band = stlResidualBand(hist, { period });
      const m = hist.length;
      const level = band.trend[m - 1];
      const sigma = band.sigma[m - 1];
      for (let t = t0; t < end; t++) {
        // Phase of t in the history's last cycle.
        const expected = level + band.seasonal[m - period + ((t - t0) % period)];
        out[t] = sigma > 0 ? (y[t] - expected) / sigma : y[t] === expected ? 0 : Infinity;
      }
    } else {
      let mean = 0;
      let count = 0;
      for (const v of hist) {
        if (v === v) {
          count++;
          mean += (v - mean) / count;
        }
      }
      let ss = 0;
      for (const v of hist) {
        if (v === v) {
          ss += (v - mean) ** 2;
        }
      }
      const sd = count > 1 ? Math.sqrt(ss / (count - 1)) : NaN;
      for (let t = t0; t < end; t++) {
        out[t] = sd > 0 ? (y[t] - mean) / sd : y[t] === mean ? 0 : Infinity;
      }
    }
  }
  return out;
}
