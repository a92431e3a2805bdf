/** Statistics primitives shared by the analytics core (bands, outliers, correlation). */
export { interpolateGaps } from './interpolateGaps';
export type { InterpolateGapsOptions, InterpolateGapsResult } from './interpolateGaps';
export { median } from './median';
export type { MedianOptions } from './median';
export { quantile } from './quantile';
export type { QuantileOptions } from './quantile';
export { mad, MAD_NORMAL_SCALE } from './mad';
export type { MadOptions } from './mad';
export { meanVariance } from './meanVariance';
export type { MeanVarianceOptions, MeanVarianceResult } from './meanVariance';
export { pearson } from './pearson';
export { rank } from './rank';
