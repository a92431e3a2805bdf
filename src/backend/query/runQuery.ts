/**
 * Runs one parsed query against the configured upstream and returns its frames. Our own code.
 * Only the demo upstream is served by this build; the others answer 501 (see dataSourceSettings.ts).
 */
import type { Frame } from '../frames/frame';
import { applyLegendFormat, timeSeriesFrames } from '../frames/timeSeriesFrames';
import { DemoQueryError, queryDemo } from '../upstreams/demo/queryDemo';
import { SelectorError } from '../upstreams/demo/parseSelector';
import { computeStep } from './computeStep';
import { LensSettings, unsupportedUpstream } from './dataSourceSettings';
import type { ParsedQuery } from './parseQuery';
import { QueryError } from './queryError';

export interface QueryWindow {
  fromMs: number;
  toMs: number;
  intervalMs: number;
  maxDataPoints: number;
}

/** Async because real upstreams answer over HTTP; the demo upstream resolves at once. */
export async function runQuery(settings: LensSettings, query: ParsedQuery, window: QueryWindow): Promise<Frame[]> {
  if (settings.upstream !== 'demo') {
    throw unsupportedUpstream(settings.upstream);
  }
  const stepMs = computeStep({
    fromMs: window.fromMs,
    toMs: window.toMs,
    intervalMs: window.intervalMs,
    maxDataPoints: window.maxDataPoints,
    minStepMs: query.minStepMs,
  });
  let results;
  try {
    results = queryDemo(query.expr, { fromMs: window.fromMs, toMs: window.toMs, stepMs });
  } catch (e) {
    if (e instanceof SelectorError || e instanceof DemoQueryError) {
      throw QueryError.badQuery(`query ${query.refId}: ${e.message}`);
    }
    throw e;
  }
  return timeSeriesFrames(
    results.map((r) => ({
      name: r.metric.name,
      labels: r.series.labels,
      timestamps: r.timestamps,
      values: r.values,
      unit: r.metric.unit,
      displayName: query.legendFormat ? applyLegendFormat(query.legendFormat, r.series.labels) : undefined,
    })),
    { refId: query.refId, intervalMs: stepMs, executedQueryString: `${query.expr} (step ${stepMs / 1000}s)` }
  );
}
