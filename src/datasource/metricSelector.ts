/** Escapes a label value for a double-quoted selector string (PromQL string literal rules: `\`, `"`, newline). */
const quote = (v: string) => `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;

/** Escapes RE2 metacharacters so a value matches only itself inside a `=~` alternation. */
const literal = (v: string) => v.replace(/[\\^$.|?*+()[\]{}]/g, '\\$&');

/**
 * The selector a metrics browser builds: `metric{a="x",b=~"y|z"}`. Labels in name order (the same choice always
 * gives the same text); one chosen value matches exactly (`=`), several match any of them (`=~` with each value
 * escaped as a literal); labels with no chosen value are left out. No labels gives the bare metric name.
 */
export function metricSelector(metric: string, chosen: Record<string, readonly string[]>): string {
  const pairs = Object.keys(chosen)
    .filter((k) => chosen[k].length > 0)
    .sort()
    .map((k) => {
      const values = [...new Set(chosen[k])];
      return values.length === 1 ? `${k}=${quote(values[0])}` : `${k}=~${quote(values.map(literal).join('|'))}`;
    });
  return pairs.length ? `${metric}{${pairs.join(',')}}` : metric;
}
