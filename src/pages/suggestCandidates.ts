/**
 * A first guess at "what else to rank" for a Prometheus expression: every series whose metric name shares the
 * target metric's first name segment (`demo_http_latency_seconds` → `{__name__=~"demo_.*"}`), which in exporters'
 * naming is usually the same system. The user edits it; InfluxQL gets no guess (measurements name no family).
 */
import { SourceKind } from '../extensions/panelQuery';

/** PromQL words that look like metric names but are aggregations, modifiers or keywords. */
const NOT_METRICS = new Set([
  'sum',
  'min',
  'max',
  'avg',
  'group',
  'stddev',
  'stdvar',
  'count',
  'count_values',
  'bottomk',
  'topk',
  'quantile',
  'limitk',
  'limit_ratio',
  'by',
  'without',
  'on',
  'ignoring',
  'group_left',
  'group_right',
  'bool',
  'offset',
  'and',
  'or',
  'unless',
  'inf',
  'nan',
  'le',
]);

/** The first metric name in a PromQL expression: an identifier not followed by `(` and not a keyword or label. */
export function firstMetric(expr: string): string | undefined {
  // Label matchers and strings are not metric names: drop `{…}` contents and quoted text first.
  const bare = expr.replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'/g, '""').replace(/\{[^}]*\}/g, '{}');
  for (const m of bare.matchAll(/[a-zA-Z_:][a-zA-Z0-9_:]*/g)) {
    const rest = bare.slice(m.index! + m[0].length);
    const before = bare.slice(0, m.index);
    if (
      /^\s*\(/.test(rest) ||
      NOT_METRICS.has(m[0].toLowerCase()) ||
      /\[\s*$|\b(by|without|on|ignoring)\s*\([^)]*$/.test(before)
    ) {
      continue;
    }
    return m[0];
  }
  return undefined;
}

export function suggestCandidates(kind: SourceKind, expr: string): string | undefined {
  if (kind !== 'prometheus') {
    return undefined;
  }
  const metric = firstMetric(expr);
  if (!metric) {
    return undefined;
  }
  const family = metric.includes('_') ? metric.slice(0, metric.indexOf('_') + 1) : metric;
  return `{__name__=~"${family}.*"}`;
}
