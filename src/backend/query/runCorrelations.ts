/**
 * Runs a `correlations` query: fetch the candidates (`expr`) and the target (`correlate.target`) on one grid of
 * the query's step through the shared upstream cache, cut the window plus context (and the lag margin), rank the
 * candidates with `rankCorrelations` (src/analytics/correlation) and write the table and overlay frames
 * (src/shared/queryTypes.ts). Our own glue; the rules are in docs/query-options.md ("Correlations").
 */
import { formatDuration } from '../../shared/parseDuration';
import { correlationFrames, CorrelationRow } from '../frames/correlationFrames';
import { seriesDisplayName } from '../pipeline/analysisFrames';
import { correlationRange } from '../pipeline/correlationRange';
import { rankCandidates } from '../pipeline/rankCandidates';
import { fetchSeries } from '../pipeline/fetchSeries';
import { fetchServiceGraph, FetchedServiceGraph } from '../pipeline/fetchServiceGraph';
import { AUTO_SERVICE_LABELS, graphNodes, serviceNodeOf } from '../pipeline/serviceNodeOf';
import type { FetchedSeries } from '../pipeline/fetchedSeries';
import { limitsOf } from '../settings/dataSourceSettings';
import type { QueryRunner } from './QueryRunner';
import { LensError } from '../errors/LensError';

function sameSeries(a: FetchedSeries, b: FetchedSeries): boolean {
  const ka = Object.keys(a.labels);
  return (
    a.name === b.name && ka.length === Object.keys(b.labels).length && ka.every((k) => a.labels[k] === b.labels[k])
  );
}

