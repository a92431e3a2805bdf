/**
 * Writes NAB series as OpenMetrics text for `promtool tsdb create-blocks-from openmetrics` (Prometheus
 * backfilling). Format facts from the OpenMetrics 1.0 spec: one `# TYPE` line per metric family, all samples
 * of a family together, label values escaped (`\\`, `\"`, `\n`), timestamps in seconds, the text ends with
 * `# EOF`. Our own writer.
 */
import type { NabSeries } from './readNabCsv';

export interface LabelledSeries {
  labels: Record<string, string>;
  series: NabSeries;
}

const NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

function escapeLabelValue(v: string): string {
  return v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

/** `metric` becomes a gauge family; each series' samples follow its labels. */
export function nabToOpenMetrics(metric: string, series: LabelledSeries[]): string {
  if (!NAME.test(metric)) {
    throw new Error(`${JSON.stringify(metric)} is not a valid metric name`);
  }
  const out: string[] = [`# TYPE ${metric} gauge`];
  for (const { labels, series: s } of series) {
    const parts = Object.entries(labels).map(([k, v]) => {
      if (!LABEL.test(k) || k.startsWith('__')) {
        throw new Error(`${JSON.stringify(k)} is not a valid label name`);
      }
      return `${k}="${escapeLabelValue(v)}"`;
    });
    const head = parts.length ? `${metric}{${parts.join(',')}}` : metric;
    for (let i = 0; i < s.timesMs.length; i++) {
      // String(number) is the shortest text that parses back to the same float64 in Go and JS.
      out.push(`${head} ${String(s.values[i])} ${s.timesMs[i] / 1000}`);
    }
  }
  out.push('# EOF');
  return out.join('\n') + '\n';
}
