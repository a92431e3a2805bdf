import { mad } from '../../../analytics/stats/mad';
import { median } from '../../../analytics/stats/median';

export interface RemainderScale {
  /** Median of the remainder (NaN when it has no finite value). */
  center: number;
  /** Robust σ = 1.4826·MAD (normal-consistent MAD; Rousseeuw & Croux 1993), floored at `minSigma`. */
  sigma: number;
}

/**
 * Centre and robust spread of an STL remainder, the yardstick outliers are marked against and the tooltip explains
 * with. `minSigma` floors σ: a noise-free series leaves a remainder of rounding error whose MAD is ~1e-13 and would
 * mark every point. NaN values are skipped; the input is not mutated.
 */
export function remainderScale(remainder: ArrayLike<number>, minSigma = 0): RemainderScale {
  const center = median(remainder);
  if (!Number.isFinite(center)) {
    return { center: NaN, sigma: NaN };
  }
  return { center, sigma: Math.max(mad(remainder, { center }), minSigma) };
}
