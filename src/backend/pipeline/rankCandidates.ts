/**
 * The ranking step of a `correlations` query, after the fetch: the target and the candidate pool on one grid, the
 * range from `correlationRange`, the resolved `correlate` options in; ranked rows out. The backend runs it for every
 * `correlations` query and the evaluation (eval/cli/rca.ts) runs the same function with the query defaults, so the
 * numbers in EVALUATION.md measure what ships. Rules in docs/query-options.md ("Correlations") and
 * docs/algorithms/correlation.md ("Root-cause ranking").
 */
import { rankCorrelations } from '../../analytics/correlation/rankCorrelations';
import { rankDtw } from '../../analytics/correlation/rankDtw';
import { corroborateByService } from '../../analytics/rootCause/corroborateByService';
import { CallGraph, orderByCallGraph } from '../../analytics/rootCause/orderByCallGraph';
import { rankRootCauses } from '../../analytics/rootCause/rankRootCauses';
import type { ResolvedCorrelate } from '../../shared/validateQuery';
import type { CorrelationRange } from './correlationRange';
import { graphNodes, serviceNodeOf } from './serviceNodeOf';

export interface RankInputSeries {
  name: string;
  labels: Record<string, string>;
  values: Float64Array;
}

export interface RankedCandidate {
  /** Position in the pool. */
  index: number;
  /** The value rows are ordered by, descending: the cause score, |r| (`rank: comovement`) or −DTW distance (`dtw`). */
  causeScore: number;
  /** Correlation at the best lag (NaN when undefined). */
  score: number;
  lag: number;
  overlap: number;
  /** Robust z of the window against the baseline (NaN without a baseline or with `rank: comovement`). */
  change: number;
  /** What the other rows of the candidate's service added to `causeScore` (corroborateByService; 0 without a
   * service label, for the target's family and outside `rank: cause`). */
  corroboration: number;
  leads: boolean;
  pValue: number;
  significant: boolean;
  family: boolean;
  /** Set when the row's service was placed after a callee showing the same change (the service-graph rule). */
  explainedBy?: string;
}

/**
 * Labels that split one metric into variants of the same measurement (summary quantiles, histogram buckets). A
 * candidate with the target's name whose labels differ from the target's only in these is of its family.
 */
export const FAMILY_VARIANT_LABELS: readonly string[] = ['quantile', 'le'];

export function sameFamily(target: RankInputSeries, candidate: RankInputSeries): boolean {
  if (target.name === '' || target.name !== candidate.name) {
    return false;
  }
  const keys = new Set([...Object.keys(target.labels), ...Object.keys(candidate.labels)]);
  for (const k of keys) {
    if (k !== '__name__' && !FAMILY_VARIANT_LABELS.includes(k) && target.labels[k] !== candidate.labels[k]) {
      return false;
    }
  }
  return true;
}

/** ±Infinity (e.g. histogram_quantile) carries no evidence: a gap like NaN. */
function finiteOrNaN(values: Float64Array): Float64Array {
  return values.some((v) => v === Infinity || v === -Infinity)
    ? values.map((v) => (Number.isFinite(v) ? v : NaN))
    : values;
}

