/**
 * Result types shared by the peer-outlier detectors and the step that turns per-time flags into
 * per-series verdicts (our own). `percentPoints` follows Grafana ML's outlier detector: a series is an
 * outlier when it is flagged in at least p % of the time steps at which it could be compared.
 */

export interface PeerOutlierSeries {
  /** Position of the series in the input group. */
  index: number;
  /** Flagged in ≥ `percentPoints` % of its comparable time steps (and at least once). */
  isOutlier: boolean;
  /** Time indices (ascending) at which the series was flagged. */
  flaggedIndices: Int32Array;
  /** 100 × flagged steps / comparable steps (steps where it had a value and ≥ 3 peers had values); 0 if none. */
  flaggedPercent: number;
  /** Per time step score (how far from the peers, detector units); NaN where not comparable. */
  scores: Float64Array;
  /** Largest per-step score; NaN if the series was never comparable. */
  maxScore: number;
}

export interface PeerOutlierResult {
  series: PeerOutlierSeries[];
  /** Indices of the series with `isOutlier`, ascending. */
  outlierSeries: number[];
  /** Per time step, the lowest and highest value not flagged (NaN where no comparison was possible). */
  band: { lower: Float64Array; upper: Float64Array };
}

/** Options common to all peer-outlier detectors. */
export interface PeerOutlierCommonOptions {
  /**
   * Minimum share (0–100) of a series' comparable time steps that must be flagged for the series to be
   * an outlier. Default 0: flagged at any single step is enough (as augurs' `isOutlier`).
   */
  percentPoints?: number;
}

/** Fewer non-NaN values than this at a time step and there are no peers to compare against. */
export const MIN_PEERS = 3;

export function checkPercentPoints(percentPoints: number | undefined): number {
  const p = percentPoints ?? 0;
  if (!(p >= 0 && p <= 100)) {
    throw new RangeError(`percentPoints must be in [0, 100], got ${percentPoints}`);
  }
  return p;
}

/**
 * Builds the per-series verdicts from series-major `scores` (NaN = not comparable) and `flags`
 * (1 = flagged), both `seriesCount × length`.
 */
export function buildPeerOutlierResult(
  scores: Float64Array,
  flags: Uint8Array,
  seriesCount: number,
  length: number,
  percentPoints: number,
  lower: Float64Array,
  upper: Float64Array
): PeerOutlierResult {
  const series: PeerOutlierSeries[] = [];
  const outlierSeries: number[] = [];
  for (let s = 0; s < seriesCount; s++) {
    const row = s * length;
    let comparable = 0;
    let flagged = 0;
    let maxScore = NaN;
    for (let t = 0; t < length; t++) {
      const sc = scores[row + t];
      if (sc === sc) {
        comparable++;
        if (!(sc <= maxScore)) {
          maxScore = sc;
        }
      }
      flagged += flags[row + t];
    }
    const flaggedIndices = new Int32Array(flagged);
    for (let t = 0, k = 0; t < length; t++) {
      if (flags[row + t] === 1) {
        flaggedIndices[k++] = t;
      }
    }
    const flaggedPercent = comparable === 0 ? 0 : (100 * flagged) / comparable;
    const isOutlier = flagged > 0 && flaggedPercent >= percentPoints;
    if (isOutlier) {
      outlierSeries.push(s);
    }
    series.push({
      index: s,
      isOutlier,
      flaggedIndices,
      flaggedPercent,
      scores: scores.subarray(row, row + length),
      maxScore,
    });
  }
  return { series, outlierSeries, band: { lower, upper } };
}
