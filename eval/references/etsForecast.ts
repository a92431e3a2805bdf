/**
 * Automatic ETS forecast through augurs' `AutoETS` (`@bsull/augurs/ets`; model selection by AICc over the
 * spec's error/trend choices, as R's `forecast::ets`). augurs 0.10 fits non-seasonal models only (a seasonal
 * spec such as "ZZZ" behaves like "ZZN"), so use `holtWinters` or `mstlEtsForecast` for seasonal series.
 *
 * NaN policy: augurs refuses NaN, so gaps are filled first (`interpolateGaps`: linear inside, nearest at the
 * ends). All-NaN input or fewer than 3 finite values throws a RangeError. augurs must be initialised
 * (`initAugurs`) or a clear error names the module.
 */
import { AutoETS } from '@bsull/augurs/ets';
import { fromAugursForecast } from './fromAugursForecast';
import { requireAugurs } from './initAugurs';
import type { ForecastResult } from '../../src/analytics/forecasting/forecastResult';
import { interpolateGaps } from '../../src/analytics/stats/interpolateGaps';
import { validateForecastInput } from '../../src/analytics/forecasting/validateForecastInput';

export interface EtsForecastOptions {
  /** Steps ahead. Default 10. */
  horizon?: number;
  /** Interval coverage. Default 0.95. */
  level?: number;
  /** augurs model spec (error, trend, season letters: A, M, N or Z = choose). Default "ZZN". */
  spec?: string;
}

/** AutoETS forecast with intervals. */
export function etsForecast(y: ArrayLike<number>, options: EtsForecastOptions = {}): ForecastResult {
  const horizon = options.horizon ?? 10;
  const level = options.level ?? 0.95;
  validateForecastInput('etsForecast', y, horizon, level);
  requireAugurs('ets');
  const { values } = interpolateGaps(y);
  const model = new AutoETS(1, options.spec ?? 'ZZN');
  try {
    model.fit(values);
    return fromAugursForecast(model.predict(horizon, level), horizon, level);
  } finally {
    model.free();
  }
}
