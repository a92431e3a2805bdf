/**
 * The fetch every analysing query type starts with: resolve the step, check the points per series, plan the
 * training history, fetch history + visible range from the upstream (through the cache), and say where the visible
 * range starts. Shared by runAnalysis and runAnomalyWindows so both see the same grid and series keys (and so share
 * fitted models and detected seasons). Our own glue.
 */
import { formatDuration } from '../../shared/parseDuration';
import { FetchDeps, fetchSeries } from '../pipeline/fetchSeries';
import type { FetchedQuery } from '../pipeline/fetchedSeries';
import { planWindow, WindowPlan } from '../pipeline/planWindow';
import { checkPointsPerSeries } from './checkPointsPerSeries';
import type { DataSourceInstance } from '../pipeline/DataSourceInstances';
import { limitsOf } from '../settings/dataSourceSettings';
import type { ParsedQuery } from './parseQuery';
import { LensError } from '../errors/LensError';
import type { QueryWindow } from './QueryRunner';

export interface PlannedFetch {
  stepMs: number;
  plan: WindowPlan;
  fetched: FetchedQuery;
  /** Index of the first visible point in `fetched.timestamps` (clamped to its length). */
  visibleStart: number;
  /** The visible part of the time axis. */
  timestamps: Float64Array;
  /** What was asked of the upstream, with step and history, for the query inspector. */
  executed: string;
  /** Planning notices and upstream warnings. */
  notices: string[];
  /** Model-cache key of one series: same data source (and version), query, step and labels → same model. */
  seriesKey: (labels: Record<string, string>) => string;
}

export async function fetchPlanned(
  settings: DataSourceInstance,
  query: ParsedQuery,
  window: QueryWindow,
  deps: FetchDeps = {}
): Promise<PlannedFetch> {
  if (!(window.toMs >= window.fromMs)) {
    throw LensError.badQuery(`query ${query.refId}: the time range ends before it starts`);
  }
  let stepMs: number;
  try {
    stepMs = settings.connection.stepMs({ ...window, minStepMs: query.minStepMs });
  } catch (e) {
    throw LensError.badQuery(`query ${query.refId}: ${(e as Error).message}`);
  }
  const limits = limitsOf(settings);
  checkPointsPerSeries(query.refId, window, stepMs, limits.maxPointsPerSeries);
  const plan = planWindow(query.options, window, stepMs, limits.maxPointsPerSeries, limits.maxHistoryMs);
  const fetched = await fetchSeries(
    settings,
    { refId: query.refId, expr: query.expr, fromMs: plan.fetchFromMs, toMs: window.toMs, stepMs },
    deps
  );
  const visibleStart = Math.min(
    Math.round((plan.visibleFromMs - plan.fetchFromMs) / stepMs),
    fetched.timestamps.length
  );
  return {
    stepMs,
    plan,
    fetched,
    visibleStart,
    timestamps: fetched.timestamps.subarray(visibleStart),
    executed:
      plan.historyMs > 0
        ? `${fetched.executed} (step ${stepMs / 1000}s, history ${formatDuration(plan.historyMs)})`
        : `${fetched.executed} (step ${stepMs / 1000}s)`,
    notices: [...plan.notices, ...fetched.warnings.map((w) => `Upstream warning: ${w}`)],
    seriesKey: (labels) => JSON.stringify([settings.uid, settings.lastUpdatedMs ?? 0, query.expr, stepMs, labels]),
  };
}
