/**
 * Runs a selector against the demo catalogue over a time range: points at every multiple of the step (aligned to
 * the epoch, so overlapping ranges share timestamps and values).
 */
import { LensError } from '../../errors/LensError';
import { DEMO_METRICS, DemoMetric, DemoSeries, findDemoMetric } from './demoCatalog';
import { matchesLabels, parseSelector } from './parseSelector';

/** Like Prometheus's 11,000 points-per-series limit for range queries. */
export const MAX_POINTS_PER_SERIES = 11_000;

export interface DemoRange {
  fromMs: number;
  toMs: number;
  stepMs: number;
}

export interface DemoSeriesResult {
  metric: DemoMetric;
  series: DemoSeries;
  timestamps: Float64Array;
  values: Float64Array;
}

/**
 * Series of the catalogue that a selector picks, in catalogue order; throws a 400 LensError with a
 * clear message. A named metric must exist; a selector without one (`{__name__=~"demo_.*"}`) picks across metrics
 * and may pick none. Matchers see the series labels plus `__name__`, as in Prometheus.
 */
export function selectDemoSeries(expr: string): { series: DemoSeries[] } {
  const selector = parseSelector(expr);
  let metrics: DemoMetric[] = DEMO_METRICS;
  if (selector.metric !== '') {
    const metric = findDemoMetric(selector.metric);
    if (!metric) {
      throw LensError.badQuery(
        `unknown demo metric "${selector.metric}"; available: ${DEMO_METRICS.map((m) => m.name).join(', ')}`
      );
    }
    metrics = [metric];
  }
  const series: DemoSeries[] = [];
  for (const m of metrics) {
    series.push(...m.series.filter((s) => matchesLabels(selector.matchers, { ...s.labels, __name__: m.name })));
  }
  return { series };
}

/** Timestamps k·step with from ≤ t ≤ to. */
export function alignedTimestamps({ fromMs, toMs, stepMs }: DemoRange): Float64Array {
  if (!(stepMs > 0) || !Number.isFinite(stepMs)) {
    throw LensError.badQuery(`step must be a positive number of milliseconds, got ${stepMs}`);
  }
  if (!(toMs >= fromMs)) {
    throw LensError.badQuery(`the time range ends (${toMs}) before it starts (${fromMs})`);
  }
  const first = Math.ceil(fromMs / stepMs) * stepMs;
  const count = first > toMs ? 0 : Math.floor((toMs - first) / stepMs) + 1;
  if (count > MAX_POINTS_PER_SERIES) {
    throw LensError.badQuery(
      `the query would return ${count} points per series (limit ${MAX_POINTS_PER_SERIES}): ` +
        `shorten the time range or raise the step (minStepMs / Min interval)`
    );
  }
  const out = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    out[i] = first + i * stepMs;
  }
  return out;
}

export function queryDemo(expr: string, range: DemoRange): DemoSeriesResult[] {
  const { series } = selectDemoSeries(expr);
  const timestamps = alignedTimestamps(range);
  return series.map((s) => {
    const metric = findDemoMetric(s.metric)!;
    const values = new Float64Array(timestamps.length);
    for (let i = 0; i < timestamps.length; i++) {
      values[i] = s.value(timestamps[i]);
    }
    return { metric, series: s, timestamps, values };
  });
}
