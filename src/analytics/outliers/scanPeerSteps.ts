/**
 * The time-step loop the peer-outlier detectors share (our own): at each step the non-NaN values of all series
 * are gathered in series order; a step with fewer than `MIN_PEERS` of them is not comparable (scores and band
 * NaN); otherwise the detector's `fit` describes the step and each series' value there is scored as its distance
 * outside the step's normal range, in the step's unit (0 inside; 0 everywhere when the unit is 0), and flagged
 * when it lies outside that range with a score above `flagAbove`. NaN values keep a NaN score and are never
 * flagged. The input is never mutated.
 *
 * The scoring is inline rather than a per-value callback: a callback made the detectors up to twice as slow
 * (benchmarks/outliers.bench.ts).
 */
import type { TimeMajor } from './peerGroup';
import { MIN_PEERS, PeerOutlierResult, buildPeerOutlierResult } from './peerOutlierResult';

/** One time step as a detector sees it. */
export interface PeerStepFit {
  /** The band drawn at this step. */
  lower: number;
  upper: number;
  /** Values in [normalLo, normalHi] score 0 (a single point for a centre-and-scale rule). */
  normalLo: number;
  normalHi: number;
  /** Scores are distances outside the normal range divided by this. */
  unit: number;
}

export interface PeerStepRule {
  /**
   * Describes the step from its `count` (≥ MIN_PEERS) non-NaN values in `values[0..count)`, which it may reorder
   * or overwrite, by writing `step`; returns false when the step has no consensus to deviate from (nothing is
   * scored or flagged there, its band stays NaN).
   */
  fit(values: Float64Array, count: number, step: PeerStepFit): boolean;
  /** A value outside the normal range is flagged when its score is above this. */
  flagAbove: number;
}

export function scanPeerSteps(group: TimeMajor, percentPoints: number, rule: PeerStepRule): PeerOutlierResult {
  const { data, seriesCount: n, length } = group;
  const { flagAbove } = rule;
  const scores = new Float64Array(n * length).fill(NaN);
  const flags = new Uint8Array(n * length);
  const lower = new Float64Array(length).fill(NaN);
  const upper = new Float64Array(length).fill(NaN);
  const values = new Float64Array(n);
  const step: PeerStepFit = { lower: NaN, upper: NaN, normalLo: NaN, normalHi: NaN, unit: NaN };
  for (let t = 0; t < length; t++) {
    const base = t * n;
    let count = 0;
    for (let s = 0; s < n; s++) {
      const v = data[base + s];
      if (v === v) {
        values[count++] = v;
      }
    }
    if (count < MIN_PEERS || !rule.fit(values, count, step)) {
      continue;
    }
    lower[t] = step.lower;
    upper[t] = step.upper;
    const { normalLo, normalHi, unit } = step;
    for (let s = 0; s < n; s++) {
      const v = data[base + s];
      if (v !== v) {
        continue;
      }
      const outside = v < normalLo ? normalLo - v : v > normalHi ? v - normalHi : 0;
      const score = unit === 0 ? 0 : outside / unit;
      const idx = s * length + t;
      scores[idx] = score;
      if (outside > 0 && score > flagAbove) {
        flags[idx] = 1;
      }
    }
  }
  return buildPeerOutlierResult(scores, flags, n, length, percentPoints, lower, upper);
}
