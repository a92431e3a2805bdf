/**
 * Which node of the service graph a candidate is: the value of its service label (docs/query-options.md,
 * "Correlations", `serviceLabel`). `auto` takes the first of `service`, `service_name` and `job` (the labels
 * Prometheus scrapes, OpenTelemetry's resource attribute and Tempo's service graph use for a service) that the
 * candidate carries with a value that is a node of the graph; a named label is taken as it is. Undefined when the
 * candidate has no such label or its value is no node. Without a graph (`nodes` undefined: grouping rows by service,
 * "Corroboration by service") any non-empty value names the service, and `auto` reads `service` and `service_name`
 * only: `job` is the scrape job, which in many setups spans many services (`kubernetes-pods`, `node`); it is read as a
 * service only where the graph confirms it is one.
 */
import type { CallGraph } from '../../analytics/rootCause/orderByCallGraph';

export const AUTO_SERVICE_LABELS: readonly string[] = ['service', 'service_name', 'job'];
/** The labels `auto` reads without a graph to confirm them. */
const AUTO_SERVICE_LABELS_UNCONFIRMED: readonly string[] = ['service', 'service_name'];

/** Every node of the graph, callers and callees. */
export function graphNodes(graph: CallGraph): Set<string> {
  const nodes = new Set<string>();
  for (const [caller, callees] of graph) {
    nodes.add(caller);
    for (const c of callees) {
      nodes.add(c);
    }
  }
  return nodes;
}

export function serviceNodeOf(
  labels: Readonly<Record<string, string>>,
  nodes: ReadonlySet<string> | undefined,
  serviceLabel: string
): string | undefined {
  const names =
    serviceLabel !== 'auto' ? [serviceLabel] : nodes ? AUTO_SERVICE_LABELS : AUTO_SERVICE_LABELS_UNCONFIRMED;
  for (const name of names) {
    const v = labels[name];
    if (v !== undefined && (nodes === undefined ? v !== '' : nodes.has(v))) {
      return v;
    }
  }
  return undefined;
}
