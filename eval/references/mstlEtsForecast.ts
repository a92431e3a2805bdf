/**
 * MSTL + ETS forecast through augurs (`@bsull/augurs/mstl`, `MSTL.ets`): the series is decomposed by MSTL
 * (Bandara, Hyndman & Bergmeir 2021) into one seasonal component per period plus a deseasonalised rest,
 * the rest is forecast by AutoETS and the last season of each component is repeated (as R's
 * `forecast::stlf`/`mstl` forecasting).
 *
 * NaN policy: gaps are filled first (`interpolateGaps`). Fewer than two full cycles of the longest period
 * or all-NaN input throw a RangeError. augurs must be initialised.
 */
import { MSTL } from '@bsull/augurs/mstl';
import { fromAugursForecast } from './fromAugursForecast';
import { requireAugurs } from './initAugurs';
import type { ForecastResult } from '../../src/analytics/forecasting/forecastResult';
import { interpolateGaps } from '../../src/analytics/stats/interpolateGaps';
import { validateForecastInput } from '../../src/analytics/forecasting/validateForecastInput';

export interface MstlEtsForecastOptions {
  /** Seasonal periods in steps, e.g. [1440, 10080]. Required (may be empty for no season). */
  periods: number[];
  /** Steps ahead. Default: the longest period, or 10. */
  horizon?: number;
  /** Interval coverage. Default 0.95. */
  level?: number;
}

export interface MstlEtsForecastResult extends ForecastResult {
  /** In-sample one-step fitted values (length n). */
  fitted: Float64Array;
}

export function mstlEtsForecast(y: ArrayLike<number>, options: MstlEtsForecastOptions): MstlEtsForecastResult {
  const periods = options.periods;
  for (const p of periods) {
    if (!Number.isInteger(p) || p < 2) {
      throw new RangeError(`mstlEtsForecast: periods must be integers ≥ 2, got ${p}`);
    }
  }
  const longest = periods.length > 0 ? Math.max(...periods) : 0;
  const horizon = options.horizon ?? (longest || 10);
  const level = options.level ?? 0.95;
  validateForecastInput('mstlEtsForecast', y, horizon, level);
  if (y.length < Math.max(3, 2 * longest)) {
    throw new RangeError(
      `mstlEtsForecast: needs at least two cycles of the longest period (${2 * longest} points), got ${y.length}`
    );
  }
  requireAugurs('mstl');
  const { values } = interpolateGaps(y);
  const model = MSTL.ets(periods);
  try {
    model.fit(values);
    const f = fromAugursForecast(model.predict(horizon, level), horizon, level);
    return { ...f, fitted: Float64Array.from(model.predictInSample().point) };
  } finally {
    model.free();
  }
}
