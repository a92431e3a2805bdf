/** From scores to flags, rates and explanations; see docs/algorithms/scoring.md. */
export { scoreToFlags } from './scoreToFlags';
export type { ScoreToFlagsOptions } from './scoreToFlags';
export { fractionAnomalous } from './fractionAnomalous';
export type { FractionAnomalousOptions } from './fractionAnomalous';
export { explainPoint } from './explainPoint';
export type { ExplanationComponent, PointExplanation } from './pointExplanation';
