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
import {
  MIN_PEERS,
  PeerOutlierCommonOptions,
  PeerOutlierResult,
  buildPeerOutlierResult,
  checkPercentPoints,
} from './peerOutlierResult';
import { resolveThreshold } from './resolveThreshold';

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
  const { data, seriesCount: n, length } = toTimeMajor(group);
  const scores = new Float64Array(n * length).fill(NaN);
  const flags = new Uint8Array(n * length);
  const lower = new Float64Array(length).fill(NaN);
  const upper = new Float64Array(length).fill(NaN);
  for (let t = 0; t < length; t++) {
    const base = t * n;
    // Welford across the series at this step (Welford 1962).
    let count = 0;
    let mean = 0;
    let m2 = 0;
    for (let s = 0; s < n; s++) {
      const v = data[base + s];
      if (v === v) {
        count++;
        const d = v - mean;
        mean += d / count;
        m2 += d * (v - mean);
      }
    }
    if (count < MIN_PEERS) {
      continue;
    }
    const sd = Math.sqrt(m2 / (count - 1));
    lower[t] = mean - threshold * sd;
    upper[t] = mean + threshold * sd;
    for (let s = 0; s < n; s++) {
      const v = data[base + s];
      if (v !== v) {
        continue;
      }
      const score = sd === 0 ? 0 : Math.abs(v - mean) / sd;
      const idx = s * length + t;
      scores[idx] = score;
      if (score > threshold) {
        flags[idx] = 1;
      }
    }
  }
  return { ...buildPeerOutlierResult(scores, flags, n, length, percentPoints, lower, upper), threshold };
}
