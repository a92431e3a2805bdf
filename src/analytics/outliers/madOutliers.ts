/**
 * Peer outliers by the median absolute deviation: at each time step the series are compared with each
 * other, score = |x − median| / MAD (MAD scaled by 1.4826, so the score reads as a robust z-score), and
 * a series is flagged where its score exceeds the threshold (Iglewicz & Hoaglin 1993, "How to Detect
 * and Handle Outliers", modified z-score).
 *
 * Our own rather than augurs: augurs' `OutlierDetector.mad` scores every point against one *global*
 * double median of all series over all time (Harrell–Davis medians), not against the peers at the same
 * time step, and it cannot take an explicit threshold or `percentPoints`.
 *
 * Policies: NaN values are skipped (their score is NaN, never flagged). A time step with fewer than 3
 * non-NaN values is not comparable (all scores NaN). When MAD is 0 at a step (more than half the series
 * equal) the scale falls back to 1.253314 × mean absolute deviation (the IBM SPSS modified-z rule; the
 * constant is √(π/2), which makes it consistent for normal data); when that is 0 too all values are
 * equal and every score is 0. The input is never mutated.
 */
import { MAD_NORMAL_SCALE } from '../stats/mad';
import { quantileOfBuffer } from '../stats/quantile';
import { PeerGroup, toTimeMajor } from './peerGroup';
import { PeerOutlierCommonOptions, PeerOutlierResult, checkPercentPoints } from './peerOutlierResult';
import { resolveThreshold } from './resolveThreshold';
import { PeerStepRule, scanPeerSteps } from './scanPeerSteps';

/** √(π/2): E|X − μ| = σ·√(2/π) for normal X. */
const MEAN_AD_NORMAL_SCALE = 1.253314;

export interface MadOutliersOptions extends PeerOutlierCommonOptions {
  /** 0–1 (exclusive); higher flags more. Mapped to a threshold by `sensitivityToThreshold`. Default 0.5 (≈ 2.92). */
  sensitivity?: number;
  /** Explicit threshold in scaled-MAD units; overrides `sensitivity` (give only one). */
  threshold?: number;
}

export interface MadOutliersResult extends PeerOutlierResult {
  /** The threshold used, in scaled-MAD units. */
  threshold: number;
}

export function madOutliers(group: PeerGroup, options: MadOutliersOptions = {}): MadOutliersResult {
  const threshold = resolveThreshold(options);
  const percentPoints = checkPercentPoints(options.percentPoints);
  const rule: PeerStepRule = {
    fit(values, count, step) {
      const med = quantileOfBuffer(values, count, 0.5);
      let meanAbs = 0;
      for (let i = 0; i < count; i++) {
        const d = Math.abs(values[i] - med);
        values[i] = d;
        meanAbs += d;
      }
      let scale = MAD_NORMAL_SCALE * quantileOfBuffer(values, count, 0.5);
      if (scale === 0) {
        scale = (MEAN_AD_NORMAL_SCALE * meanAbs) / count;
      }
      step.lower = med - threshold * scale;
      step.upper = med + threshold * scale;
      step.normalLo = step.normalHi = med;
      step.unit = scale;
      return true;
    },
    flagAbove: threshold,
  };
  return { ...scanPeerSteps(toTimeMajor(group), percentPoints, rule), threshold };
}
