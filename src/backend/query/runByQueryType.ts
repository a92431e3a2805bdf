/**
 * Runs one parsed query by its type (src/shared/queryTypes.ts): `analysis` → runAnalysis, `correlations` →
 * runCorrelations, `anomalyWindows` → runAnomalyWindows, `backtest` → runBacktest. Our own dispatch; the default `run` of executeQueries.
 */
import type { QueryRunner } from './QueryRunner';
import { runAnomalyWindows } from './runAnomalyWindows';
import { runBacktest } from './runBacktest';
import { runCorrelations } from './runCorrelations';
import { runAnalysis } from './runAnalysis';

export const runByQueryType: QueryRunner = (settings, query, window, deps = {}) => {
  switch (query.options.queryType) {
    case 'correlations':
      return runCorrelations(settings, query, window, deps);
    case 'anomalyWindows':
      return runAnomalyWindows(settings, query, window, deps);
    case 'backtest':
      return runBacktest(settings, query, window, deps);
    case 'analysis':
      return runAnalysis(settings, query, window, deps);
  }
};
