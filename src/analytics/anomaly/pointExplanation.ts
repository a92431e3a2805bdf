/**
 * Explanations of single points, filled by the bands (our own; a small shared vocabulary, no algorithm).
 * `explainPoint` turns a band result and an index into "expected 12.3, observed 20.1, +4.2σ in the remainder".
 */

/** Which part of the model a band's deviation is measured against. */
export type ExplanationComponent = 'level' | 'trend' | 'seasonal' | 'remainder' | 'forecast';

export interface PointExplanation {
  index: number;
  /** Observed value (NaN at a gap). */
  value: number;
  /** What the band expected at this point. */
  expected: number;
  lower: number;
  upper: number;
  /** Signed deviation in σ-like units (the band's score). NaN where undefined. */
  deviation: number;
  /** Model part the deviation is measured against. */
  component: ExplanationComponent;
  /** True when the value lies outside [lower, upper]. False for NaN. */
  outside: boolean;
}
