/**
 * The contract every query runner meets (runAnalysis, runAnomalyWindows, runRecordedBands, runCorrelations,
 * runBacktest, and runByQueryType, which picks one): one parsed query of a data source instance, over the
 * request's time window, answered as frames. `deps` carries the fetch seams tests inject.
 */
import type { Frame } from '../frames/frame';
import type { DataSourceInstance } from '../pipeline/DataSourceInstances';
import type { FetchDeps } from '../pipeline/fetchSeries';
import type { ParsedQuery } from './parseQuery';

/** The request's time range and Grafana's interval and point budget for it. */
export interface QueryWindow {
  fromMs: number;
  toMs: number;
  intervalMs: number;
  maxDataPoints: number;
}

export type QueryRunner = (
  settings: DataSourceInstance,
  query: ParsedQuery,
  window: QueryWindow,
  deps?: FetchDeps
) => Promise<Frame[]>;
