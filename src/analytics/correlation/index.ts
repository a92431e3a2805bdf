/** Correlation ranking: which series move with an anomalous one, at which lag, in which direction. */
export { rankCorrelations } from './rankCorrelations';
export type { CorrelationMethod, CorrelationRanking, RankCorrelationsOptions } from './rankCorrelations';
export { crossCorrelation } from './crossCorrelation';
export type { CrossCorrelationOptions } from './crossCorrelation';
export { spearman } from './spearman';
export type { Preprocess } from './preprocessRange';
export { dtwDistance } from './dtwDistance';
export type { DtwDistanceOptions } from './dtwDistance';
export { rankDtw } from './rankDtw';
export type { DtwRanking, RankDtwOptions } from './rankDtw';
