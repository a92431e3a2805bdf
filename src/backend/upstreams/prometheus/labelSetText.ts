/**
 * Label sets as PromQL text: `{a="b", c="d"}` for people (the correlations table) and exact selectors
 * `metric{a="b",c="d"}` for Explore links. Quoting follows PromQL string literals (double quotes,
 * backslash escapes as in Go: prometheus.io/docs/prometheus/latest/querying/basics, "String literals"), and label
 * or metric names outside the classic character set use the quoted form of Prometheus 3 (`{"a.b"="v"}`).
 */

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/** A PromQL double-quoted string literal. */
export function promString(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;
}

function matcher(name: string, value: string): string {
  return `${LABEL_NAME.test(name) ? name : promString(name)}=${promString(value)}`;
}

/** `{a="b", c="d"}` with the names sorted; `{}` for no labels. */
export function labelSetText(labels: Record<string, string>): string {
  const parts = Object.keys(labels)
    .sort()
    .map((k) => matcher(k, labels[k]));
  return `{${parts.join(', ')}}`;
}

/** An exact selector of one series: `metric{a="b",c="d"}` (labels sorted, `__name__` taken as the metric). */
export function exactSelector(metric: string, labels: Record<string, string>): string {
  const parts = Object.keys(labels)
    .filter((k) => k !== '__name__')
    .sort()
    .map((k) => matcher(k, labels[k]));
  if (!METRIC_NAME.test(metric)) {
    parts.unshift(matcher('__name__', metric));
    return `{${parts.join(',')}}`;
  }
  return parts.length ? `${metric}{${parts.join(',')}}` : metric;
}