export const runCorrelations: QueryRunner = async (settings, query, window, deps = {}) => {
  const { refId } = query;
  const c = query.options.correlate;
  if (!(window.toMs >= window.fromMs)) {
    throw LensError.badQuery(`query ${refId}: the time range ends before it starts`);
  }
  if (c.target === undefined) {
    // validateQuery requires it for this query type; kept so the type checker and a future caller agree.
    throw LensError.badQuery(`query ${refId}: correlate.target is required for correlations queries`);
  }
  let stepMs: number;
  try {
    stepMs = settings.connection.stepMs({ ...window, minStepMs: query.minStepMs });
  } catch (e) {
    throw LensError.badQuery(`query ${refId}: ${(e as Error).message}`);
  }
  const range = correlationRange({
    refId,
    rangeFromMs: window.fromMs,
    rangeToMs: window.toMs,
    stepMs,
    correlate: c,
    maxPointsPerSeries: limitsOf(settings).maxPointsPerSeries,
  });
  const request = { fromMs: range.fetchFromMs, toMs: range.fetchToMs, stepMs };
  // Only the cause ranking reads the graph; it never fails the query (fetchServiceGraph turns failures into notices).
  const graphFetch: Promise<FetchedServiceGraph> =
    c.rank === 'cause'
      ? fetchServiceGraph(settings, { refId, serviceGraph: c.serviceGraph, ...request }, deps)
      : Promise.resolve({ status: `not used with rank ${c.rank}` });
  const [candidates, targets, serviceGraph] = await Promise.all([
    fetchSeries(settings, { refId, expr: query.expr, ...request }, deps),
    fetchSeries(settings, { refId, expr: c.target, ...request }, deps),
    graphFetch,
  ]);
  const notices = [...range.notices];
  if (serviceGraph.notice !== undefined) {
    notices.push(serviceGraph.notice);
  }
  for (const w of [...targets.warnings, ...candidates.warnings]) {
    notices.push(`Upstream warning: ${w}`);
  }

  if (targets.series.length === 0) {
    throw LensError.badQuery(
      `query ${refId}: the target query (correlate.target) returned no series over the window; ` +
        `check it shows data in this time range`
    );
  }
  const named = targets.series
    .map((s) => ({ s, name: seriesDisplayName(s.name, s.labels) }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const target = named[0];
  if (named.length > 1) {
    notices.push(
      `The target query returned ${named.length} series; correlated with the first by name, ${target.name}. ` +
        `Narrow correlate.target to one series to choose another.`
    );
  }
  const pool = candidates.series.filter((s) => !sameSeries(s, target.s));
  if (pool.length === 0) {
    throw LensError.badQuery(
      `query ${refId}: the candidate query (expr) returned no series` +
        (candidates.series.length > 0 ? ' other than the target' : '') +
        `; widen it to the series that might explain the target`
    );
  }

  if (serviceGraph.graph !== undefined && serviceGraph.graph.size > 0) {
    const nodes = graphNodes(serviceGraph.graph);
    if (!pool.some((s) => serviceNodeOf(s.labels, nodes, c.serviceLabel) !== undefined)) {
      const labels = c.serviceLabel === 'auto' ? AUTO_SERVICE_LABELS.join(', ') : c.serviceLabel;
      notices.push(
        `Service graph not used: no candidate has a label (${labels}) whose value is one of its ${nodes.size} ` +
          'services; set correlate.serviceLabel to the label that names the service.'
      );
    }
  }
  const ranking = rankCandidates(target.s, pool, range, c, serviceGraph.graph);
  if (c.rank === 'comovement' && ranking.length > 0 && ranking.every((r) => Number.isNaN(r.score))) {
    notices.push(
      'No candidate has a defined correlation: the target (or every candidate) is constant or has too few ' +
        'values in the window.'
    );
  }
  if (c.rank === 'cause' && ranking.length > 0 && !ranking.some((r) => r.significant && !r.family)) {
    notices.push(
      "No clear cause: no candidate outside the target's own metric family changed or moved with the target more " +
        'than chance would explain (rows are shown muted).'
    );
  }

  const displayName = (s: FetchedSeries) => seriesDisplayName(s.name, s.labels, query.legendFormat);
  const rows: CorrelationRow[] = ranking.map((r) => {
    const s = pool[r.index];
    return {
      displayName: displayName(s),
      labels: s.labels,
      score: r.score,
      lagSeconds: (r.lag * stepMs) / 1000,
      overlap: r.overlap,
      causeScore: r.causeScore,
      change: r.change,
      leads: r.leads,
      pValue: r.pValue,
      significant: r.significant,
      family: r.family,
      explainedBy: r.explainedBy ?? '',
      corroboration: r.corroboration,
      exploreExpr: settings.connection.exploreExpr(query.expr, s),
    };
  });

  const from = range.analysedStart;
  const to = range.window.end;
  const executed =
    `candidates: ${candidates.executed}; target: ${targets.executed} ` +
    `(step ${formatDuration(stepMs)}, context ${formatDuration(range.contextSteps * stepMs)}, ` +
    `max lag ${formatDuration(range.maxLagSteps * stepMs)})` +
    (serviceGraph.executed !== undefined ? `; service graph: ${serviceGraph.executed}` : '');
  return correlationFrames({
    refId,
    rows,
    limit: c.limit,
    overlays: c.overlays,
    target: {
      displayName: target.name,
      labels: target.s.labels,
      unit: target.s.unit,
      values: target.s.values.subarray(from, to),
    },
    candidateSeries: (i) => {
      const s = pool[ranking[i].index];
      return { displayName: displayName(s), labels: s.labels, unit: s.unit, values: s.values.subarray(from, to) };
    },
    timestamps: candidates.timestamps.subarray(from, to),
    custom: {
      windowFromMs: range.windowFromMs,
      windowToMs: range.windowToMs,
      stepMs,
      method: c.method,
      preprocess: c.preprocess,
      rank: c.rank,
      family: c.family,
      noClearCause: c.rank === 'cause' && !ranking.some((r) => r.significant && !r.family),
      maxLagSeconds: (range.maxLagSteps * stepMs) / 1000,
      serviceGraph: serviceGraph.status,
    },
    executedQueryString: executed,
    notices,
  });
};
