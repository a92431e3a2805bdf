/** Forecasts with prediction intervals and time-to-threshold; see docs/algorithms/forecasting.md. */
export { holtWinters } from './holtWinters';
export type { HoltWintersOptions, HoltWintersParams, HoltWintersResult, SeasonalKind, TrendKind } from './holtWinters';
export { etsForecast } from './etsForecast';
export type { EtsForecastOptions } from './etsForecast';
export { mstlEtsForecast } from './mstlEtsForecast';
export type { MstlEtsForecastOptions, MstlEtsForecastResult } from './mstlEtsForecast';
export { linearForecast } from './linearForecast';
export type { LinearForecastOptions, LinearForecastResult } from './linearForecast';
export { timeToThreshold } from './timeToThreshold';
export type { TimeToThresholdOptions, TimeToThresholdResult } from './timeToThreshold';
export { interpolateGaps } from './interpolateGaps';
export { normalQuantile } from './normalQuantile';
export type { ForecastResult } from './forecastResult';
