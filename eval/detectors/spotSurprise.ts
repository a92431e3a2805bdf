/**
 * Per-stream calibration of a raw score by extreme value theory on its own past (harness-side, our own),
 * after SPOT (Siffer, Fouque, Termier & Largouët, "Anomaly Detection in Streams with Extreme Value Theory",
 * KDD 2017). Same contract as `empiricalSurprise`: `update(x)` returns −log10 of x's upper-tail probability
 * estimated from the earlier raw scores only, then adds x to the history.
 *
 * With n earlier scores, the running threshold u is their empirical `level` quantile; the N_u scores above
 * it are the peaks. A GPD fitted to the excesses (peak − u, `gpdFit`) gives, for x > u,
 *   p = (N_u / n)·(1 + ξ(x − u)/σ)^(−1/ξ)      (SPOT's tail estimate, eq. 1 of the paper),
 * and for x ≤ u the empirical p = (1 + #{earlier ≥ x})/(1 + n) of `empiricalSurprise`. The rank surprise of
 * a new maximum is log10(n + 1) whatever its size; here it depends on how far x lies beyond the fitted tail
 * and not on n, so a record far above a light tail (quiet file) scores high and a record inside a heavy
 * tail (bursty file) scores moderately.
 *
 * The fit is refreshed every `refitEvery` rows (on the history before the current row), and used only once
 * N_u ≥ `minPeaks`; until then the empirical surprise is returned. Causal by construction. The surprise is
 * capped at `maxSurprise` (a point beyond the fitted support of a bounded tail, ξ < 0, has p = 0).
 * NaN raw scores return 0 and are not added to the history. While +∞ is among the peaks (a band with zero
 * spread scores ∞) the tail is not fitted and the empirical surprise is used.
 */
import { GpdFit, GpdFitMethod, gpdFit, gpdSurvival } from './gpdFit';
import { lowerBound } from './lowerBound';

export interface SpotSurpriseOptions {
  /** Quantile of the past scores used as the running threshold u. Default 0.98. */
  level?: number;
  /** Fewest peaks above u before the tail is used. Default 10. */
  minPeaks?: number;
  /** Rows between refits. Default 10. */
  refitEvery?: number;
  /** GPD estimator. Default 'mle' (as SPOT). */
  method?: GpdFitMethod;
  /** Largest surprise returned (log10 units). Default 12. */
  maxSurprise?: number;
  /**
   * Keep a fitted bounded tail (ξ < 0). Default false: a fit with ξ < 0 is replaced by the exponential fit
   * (ξ = 0, σ = mean excess, its maximum likelihood estimate), because an endpoint estimated from a few
   * hundred past peaks would give every later, larger score p = 0.
   */
  boundedTail?: boolean;
}

export interface SpotSurprise {
  update(raw: number): number;
}

export function spotSurprise(options: SpotSurpriseOptions = {}): SpotSurprise {
  const level = options.level ?? 0.98;
  const minPeaks = options.minPeaks ?? 10;
  const refitEvery = Math.max(1, Math.round(options.refitEvery ?? 10));
  const method = options.method ?? 'mle';
  const maxSurprise = options.maxSurprise ?? 12;
  const boundedTail = options.boundedTail ?? false;
  if (!(level > 0 && level < 1)) {
    throw new Error(`spotSurprise: level must be in (0, 1), got ${level}`);
  }
  if (!(minPeaks >= 2)) {
    throw new Error(`spotSurprise: minPeaks must be ≥ 2, got ${minPeaks}`);
  }
  const sorted: number[] = [];
  let fit: GpdFit | null = null;
  let u = 0;
  let tailRate = 0;
  let fittedAt = -Infinity;
  const refit = () => {
    const n = sorted.length;
    const peaks = Math.floor((1 - level) * n);
    fittedAt = n;
    if (peaks < minPeaks) {
      fit = null;
      return;
    }
    u = sorted[n - peaks - 1];
    if (!(sorted[n - 1] < Infinity)) {
      // An infinite raw score (e.g. a band with zero spread) among the peaks: no finite tail to fit.
      fit = null;
      return;
    }
    const ys = new Float64Array(peaks);
    for (let i = 0; i < peaks; i++) {
      ys[i] = sorted[n - peaks + i] - u;
    }
    fit = gpdFit(ys, { method, sorted: true });
    if (!boundedTail && fit.shape < 0) {
      let mean = 0;
      for (let i = 0; i < peaks; i++) {
        mean += ys[i];
      }
      fit = { shape: 0, scale: mean / peaks, logLikelihood: NaN };
    }
    // Excesses all 0 (u equals the top scores) say nothing about the tail's shape.
    fit = fit.scale > 0 ? fit : null;
    tailRate = peaks / n;
  };
  return {
    update(raw: number): number {
      if (raw !== raw) {
        return 0;
      }
      const n = sorted.length;
      if (n - fittedAt >= refitEvery) {
        refit();
      }
      const i = lowerBound(sorted, raw);
      let s: number;
      if (fit && raw > u) {
        const p = tailRate * gpdSurvival(raw - u, fit);
        s = p > 0 ? -Math.log10(p) : Infinity;
      } else {
        const p = (n - i + 1) / (n + 1);
        s = p === 1 ? 0 : -Math.log10(p);
      }
      sorted.splice(i, 0, raw);
      return Math.min(maxSurprise, s);
    },
  };
}
