/**
 * Peer outliers by the z-score across series at each time step: score = |x − mean| / sd (sample sd,
 * ddof 1), flagged above the threshold. Our own: augurs has no z-score detector.
 *
 * Note: with n series the largest possible score is (n − 1)/√n (Shiffler 1988, "Maximum Z scores and
 * outliers", Am. Stat. 42(1)), so small groups cannot reach large thresholds; prefer `madOutliers`
 * there, which an extreme value does not mask either.
 *
 * Policies: NaN values are skipped (score NaN, never flagged); a time step with fewer than 3 non-NaN
 * values is not comparable; a step where all values are equal scores 0. The input is never mutated.
 */
import { PeerGroup, toTimeMajor } from './peerGroup';
import { PeerOutlierCommonOptions, PeerOutlierResult, checkPercentPoints } from './peerOutlierResult';
import { resolveThreshold } from './resolveThreshold';
import { PeerStepRule, scanPeerSteps } from './scanPeerSteps';

export interface ZScoreOutliersOptions extends PeerOutlierCommonOptions {
  /** 0–1 (exclusive); higher flags more, mapped by `sensitivityToThreshold`. Default 0.5 (≈ 2.92). */
  sensitivity?: number;
  /** Explicit threshold in standard deviations; overrides `sensitivity` (give only one). */
  threshold?: number;
}

export interface ZScoreOutliersResult extends PeerOutlierResult {
  threshold: number;
}

export function zScoreOutliers(group: PeerGroup, options: ZScoreOutliersOptions = {}): ZScoreOutliersResult {
  const threshold = resolveThreshold(options);
  const percentPoints = checkPercentPoints(options.percentPoints);
  const rule: PeerStepRule = {
    fit(values, count, step) {
      // Welford across the series at this step (Welford 1962).
      let mean = 0;
      let m2 = 0;
      for (let i = 0; i < count; i++) {
        const v = values[i];
        const d = v - mean;
        mean += d / (i + 1);
        m2 += d * (v - mean);
      }
      const sd = Math.sqrt(m2 / (count - 1));
      step.lower = mean - threshold * sd;
      step.upper = mean + threshold * sd;
      step.normalLo = step.normalHi = mean;
      step.unit = sd;
      return true;
    },
    flagAbove: threshold,
  };
  return { ...scanPeerSteps(toTimeMajor(group), percentPoints, rule), threshold };
}
