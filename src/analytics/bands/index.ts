/** Bands (expected ± k·σ with signed scores) over a series; see docs/algorithms/bands.md. */
export { movingBand } from './movingBand';
export type { MovingBandOptions } from './movingBand';
export { seasonalBand } from './seasonalBand';
export type { SeasonalBandOptions } from './seasonalBand';
export { stlResidualBand } from './stlResidualBand';
export type { StlResidualBandOptions, StlResidualBandResult } from './stlResidualBand';
export { forecastBand } from './forecastBand';
export type { ForecastBandOptions, ForecastBandResult } from './forecastBand';
export type { BandDirection, BandOptions, BandResult } from './bandResult';
