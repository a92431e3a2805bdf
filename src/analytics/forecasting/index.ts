/** Forecasts with prediction intervals and time-to-threshold; see docs/algorithms/forecasting.md. */
export { holtWinters } from './holtWinters';
export type { HoltWintersOptions, HoltWintersParams, HoltWintersResult, SeasonalKind, TrendKind } from './holtWinters';
export { linearForecast } from './linearForecast';
export type { LinearForecastOptions, LinearForecastResult } from './linearForecast';
export { forecastSeries } from './forecastSeries';
export type {
  ForecastChoice,
  ForecastKind,
  ForecastModel,
  ForecastModelRequest,
  ForecastSeriesOptions,
  ForecastSeriesResult,
} from './forecastSeries';
export { recentTrendForecast, chooseTrendWindow } from './recentTrendForecast';
export type { RecentTrendForecastOptions, RecentTrendForecastResult } from './recentTrendForecast';
export { seasonalForecast } from './seasonalForecast';
export type { SeasonalForecastOptions, SeasonalForecastResult } from './seasonalForecast';
export { seasonalNaiveForecast } from './seasonalNaiveForecast';
export type { SeasonalNaiveForecastOptions } from './seasonalNaiveForecast';
export { lastLevelShift } from './lastLevelShift';
export type { LastLevelShiftOptions, LastLevelShiftResult } from './lastLevelShift';
export { timeToThreshold } from './timeToThreshold';
export type { TimeToThresholdOptions, TimeToThresholdResult } from './timeToThreshold';
export { normalQuantile } from './normalQuantile';
export type { ForecastResult } from './forecastResult';
