/**
 * Writes NAB series as InfluxDB line protocol (`measurement,tag=v field=1.5 <seconds>`, for
 * `/write?precision=s`). Escaping from the InfluxDB 1.x line-protocol reference: commas and spaces in the
 * measurement, commas, spaces and `=` in tag keys/values. Our own writer.
 */
import type { LabelledSeries } from './nabToOpenMetrics';

function escapeMeasurement(s: string): string {
  return s.replace(/[, ]/g, (c) => `\\${c}`);
}

function escapeTag(s: string): string {
  if (s === '') {
    throw new Error('InfluxDB tag keys and values must not be empty');
  }
  return s.replace(/[,= ]/g, (c) => `\\${c}`);
}

/** One line per sample; field `value` as a float; tags sorted by key (Influx's recommended order). */
export function nabToLineProtocol(measurement: string, series: LabelledSeries[]): string {
  const lines: string[] = [];
  for (const { labels, series: s } of series) {
    const tags = Object.keys(labels)
      .sort()
      .map((k) => `,${escapeTag(k)}=${escapeTag(labels[k])}`)
      .join('');
    const head = escapeMeasurement(measurement) + tags;
    for (let i = 0; i < s.timesMs.length; i++) {
      if (s.timesMs[i] % 1000 !== 0) {
        throw new Error('Line protocol is written with precision=s; timestamps must be whole seconds');
      }
      // A float field: an integer-looking value gets no `i` suffix, so Influx stores it as float.
      lines.push(`${head} value=${String(s.values[i])} ${s.timesMs[i] / 1000}`);
    }
  }
  return lines.join('\n') + '\n';
}
