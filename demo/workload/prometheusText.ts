/**
 * Prometheus text exposition format 0.0.4 (prometheus.io/docs/instrumenting/exposition_formats): `# HELP`,
 * `# TYPE`, then `name{label="value",…} value` per sample, label values escaped (backslash, double quote,
 * newline). Pure, no imports (the types are structural).
 */

export interface ExposedMetric {
  name: string;
  help: string;
  type: 'gauge' | 'counter';
}

export interface ExposedSample {
  metric: string;
  labels: Record<string, string>;
  value: number;
}

/** Content-Type of the text format. */
export const PROMETHEUS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

function escapeLabelValue(v: string): string {
  return v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

function escapeHelp(v: string): string {
  return v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
}

/** Go's formatting of special floats, which Prometheus parses. */
function formatValue(v: number): string {
  if (Number.isNaN(v)) {
    return 'NaN';
  }
  if (v === Infinity) {
    return '+Inf';
  }
  if (v === -Infinity) {
    return '-Inf';
  }
  return String(v);
}

/** Renders samples grouped under their metric's HELP/TYPE lines, in the order of `metrics`. */
export function prometheusText(metrics: readonly ExposedMetric[], samples: readonly ExposedSample[]): string {
  const lines: string[] = [];
  for (const m of metrics) {
    const mine = samples.filter((s) => s.metric === m.name);
    if (mine.length === 0) {
      continue;
    }
    lines.push(`# HELP ${m.name} ${escapeHelp(m.help)}`, `# TYPE ${m.name} ${m.type}`);
    for (const s of mine) {
      const labels = Object.keys(s.labels)
        .sort()
        .map((k) => `${k}="${escapeLabelValue(s.labels[k])}"`)
        .join(',');
      lines.push(`${s.metric}${labels ? `{${labels}}` : ''} ${formatValue(s.value)}`);
    }
  }
  return lines.join('\n') + '\n';
}
