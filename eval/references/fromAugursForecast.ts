/**
 * An augurs forecast (`point`, optional `intervals`) as our `ForecastResult`: copies into Float64Arrays, NaN bounds
 * when augurs gave no intervals. Both reference forecasters return through it.
 */
import type { ForecastResult } from '../../src/analytics/forecasting/forecastResult';

export interface AugursForecast {
  point: ArrayLike<number>;
  intervals?: { lower: ArrayLike<number>; upper: ArrayLike<number> } | null;
}

export function fromAugursForecast(f: AugursForecast, horizon: number, level: number): ForecastResult {
  const nan = () => new Float64Array(horizon).fill(NaN);
  return {
    point: Float64Array.from(f.point),
    lower: f.intervals ? Float64Array.from(f.intervals.lower) : nan(),
    upper: f.intervals ? Float64Array.from(f.intervals.upper) : nan(),
    level,
  };
}