export function rankCandidates(
  target: RankInputSeries,
  pool: readonly RankInputSeries[],
  range: Pick<CorrelationRange, 'window' | 'contextSteps' | 'maxLagSteps'>,
  correlate: Pick<ResolvedCorrelate, 'method' | 'preprocess' | 'rank' | 'family' | 'serviceLabel'>,
  /** The service call graph (`callGraphFromSeries`); absent or empty: no re-ordering. */
  graph?: CallGraph
): RankedCandidate[] {
  const t = finiteOrNaN(target.values);
  const series = pool.map((s) => finiteOrNaN(s.values));
  const family = pool.map((s) => correlate.family === 'apart' && sameFamily(target, s));
  let rows: RankedCandidate[];
  if (correlate.rank === 'dtw') {
    // Shape similarity tolerant to local shifts up to maxLag; no correlation, change or significance.
    rows = rankDtw(t, series, {
      window: range.window,
      contextBefore: range.contextSteps,
      preprocess: correlate.preprocess,
      band: range.maxLagSteps,
    }).map((r) => ({
      index: r.index,
      causeScore: -r.distance,
      score: NaN,
      lag: 0,
      overlap: 0,
      change: NaN,
      corroboration: 0,
      leads: false,
      pValue: NaN,
      significant: true,
      family: family[r.index],
    }));
  } else if (correlate.rank === 'comovement') {
    rows = rankCorrelations(t, series, {
      window: range.window,
      contextBefore: range.contextSteps,
      maxLag: range.maxLagSteps,
      method: correlate.method,
      preprocess: correlate.preprocess,
    }).map((r) => ({
      index: r.index,
      causeScore: r.score === r.score ? Math.abs(r.score) : NaN,
      score: r.score,
      lag: r.lag,
      overlap: r.overlap,
      change: NaN,
      corroboration: 0,
      leads: false,
      pValue: NaN,
      significant: true,
      family: family[r.index],
    }));
  } else {
    rows = rankRootCauses(t, series, {
      window: range.window,
      baselineBefore: range.contextSteps,
      maxLag: range.maxLagSteps,
      method: correlate.method,
      preprocess: correlate.preprocess,
    }).rows.map((r) => ({
      index: r.index,
      causeScore: r.score,
      score: r.comovement,
      lag: r.lag,
      overlap: r.overlap,
      change: r.change,
      corroboration: 0,
      leads: r.leads,
      pValue: r.pValue,
      significant: r.significant,
      family: family[r.index],
    }));
    rows = corroborated(rows, pool, correlate.serviceLabel);
  }
  // Stable: the family moves after the rest, each part keeps its order.
  const rest = rows.filter((r) => !r.family);
  const familyRows = rows.filter((r) => r.family);
  if (correlate.rank !== 'cause' || graph === undefined || graph.size === 0) {
    return [...rest, ...familyRows];
  }
  return [...byCallGraph(rest, pool, graph, correlate.serviceLabel), ...familyRows];
}

/** Rows of the cause ranking in the service graph's order (orderByCallGraph), each moved row saying why. */
function byCallGraph(
  rows: RankedCandidate[],
  pool: readonly RankInputSeries[],
  graph: CallGraph,
  serviceLabel: string
): RankedCandidate[] {
  const nodes = graphNodes(graph);
  const { order, explainedBy } = orderByCallGraph(
    rows.map((r) => ({ node: serviceNodeOf(pool[r.index].labels, nodes, serviceLabel), score: r.causeScore })),
    graph
  );
  return order.map((i) => (explainedBy[i] === undefined ? rows[i] : { ...rows[i], explainedBy: explainedBy[i] }));
}

/**
 * Cause rows with their service's corroboration added (corroborateByService: each metric name of a service is one
 * measurement), re-sorted by the new score (stable: ties keep the rank order). The target's own family is no
 * evidence about another service and takes no part.
 */
function corroborated(
  rows: RankedCandidate[],
  pool: readonly RankInputSeries[],
  serviceLabel: string
): RankedCandidate[] {
  const { scores, bonus } = corroborateByService(
    rows.map((r) => ({
      service: r.family ? undefined : serviceNodeOf(pool[r.index].labels, undefined, serviceLabel),
      measurement: pool[r.index].name,
      score: r.causeScore,
    }))
  );
  const out = rows.map((r, i) => ({ ...r, causeScore: scores[i], corroboration: bonus[i], rank: i }));
  const key = (r: RankedCandidate) => (r.causeScore === r.causeScore ? r.causeScore : -Infinity);
  out.sort((a, b) => key(b) - key(a) || a.rank - b.rank);
  return out.map(({ rank: _rank, ...r }) => r);
}
