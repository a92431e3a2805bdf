/**
 * RCA baselines (harness-side): how far a metric's anomalous period sits from its normal period.
 * - `zScoreShift`: |mean(anomalous) − mean(normal)| / sd(normal);
 * - `robustShift`: |median(anomalous) − median(normal)| / IQR(normal) (type-7 quartiles).
 * These are the "z-score" and robust baselines of the PetShop benchmark (Hardt et al. 2023, "The PetShop
 * Dataset — Finding Causes of Performance Issues across Microservices", §5 baselines). Built on the
 * core's NaN-skipping statistics.
 *
 * NaN policy: NaNs are skipped; fewer than 2 normal values or no anomalous value gives NaN (the metric is
 * not scored). A zero spread is floored at `minSpread` (default 1e−9) so a metric that was constant and
 * then moved ranks above everything else instead of producing Infinity/NaN.
 */
import { meanVariance } from '../../src/analytics/stats/meanVariance';
import { median } from '../../src/analytics/stats/median';
import { quantile } from '../../src/analytics/stats/quantile';

export interface ShiftOptions {
  minSpread?: number;
}

function finiteCount(v: ArrayLike<number>): number {
  let c = 0;
  for (let i = 0; i < v.length; i++) {
    if (v[i] === v[i]) {
      c++;
    }
  }
  return c;
}

export function zScoreShift(
  normal: ArrayLike<number>,
  anomalous: ArrayLike<number>,
  options: ShiftOptions = {}
): number {
  if (finiteCount(normal) < 2 || finiteCount(anomalous) < 1) {
    return NaN;
  }
  const n = meanVariance(normal);
  const a = meanVariance(anomalous);
  return Math.abs(a.mean - n.mean) / Math.max(n.std, options.minSpread ?? 1e-9);
}

export function robustShift(
  normal: ArrayLike<number>,
  anomalous: ArrayLike<number>,
  options: ShiftOptions = {}
): number {
  if (finiteCount(normal) < 2 || finiteCount(anomalous) < 1) {
    return NaN;
  }
  const iqr = quantile(normal, 0.75) - quantile(normal, 0.25);
  return Math.abs(median(anomalous) - median(normal)) / Math.max(iqr, options.minSpread ?? 1e-9);
}
