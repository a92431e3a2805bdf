/**
 * A first guess at "what else to rank" for a Prometheus expression: every series whose metric name shares the
 * target metric's first name segment (`demo_http_latency_seconds` → `{__name__=~"demo_.*"}`), which in exporters'
 * naming is usually the same system. The user edits it; InfluxQL gets no guess (measurements name no family).
 */
import { SourceKind } from '../extensions/panelQuery';
import { metricOfExpr } from '../shared/metricOfExpr';

export function suggestCandidates(kind: SourceKind, expr: string): string | undefined {
  if (kind !== 'prometheus') {
    return undefined;
  }
  const metric = metricOfExpr(expr);
  if (!metric) {
    return undefined;
  }
  const family = metric.includes('_') ? metric.slice(0, metric.indexOf('_') + 1) : metric;
  return `{__name__=~"${family}.*"}`;
}
