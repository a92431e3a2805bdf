/** Root-cause ranking evaluation (PetShop, Hardt et al. 2023). */
export { zScoreShift, robustShift } from './shiftScore';
export type { ShiftOptions } from './shiftScore';
export { rankServices } from './rankServices';
export type { RankedService, ScoredMetric } from './rankServices';
export { rankOf, topKAccuracy } from './topKAccuracy';
export { productRanking } from './productRanking';
export type { EvalSeries, ServiceEdge } from './productRanking';
