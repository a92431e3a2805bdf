/**
 * Runs one parsed query by its type (src/shared/queryTypes.ts): `analysis` → runAnalysis, `correlations` →
 * runCorrelations, `anomalyWindows` → runAnomalyWindows, `backtest` → runBacktest. Our own dispatch; the default `run` of executeQueries.
 */
import type { Frame } from '../frames/frame';
import type { FetchDeps } from '../pipeline/fetchSeries';
import type { DataSourceInstance } from '../pipeline/DataSourceInstances';
import type { ParsedQuery } from './parseQuery';
import { runAnomalyWindows } from './runAnomalyWindows';
import { runBacktest } from './runBacktest';
import { runCorrelations } from './runCorrelations';
import { QueryWindow, runAnalysis } from './runAnalysis';

export function runByQueryType(
  settings: DataSourceInstance,
  query: ParsedQuery,
  window: QueryWindow,
  deps: FetchDeps = {}
): Promise<Frame[]> {
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
}
