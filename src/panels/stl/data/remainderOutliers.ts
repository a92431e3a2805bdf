import { remainderScale } from './remainderScale';

/**
 * Marks remainder points far from the remainder's median in robust σ units (`remainderScale`: σ = 1.4826·MAD,
 * floored at `minSigma`). Returns ascending indices. With σ = 0 (and no floor) any point off the median is marked.
 * NaN values are skipped and never marked. The input is not mutated.
 */
export function remainderOutliers(remainder: ArrayLike<number>, threshold: number, minSigma = 0): number[] {
  const { center, sigma } = remainderScale(remainder, minSigma);
  if (!Number.isFinite(center)) {
    return [];
  }
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
