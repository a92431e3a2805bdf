/**
 * Shared result and option types of the bands (our own types, no algorithm).
 */
import type { ExplanationComponent } from '../anomaly/pointExplanation';

/** Which side of the band counts: 'above' ignores low values, 'below' ignores high ones. */
export type BandDirection = 'above' | 'below' | 'both';

export interface BandOptions {
  /** Band half-width in σ units. Default 3. */
  k?: number;
  /** Default 'both'. */
  direction?: BandDirection;
}

export interface BandResult {
  /** Expected value per point (NaN where the band is undefined). */
  expected: Float64Array;
  /** expected − k·σ; −Infinity when direction is 'above'. */
  lower: Float64Array;
  /** expected + k·σ; +Infinity when direction is 'below'. */
  upper: Float64Array;
  /**
   * Signed deviation (y − expected)/σ. NaN where y, expected or σ is undefined; when σ = 0, 0 at y = expected
   * and otherwise the departure over a spread floor of 1e-9·max(1, |expected|) (finite; see bandFromSpread). With direction 'above' negative scores are clipped to 0 ('below': positive).
   */
  score: Float64Array;
  /** The σ-like spread per point (NaN where undefined). */
  sigma: Float64Array;
  /** What the deviation is measured against, for explanations. */
  component: ExplanationComponent;
}
