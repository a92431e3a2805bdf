import { robustStl } from '../../../analytics/decomposition/robustStl';
import { clipOutliers } from '../../../analytics/seasonality/clipOutliers';
import { detectSeasonality } from '../../../analytics/seasonality/detectSeasonality';
import { Decomposer } from './decomposer';

/**
 * The browser decomposition: the data source's default decomposition (`robustStl`: spikes cleaned
 * from a copy, then R's periodic STL with one robustness pass, checked against statsmodels) and `detectSeasonality` (ACF-based). Both are pure TypeScript, so no WASM initialisation is needed in the panel.
 * Of several detected seasons the shortest is used: STL takes one season, and the shortest has the most cycles
 * in the visible range. Spikes are clipped before detection, as the data source does (`clipOutliers`), so an
 * incident does not hide the season it happened in.
 */
export const analyticsDecomposer: Decomposer = {
  decompose: (values, { period, robust }) => robustStl(values, period, { robust }),
  detectPeriod: (values, stepMs) => {
    const { periods } = detectSeasonality(
      clipOutliers(values),
      Number.isFinite(stepMs) && stepMs > 0 ? { stepMs } : {}
    );
    return periods.length > 0 ? periods[0] : null;
  },
};
