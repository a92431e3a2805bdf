import { mad } from '../../../analytics/stats/mad';
import { median } from '../../../analytics/stats/median';

/**
 * Marks remainder points far from the remainder's median in robust σ units, σ = 1.4826·MAD (normal-consistent
 * MAD; Rousseeuw & Croux 1993), using the analytics `median` and `mad`. Returns ascending indices.
 * `minSigma` floors σ: a noise-free series (synthetic data) leaves a remainder of rounding error only, whose MAD
 * is ~1e-13 and would mark every point. With σ = 0 (and no floor) any point off the median is marked.
 * NaN values are skipped and never marked. The input is not mutated.
 */
export function remainderOutliers(remainder: ArrayLike<number>, threshold: number, minSigma = 0): number[] {
  const center = median(remainder);
  if (!Number.isFinite(center)) {
    return [];
  }
  const sigma = Math.max(mad(remainder, { center }), minSigma);
  const out: number[] = [];
  for (let i = 0; i < remainder.length; i++) {
    const v = remainder[i];
    if (!Number.isFinite(v)) {
      continue;
    }
    const dev = Math.abs(v - center);
    if (sigma > 0 ? dev / sigma > threshold : dev > 0) {
      out.push(i);
    }
  }
  return out;
}
