/**
 * Fetches the service call graph of a `correlations` query (docs/query-options.md, "Correlations", `serviceGraph`)
 * over the same range and step as the candidates, through `fetchSeries` (the instance's adapter, limits and cache;
 * read-only like every fetch). `auto` asks a Prometheus upstream for Tempo's / Alloy's / the OpenTelemetry
 * servicegraph connector's request counter, reduced to one series per client/server pair; other upstreams have no
 * such convention, so `auto` uses no graph there. A failing or unusable graph never fails the query: the ranking goes
 * on without it and `notice` says why; `status` (frame meta) says what was used either way.
 */
import type { CallGraph } from '../../analytics/rootCause/orderByCallGraph';
import { callGraphFromSeries, MAX_SERVICE_GRAPH_EDGES } from './callGraphFromSeries';
import type { DataSourceInstance } from './DataSourceInstances';
import { FetchDeps, fetchSeries } from './fetchSeries';

export const SERVICE_GRAPH_METRIC = 'traces_service_graph_request_total';
/** One series per edge: the counter's other labels (connection type, cluster…) would only multiply the series. */
export const AUTO_SERVICE_GRAPH_EXPR = `max by (client, server) (${SERVICE_GRAPH_METRIC})`;

export interface ServiceGraphRequest {
  refId: string;
  /** Resolved `correlate.serviceGraph`: `auto`, `off` or the user's query. */
  serviceGraph: string;
  fromMs: number;
  toMs: number;
  stepMs: number;
}

export interface FetchedServiceGraph {
  /** Absent: rank without a graph. */
  graph?: CallGraph;
  /** For the frame's meta: `off`, `none (…)`, `<n> edges` or `not used (…)`. */
  status: string;
  /** Set when the user should know the graph was wanted but not used. */
  notice?: string;
  /** The query sent, when one was. */
  executed?: string;
}

export async function fetchServiceGraph(
  settings: DataSourceInstance,
  req: ServiceGraphRequest,
  deps: FetchDeps = {}
): Promise<FetchedServiceGraph> {
  if (req.serviceGraph === 'off') {
    return { status: 'off' };
  }
  const auto = req.serviceGraph === 'auto';
  if (auto && settings.upstream !== 'prometheus') {
    return { status: `none (auto reads no service graph from ${settings.upstream})` };
  }
  const expr = auto ? AUTO_SERVICE_GRAPH_EXPR : req.serviceGraph;
  const notUsed = (why: string): FetchedServiceGraph => ({
    status: `not used (${why})`,
    notice: `Service graph not used, ranked without it: ${why}.`,
    executed: expr,
  });
  let fetched;
  try {
    fetched = await fetchSeries(
      settings,
      { refId: req.refId, expr, fromMs: req.fromMs, toMs: req.toMs, stepMs: req.stepMs },
      deps
    );
  } catch (e) {
    return notUsed(`its query failed: ${(e as Error).message}`);
  }
  if (fetched.series.length === 0) {
    // No tracing pipeline writes the counter: the common case for `auto`, worth a meta entry but no warning.
    return auto
      ? { status: `none (no ${SERVICE_GRAPH_METRIC} series)`, executed: expr }
      : notUsed('its query returned no series');
  }
  const built = callGraphFromSeries(fetched.series, MAX_SERVICE_GRAPH_EDGES);
  if (!built.ok) {
    return notUsed(built.reason);
  }
  return { graph: built.graph, status: `${built.edges} edge${built.edges === 1 ? '' : 's'}`, executed: expr };
}
