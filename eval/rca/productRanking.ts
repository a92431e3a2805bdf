/**
 * The product path of a `correlations` query, fed as the data source would fetch it: the query's correlate options
 * resolved by `validateQuery` (defaults unless overridden), the range laid out by `correlationRange` (auto baseline
 * included), then `rankCandidates`, the function the backend runs after its fetch. The caller supplies, per series,
 * the history before the window (its most recent end is used; older points beyond what the query fetches are not
 * seen) and the window itself: the window is the query's time range, at a 1-minute step (the step only scales
 * durations; rows are the grid). The service graph, when the data set has one, comes in as the edges its graph query
 * would return (`client` calls `server`) and goes through `callGraphFromSeries`, as the backend's fetched graph does;
 * `serviceGraph: 'off'` ranks without it, as the query does.
 */
import { callGraphFromSeries } from '../../src/backend/pipeline/callGraphFromSeries';
import { correlationRange } from '../../src/backend/pipeline/correlationRange';
import { rankCandidates, RankedCandidate } from '../../src/backend/pipeline/rankCandidates';
import { DEFAULT_QUERY_LIMITS } from '../../src/backend/settings/queryLimits';
import type { CorrelateOptions } from '../../src/shared/queryModel';
import { validateQuery } from '../../src/shared/validateQuery';

export interface EvalSeries {
  name: string;
  labels: Record<string, string>;
  /** Rows before the window (oldest first). */
  history: Float64Array;
  /** Rows of the window. */
  window: Float64Array;
}

/** One call edge of the data set's service graph. */
export interface ServiceEdge {
  client: string;
  server: string;
}

const STEP_MS = 60_000;
const T0 = Date.UTC(2024, 0, 1);

export function productRanking(
  target: EvalSeries,
  pool: readonly EvalSeries[],
  correlate: Omit<CorrelateOptions, 'target' | 'window'> = {},
  serviceGraph: readonly ServiceEdge[] = []
): RankedCandidate[] {
  const resolved = validateQuery({
    refId: 'A',
    queryType: 'correlations',
    expr: 'candidates',
    correlate: { ...correlate, target: 'target' },
  }).correlate;
  const w = target.window.length;
  const range = correlationRange({
    refId: 'A',
    rangeFromMs: T0,
    rangeToMs: T0 + (w - 1) * STEP_MS,
    stepMs: STEP_MS,
    correlate: resolved,
    maxPointsPerSeries: DEFAULT_QUERY_LIMITS.maxPointsPerSeries,
  });
  // Fetched grid: `window.start` rows before the window, the window, the lag margin after it (NaN: not recorded).
  const lay = (s: EvalSeries) => {
    const out = new Float64Array(range.points).fill(NaN);
    const before = range.window.start;
    const h = s.history.subarray(Math.max(0, s.history.length - before));
    out.set(h, before - h.length);
    out.set(s.window.subarray(0, w), before);
    return { name: s.name, labels: s.labels, values: out };
  };
  let graph;
  if (resolved.serviceGraph !== 'off' && serviceGraph.length > 0) {
    // As `traces_service_graph_request_total{client, server}` would hold them: one series per edge, counted once.
    const built = callGraphFromSeries(serviceGraph.map((e) => ({ labels: { ...e }, values: [1] })));
    if (!built.ok) {
      throw new Error(`service graph: ${built.reason}`);
    }
    graph = built.graph;
  }
  return rankCandidates(lay(target), pool.map(lay), range, resolved, graph);
}
