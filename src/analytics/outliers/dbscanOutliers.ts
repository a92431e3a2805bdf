/**
 * Peer outliers by one-dimensional DBSCAN at each time step: the values of all series at a step are
 * clustered (`dbscanSortedInto`); the largest cluster is the normal group when it holds a strict
 * majority of the non-NaN values (the rule of augurs' DBSCAN detector); series outside its value range
 * are flagged. Score = distance outside that range in units of ε (0 inside).
 *
 * Our own rather than augurs, measured in benchmarks/outliers.bench.ts: augurs'
 * `OutlierDetector.dbscan` runs the same 1-D chain per step (sorting each step; with minPts ≤ 2 we need no sort,
 * see `majorityClusterRange`) but takes only a sensitivity (no
 * explicit ε, no minPts), flags *every* series at a step without a majority cluster, reports 0/1 scores,
 * and has no `percentPoints`; its `DbscanClusterer` needs an n × n distance matrix per step.
 *
 * ε from `sensitivity` uses augurs' rule (grafana/augurs, crates/augurs-outlier/src/dbscan.rs):
 * ε = (1 − min(s, 0.999)) × span × 1.1, span = max − min over all values (at least 0.1).
 *
 * Policies: NaN values are skipped (score NaN, never flagged). A time step with fewer than 3 non-NaN
 * values, or with no majority cluster, flags nothing (no consensus to deviate from); its scores and
 * band are NaN. The input is never mutated.
 */
import { Dbscan1dOptions, checkDbscanOptions } from './dbscan1d';
import { majorityClusterRange, majorityScratch } from './majorityClusterRange';
import { PeerGroup, toTimeMajor } from './peerGroup';
import { PeerOutlierCommonOptions, PeerOutlierResult, checkPercentPoints } from './peerOutlierResult';
import { PeerStepRule, scanPeerSteps } from './scanPeerSteps';

export interface DbscanOutliersOptions extends PeerOutlierCommonOptions {
  /** 0–1 (exclusive); higher means smaller ε, so more flagged. Default 0.5 when `epsilon` is not given. */
  sensitivity?: number;
  /** Explicit ε in data units; overrides `sensitivity` (give only one). */
  epsilon?: number;
  /** DBSCAN min_samples (itself included). Default 2. */
  minPts?: number;
}

export interface DbscanOutliersResult extends PeerOutlierResult {
  /** The ε used. */
  epsilon: number;
}

const SENSITIVITY_PADDING = 1.1;

function epsilonFromSensitivity(sensitivity: number, data: Float64Array): number {
  if (!(sensitivity > 0 && sensitivity < 1)) {
    throw new RangeError(`sensitivity must be in (0, 1), got ${sensitivity}`);
  }
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < data.length; i++) {
    const v = data[i];
    if (v < min) {
      min = v;
    }
    if (v > max) {
      max = v;
    }
  }
  const span = max >= min ? Math.max(Math.abs(max - min), 0.1) : 0.1;
  return (1 - Math.min(sensitivity, 1 - 1e-3)) * span * SENSITIVITY_PADDING;
}

export function dbscanOutliers(group: PeerGroup, options: DbscanOutliersOptions = {}): DbscanOutliersResult {
  if (options.sensitivity !== undefined && options.epsilon !== undefined) {
    throw new RangeError('give either sensitivity or epsilon, not both');
  }
  const percentPoints = checkPercentPoints(options.percentPoints);
  const timeMajor = toTimeMajor(group);
  const epsilon = options.epsilon ?? epsilonFromSensitivity(options.sensitivity ?? 0.5, timeMajor.data);
  const dbOptions: Dbscan1dOptions = { epsilon, minPts: options.minPts };
  const { minPts } = checkDbscanOptions(dbOptions);

  const scratch = majorityScratch(timeMajor.seriesCount);
  const range = { lo: NaN, hi: NaN };
  const rule: PeerStepRule = {
    fit(values, count, step) {
      if (!majorityClusterRange(values, count, epsilon, minPts, scratch, range)) {
        return false;
      }
      step.lower = step.normalLo = range.lo;
      step.upper = step.normalHi = range.hi;
      step.unit = epsilon;
      return true;
    },
    // Every value outside the majority cluster's range is flagged.
    flagAbove: -Infinity,
  };
  return { ...scanPeerSteps(timeMajor, percentPoints, rule), epsilon };
}
