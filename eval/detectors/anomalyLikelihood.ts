/**
 * Anomaly likelihood post-processing (Ahmad, Lavin, Purdy & Agha 2017, "Unsupervised real-time anomaly
 * detection for streaming data", Neurocomputing 262, §4.2), our own streaming implementation: raw scores
 * s_t in [0, 1] are modelled over a long trailing window W by a normal N(μ_t, σ_t); the short-term mean
 * μ̃_t of the last W′ raw scores gives L_t = 1 − Q((μ̃_t − μ_t)/σ_t). A burst of unusual raw scores
 * therefore raises L_t, while a detector that is noisy everywhere is calibrated down.
 *
 * `score()` returns a monotone transform of L_t that stays resolvable near 1: −log10(1 − L_t)/10,
 * clipped to [0, 1] (the threshold sweep depends only on order, so the transform changes no NAB score).
 */
import { normalTail } from './normalTail';

export interface AnomalyLikelihoodOptions {
  /** Long window W for μ, σ (rows). Default 8640 (NAB/HTM: a month of 5-minute data). */
  historicWindow?: number;
  /** Short window W′ for μ̃ (rows). Default 10 (paper §4.2). */
  shortWindow?: number;
  /** Rows before the likelihood is trusted; 0.5 is returned until then. Default 300. */
  learningPeriod?: number;
  /** Floor on σ so a flat raw score history does not make every change infinitely unlikely. Default 1e-4. */
  minStd?: number;
}

export interface AnomalyLikelihood {
  /** Feeds the next raw score and returns the transformed likelihood of the row. */
  update(raw: number): number;
}

export function anomalyLikelihood(options: AnomalyLikelihoodOptions = {}): AnomalyLikelihood {
  const W = options.historicWindow ?? 8640;
  const Ws = options.shortWindow ?? 10;
  const learning = options.learningPeriod ?? 300;
  const minStd = options.minStd ?? 1e-4;
  const hist = new Float64Array(W);
  const short = new Float64Array(Ws);
  let hCount = 0;
  let hHead = 0;
  let hSum = 0;
  let hSumSq = 0;
  let sCount = 0;
  let sHead = 0;
  let sSum = 0;
  let seen = 0;
  return {
    update(raw: number): number {
      const r = raw === raw ? raw : 0;
      if (sCount === Ws) {
        sSum -= short[sHead];
      } else {
        sCount++;
      }
      short[sHead] = r;
      sHead = (sHead + 1) % Ws;
      sSum += r;
      const avg = sSum / sCount;
      let out = 0.5;
      if (seen >= learning && hCount > 1) {
        const mean = hSum / hCount;
        const std = Math.max(Math.sqrt(Math.max(hSumSq / hCount - mean * mean, 0)), minStd);
        const q = normalTail((avg - mean) / std);
        out = Math.min(1, Math.max(0, -Math.log10(Math.max(q, 1e-300)) / 10));
      }
      // The historic distribution is of short-term averages, as in the paper.
      if (hCount === W) {
        const old = hist[hHead];
        hSum -= old;
        hSumSq -= old * old;
      } else {
        hCount++;
      }
      hist[hHead] = avg;
      hHead = (hHead + 1) % W;
      hSum += avg;
      hSumSq += avg * avg;
      seen++;
      return out;
    },
  };
}
