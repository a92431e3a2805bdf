/**
 * Resource endpoints backed by the demo catalogue (paths and shapes in src/shared/resources.ts).
 */
import type {
  LabelValuesResponse,
  LabelsResponse,
  MetricsResponse,
  SeriesResponse,
  ValidateResponse,
} from '../../../shared/resources';
import { DEMO_METRICS, findDemoMetric } from './demoCatalog';
import { selectDemoSeries } from './queryDemo';
import { LensError } from '../../errors/LensError';

export function demoMetrics(): MetricsResponse {
  return { metrics: DEMO_METRICS.map(({ name, help, unit, labels }) => ({ name, help, unit, labels: [...labels] })) };
}

function requireMetric(name: string | null) {
  if (!name) {
    throw LensError.badRequest(400, 'the "metric" parameter is required, e.g. ?metric=demo_cpu_utilization');
  }
  const metric = findDemoMetric(name);
  if (!metric) {
    throw LensError.badRequest(
      404,
      `unknown demo metric "${name}"; available: ${DEMO_METRICS.map((m) => m.name).join(', ')}`
    );
  }
  return metric;
}

export function demoSeries(metricName: string | null): SeriesResponse {
  const metric = requireMetric(metricName);
  return { metric: metric.name, series: metric.series.map((s) => ({ ...s.labels })) };
}

export function demoLabels(metricName: string | null): LabelsResponse {
  const metrics = metricName ? [requireMetric(metricName)] : DEMO_METRICS;
  const names = new Set<string>();
  metrics.forEach((m) => m.labels.forEach((l) => names.add(l)));
  return { labels: [...names].sort() };
}

export function demoLabelValues(label: string | null, metricName: string | null): LabelValuesResponse {
  if (!label) {
    throw LensError.badRequest(400, 'the "label" parameter is required, e.g. ?label=service');
  }
  const metrics = metricName ? [requireMetric(metricName)] : DEMO_METRICS;
  const values = new Set<string>();
  metrics.forEach((m) =>
    m.series.forEach((s) => {
      const v = s.labels[label];
      if (v !== undefined) {
        values.add(v);
      }
    })
  );
  return { label, values: [...values].sort() };
}

export function demoValidate(expr: unknown): ValidateResponse {
  if (typeof expr !== 'string' || expr.trim() === '') {
    return { ok: false, error: 'expr is empty; enter a series selector such as demo_cpu_utilization', position: 0 };
  }
  try {
    const { series } = selectDemoSeries(expr.trim());
    return { ok: true, seriesCount: series.length };
  } catch (e) {
    if (e instanceof LensError && e.kind === 'input') {
      return e.position === undefined
        ? { ok: false, error: e.message }
        : { ok: false, error: e.message, position: e.position };
    }
    throw e;
  }
}
