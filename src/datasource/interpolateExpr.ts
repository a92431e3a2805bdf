import { ScopedVars } from '@grafana/data';
import { getTemplateSrv } from '@grafana/runtime';

/** Regex-escapes a template value so a multi-value variable is safe inside `label=~"$var"`. */
const escapeRegex = (v: string) => v.replace(/[\\^$*+?.()|[\]{}]/g, '\\$&');

/**
 * Formats template values the way PromQL-style selectors expect: a single value as it is, several values as an
 * escaped regex alternation `(a|b)`, matching Grafana's Prometheus data source so dashboards can switch over.
 */
export function formatVariableValue(value: string | string[]): string {
  if (Array.isArray(value)) {
    return value.length === 1 ? escapeRegex(value[0]) : `(${value.map(escapeRegex).join('|')})`;
  }
  return value;
}

export function interpolateExpr(expr: string, scopedVars: ScopedVars): string {
  return getTemplateSrv().replace(expr, scopedVars, formatVariableValue);
}
