/** Escapes a label value for a double-quoted selector string (PromQL string literal rules: `\` and `"`). */
const quote = (v: string) => `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;

/**
 * The selector naming exactly one series: `metric{a="x",b="y"}` with labels in name order so the same series
 * always gives the same text. No labels gives the bare metric name.
 */
export function seriesSelector(metric: string, labels: Record<string, string>): string {
  const pairs = Object.keys(labels)
    .sort()
    .map((k) => `${k}=${quote(labels[k])}`);
  return pairs.length ? `${metric}{${pairs.join(',')}}` : metric;
}
