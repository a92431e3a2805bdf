/**
 * Per-stream calibration of a raw score by its own history (harness-side, our own): the surprise of x_t
 * is −log10 of its empirical upper-tail probability among all earlier raw scores of the same stream,
 * p = (1 + #{j < t : x_j ≥ x_t}) / (1 + t). A corpus-wide threshold (as NAB's optimiser picks) then means
 * "this rare for this stream", which plays the role of the anomaly likelihood of Ahmad et al. (2017)
 * without assuming the raw scores are normal. Sorted insertion: O(log t) search plus a memmove per row.
 */
import { lowerBound } from './lowerBound';

export interface EmpiricalSurprise {
  update(raw: number): number;
}

export function empiricalSurprise(): EmpiricalSurprise {
  const sorted: number[] = [];
  return {
    update(raw: number): number {
      if (raw !== raw) {
        return 0;
      }
      const i = lowerBound(sorted, raw);
      const p = (sorted.length - i + 1) / (sorted.length + 1);
      sorted.splice(i, 0, raw);
      return p === 1 ? 0 : -Math.log10(p);
    },
  };
}
