/**
 * NAB's threshold optimisation: the one threshold, shared by every file of the corpus, that maximises
 * the detector's total raw score for a profile (Lavin & Ahmad 2015 §"Scoring": "the threshold … is
 * optimised for each application profile"; NAB README). An exhaustive sweep over every
 * distinct score, highest first, updating the total incrementally (each newly detected row either raises
 * its window's best weight or adds its false-positive weight), so the cost is one sort, O(N log N).
 */
import { CostMatrix } from './costProfile';
import { FileSweep, OUTSIDE } from './sweepFile';

export interface OptimizedThreshold {
  /** Rows with score ≥ threshold are detections. +Infinity means "detect nothing" was best. */
  threshold: number;
  /** Raw score at that threshold. */
  score: number;
}

export function optimizeThreshold(files: readonly FileSweep[], cost: CostMatrix): OptimizedThreshold {
  let total = 0;
  let nRows = 0;
  const offsets: number[] = [];
  let windows = 0;
  for (const f of files) {
    offsets.push(windows);
    windows += f.windowCount;
    total -= cost.fnWeight * f.windowCount;
    for (let i = 0; i < f.window.length; i++) {
      if (f.window[i] >= OUTSIDE && f.anomalyScore[i] === f.anomalyScore[i]) {
        nRows++;
      }
    }
  }
  const score = new Float64Array(nRows);
  const weight = new Float64Array(nRows);
  const win = new Int32Array(nRows);
  let j = 0;
  files.forEach((f, fi) => {
    for (let i = 0; i < f.window.length; i++) {
      if (f.window[i] >= OUTSIDE && f.anomalyScore[i] === f.anomalyScore[i]) {
        score[j] = f.anomalyScore[i];
        weight[j] = f.sweepScore[i];
        win[j] = f.window[i] === OUTSIDE ? -1 : offsets[fi] + f.window[i];
        j++;
      }
    }
  });
  const order = new Uint32Array(nRows);
  for (let i = 0; i < nRows; i++) {
    order[i] = i;
  }
  order.sort((a, b) => score[b] - score[a]);
  const best = new Float64Array(windows).fill(-cost.fnWeight);
  let bestThreshold = Infinity;
  let bestScore = total;
  for (let p = 0; p < nRows;) {
    const s = score[order[p]];
    // Every row with this exact score becomes a detection at threshold s.
    while (p < nRows && score[order[p]] === s) {
      const r = order[p++];
      const w = win[r];
      if (w < 0) {
        total += weight[r];
      } else if (weight[r] > best[w]) {
        total += weight[r] - best[w];
        best[w] = weight[r];
      }
    }
    if (total > bestScore + 1e-12) {
      bestScore = total;
      bestThreshold = s;
    }
  }
  return { threshold: bestThreshold, score: bestScore };
}
