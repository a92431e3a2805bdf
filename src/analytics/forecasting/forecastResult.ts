/** The named result every forecaster in this folder returns (our own type). */
export interface ForecastResult {
  /** Point forecasts for steps 1..horizon after the last observation. */
  point: Float64Array;
  /** Prediction interval edges at `level` (NaN where the method has none). */
  lower: Float64Array;
  upper: Float64Array;
  /** Interval coverage in (0, 1). */
  level: number;
}
