/**
 * OpenMetrics text (openmetrics.io, the input of `promtool tsdb create-blocks-from openmetrics`): per metric family
 * `# HELP`, `# TYPE`, then `name{labels} value timestamp_seconds` lines, families contiguous, ending `# EOF`.
 * Used to backfill Prometheus with history before it starts, so bands and seasons have training data at once.
 * Pure, no imports.
 */

export interface HistoryMetric {
  name: string;
  help: string;
  type: 'gauge' | 'counter';
}

export interface HistorySample {
  metric: string;
  labels: Record<string, string>;
  value: number;
}

function escapeLabelValue(v: string): string {
  return v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

function seriesKey(s: HistorySample): string {
  const labels = Object.keys(s.labels)
    .sort()
    .map((k) => `${k}="${escapeLabelValue(s.labels[k])}"`)
    .join(',');
  return `${s.metric}{${labels}}`;
}

/**
 * Yields OpenMetrics text in chunks (one per metric family) for samples at every `stepMs` from `fromMs` to `toMs`
 * inclusive; `samplesAt(t)` gives all series at `t`. Non-finite values are skipped.
 */
export function* openMetricsHistory(
  metrics: readonly HistoryMetric[],
  samplesAt: (t: number) => readonly HistorySample[],
  fromMs: number,
  toMs: number,
  stepMs: number
): Generator<string> {
  if (!(stepMs > 0) || !(toMs >= fromMs)) {
    throw new Error(`backfill needs step > 0 and to ≥ from; got step ${stepMs}, from ${fromMs}, to ${toMs}`);
  }
  const first = Math.ceil(fromMs / stepMs) * stepMs;
  // series key → its lines, per metric; one pass over time keeps memory at one copy of the text.
  const lines = new Map<string, Map<string, string[]>>(metrics.map((m) => [m.name, new Map()]));
  for (let t = first; t <= toMs; t += stepMs) {
    for (const s of samplesAt(t)) {
      const family = lines.get(s.metric);
      if (!family || !Number.isFinite(s.value)) {
        continue;
      }
      const key = seriesKey(s);
      let out = family.get(key);
      if (!out) {
        out = [];
        family.set(key, out);
      }
      out.push(`${key} ${s.value} ${t / 1000}`);
    }
  }
  for (const m of metrics) {
    const family = lines.get(m.name)!;
    if (family.size === 0) {
      continue;
    }
    const body: string[] = [`# HELP ${m.name} ${m.help}`, `# TYPE ${m.name} ${m.type}`];
    for (const out of family.values()) {
      body.push(...out);
    }
    yield body.join('\n') + '\n';
  }
  yield '# EOF\n';
}
