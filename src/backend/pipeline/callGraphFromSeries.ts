/**
 * The service call graph of a `correlations` query from the series its graph query returned (docs/query-options.md,
 * "Correlations", `serviceGraph`). Tempo's metrics generator, Grafana Alloy and the OpenTelemetry servicegraph
 * connector count the requests between two services as `traces_service_graph_request_total{client, server}`: the
 * client calls the server. A series is an edge client → server when both labels are non-empty and it has a sample
 * > 0 in the range (a counter that counted nothing is no call). Several series of one pair (other labels) are one
 * edge; a service calling itself adds nothing to the ranking and is left out. More than `maxEdges` distinct edges
 * is refused before the graph is built (the caller ranks without it and says so).
 */
import type { CallGraph } from '../../analytics/rootCause/orderByCallGraph';

/** Most distinct edges a service graph may have. */
export const MAX_SERVICE_GRAPH_EDGES = 10_000;

export interface ServiceGraphSeries {
  labels: Readonly<Record<string, string>>;
  values: ArrayLike<number>;
}

export type CallGraphResult = { ok: true; graph: CallGraph; edges: number } | { ok: false; reason: string };

export function callGraphFromSeries(
  series: readonly ServiceGraphSeries[],
  maxEdges: number = MAX_SERVICE_GRAPH_EDGES
): CallGraphResult {
  const graph = new Map<string, Set<string>>();
  let edges = 0;
  let labelled = 0;
  for (const s of series) {
    const client = s.labels.client;
    const server = s.labels.server;
    if (!client || !server) {
      continue;
    }
    labelled++;
    if (client === server || !hasPositive(s.values)) {
      continue;
    }
    const callees = graph.get(client) ?? new Set<string>();
    if (!callees.has(server)) {
      if (++edges > maxEdges) {
        return { ok: false, reason: `the service graph has more than ${maxEdges} edges` };
      }
      callees.add(server);
      graph.set(client, callees);
    }
  }
  if (series.length > 0 && labelled === 0) {
    return { ok: false, reason: 'the service graph query returned no series with both client and server labels' };
  }
  return { ok: true, graph, edges };
}

function hasPositive(values: ArrayLike<number>): boolean {
  for (let i = 0; i < values.length; i++) {
    if (values[i] > 0) {
      return true;
    }
  }
  return false;
}
