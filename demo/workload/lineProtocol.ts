/**
 * InfluxDB line protocol (docs.influxdata.com/influxdb/v1/write_protocols/line_protocol_reference):
 * `measurement,tag=value,… value=<float> <timestamp>`. Measurement escapes commas and spaces; tag keys and values
 * escape commas, equals signs and spaces; tags are sorted by key (Influx's recommendation for write speed).
 * Timestamps are in milliseconds: write with `precision=ms`. Non-finite values are skipped (line protocol has no
 * NaN/Inf). Pure, no imports.
 */

export interface LineSample {
  metric: string;
  labels: Record<string, string>;
  value: number;
}

function escapeMeasurement(v: string): string {
  return v.replace(/[, ]/g, (c) => `\\${c}`);
}

function escapeTag(v: string): string {
  return v.replace(/[,= ]/g, (c) => `\\${c}`);
}

/** One line per finite sample, all at `timestampMs`. Empty tag values are left out (Influx rejects them). */
export function lineProtocol(samples: readonly LineSample[], timestampMs: number): string[] {
  const ts = Math.round(timestampMs);
  const lines: string[] = [];
  for (const s of samples) {
    if (!Number.isFinite(s.value)) {
      continue;
    }
    const tags = Object.keys(s.labels)
      .filter((k) => s.labels[k] !== '')
      .sort()
      .map((k) => `,${escapeTag(k)}=${escapeTag(s.labels[k])}`)
      .join('');
    lines.push(`${escapeMeasurement(s.metric)}${tags} value=${s.value} ${ts}`);
  }
  return lines;
}
