/**
 * Raw NAB score of one or more swept files at a fixed threshold (a row is a detection when its score
 * is ≥ threshold). From Lavin & Ahmad (2015) §"Scoring": each window contributes the best
 * weight among its detected rows, or −fnWeight when none is detected; each detection outside windows adds
 * its (negative) false-positive weight; probationary rows are ignored.
 */
import { CostMatrix } from './costProfile';
import { FileSweep, OUTSIDE } from './sweepFile';

export interface ThresholdScore {
  threshold: number;
  /** Raw (unnormalised) score summed over the files. */
  score: number;
  /** Windows detected. */
  tp: number;
  /** Detections outside windows (probation excluded). */
  fp: number;
  /** Windows missed. */
  fn: number;
}

export function scoreAtThreshold(files: readonly FileSweep[], threshold: number, cost: CostMatrix): ThresholdScore {
  let score = 0;
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const f of files) {
    const best = new Float64Array(f.windowCount).fill(NaN);
    for (let i = 0; i < f.anomalyScore.length; i++) {
      const w = f.window[i];
      if (w < OUTSIDE || !(f.anomalyScore[i] >= threshold)) {
        continue;
      }
      if (w === OUTSIDE) {
        score += f.sweepScore[i];
        fp++;
      } else if (!(best[w] >= f.sweepScore[i])) {
        best[w] = f.sweepScore[i];
      }
    }
    for (let w = 0; w < f.windowCount; w++) {
      if (best[w] === best[w]) {
        score += best[w];
        tp++;
      } else {
        score -= cost.fnWeight;
        fn++;
      }
    }
  }
  return { threshold, score, tp, fp, fn };
}
