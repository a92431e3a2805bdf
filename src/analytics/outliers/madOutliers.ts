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
import {
  MIN_PEERS,
  PeerOutlierCommonOptions,
  PeerOutlierResult,
  buildPeerOutlierResult,
  checkPercentPoints,
} from './peerOutlierResult';
import { resolveThreshold } from './resolveThreshold';

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
  const { data, seriesCount: n, length } = toTimeMajor(group);
  const scores = new Float64Array(n * length).fill(NaN);
  const flags = new Uint8Array(n * length);
  const lower = new Float64Array(length).fill(NaN);
  const upper = new Float64Array(length).fill(NaN);
  const work = new Float64Array(n);
  for (let t = 0; t < length; t++) {
    const base = t * n;
    let count = 0;
    for (let s = 0; s < n; s++) {
      const v = data[base + s];
      if (v === v) {
        work[count++] = v;
      }
    }
    if (count < MIN_PEERS) {
      continue;
    }
    const med = quantileOfBuffer(work, count, 0.5);
    let meanAbs = 0;
    for (let i = 0; i < count; i++) {
      const d = Math.abs(work[i] - med);
      work[i] = d;
      meanAbs += d;
    }
    let scale = MAD_NORMAL_SCALE * quantileOfBuffer(work, count, 0.5);
    if (scale === 0) {
      scale = (MEAN_AD_NORMAL_SCALE * meanAbs) / count;
    }
    lower[t] = med - threshold * scale;
    upper[t] = med + threshold * scale;
    for (let s = 0; s < n; s++) {
      const v = data[base + s];
      if (v !== v) {
        continue;
      }
      const dev = Math.abs(v - med);
      const score = scale === 0 ? 0 : dev / scale;
      const idx = s * length + t;
      scores[idx] = score;
      if (score > threshold) {
        flags[idx] = 1;
      }
    }
  }
  return { ...buildPeerOutlierResult(scores, flags, n, length, percentPoints, lower, upper), threshold };
}
