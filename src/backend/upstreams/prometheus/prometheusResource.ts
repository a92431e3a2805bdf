/**
 * Serves the editor's look-ups from a Prometheus-compatible upstream through its client
 * (src/backend/upstreams/prometheus/prometheusResources.ts). Parameters are checked here so that a bad one is a
 * 400 naming it; they only ever reach the upstream as encoded query-string values (or, for a label name that
 * passed the label-name syntax check, as a path segment), never as part of its host.
 */
import {
  RESOURCE_PATHS,
  type LabelValuesResponse,
  type LabelsResponse,
  type MetadataResponse,
  type UpstreamSeriesResponse,
} from '../../../shared/resources';
import type { UpstreamRequestOptions } from '../http/upstreamRequest';
import { labelNames, labelValues, metricMetadata, seriesLabels, type ResourceRange } from './prometheusResources';
import type { PrometheusSettings } from './prometheusSettings';
import { LensError } from '../../errors/LensError';

/** Prometheus data model: label names `[a-zA-Z_][a-zA-Z0-9_]*`, metric names also allow `:`. */
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
/** Longest selector we forward (URL length; the client also caps the count at 20). */
const MAX_SELECTOR_CHARS = 2000;

function metricParam(params: URLSearchParams): string | undefined {
  const metric = params.get('metric');
  if (metric === null || metric === '') {
    return undefined;
  }
  if (!METRIC_NAME.test(metric)) {
    throw LensError.badRequest(400, `parameter metric ${JSON.stringify(metric)} is not a valid Prometheus metric name`);
  }
  return metric;
}

/** `match[]` selectors plus `metric` (a bare metric name is itself a selector). */
function matchers(params: URLSearchParams): string[] {
  const out = params.getAll('match[]');
  for (const m of out) {
    if (m.trim() === '') {
      throw LensError.badRequest(400, 'parameter match[] is empty; give a series selector such as up{job="node"}');
    }
    if (m.length > MAX_SELECTOR_CHARS) {
      throw LensError.badRequest(400, `parameter match[] is longer than ${MAX_SELECTOR_CHARS} characters`);
    }
  }
  const metric = metricParam(params);
  return metric ? [...out, metric] : out;
}

function msParam(params: URLSearchParams, name: 'from' | 'to'): number | undefined {
  const raw = params.get(name);
  if (raw === null || raw === '') {
    return undefined;
  }
  const n = Number(raw);
  if (!Number.isFinite(n) || n < 0) {
    throw LensError.badRequest(
      400,
      `parameter ${name} must be a time in epoch milliseconds, got ${JSON.stringify(raw)}`
    );
  }
  return n;
}

function range(params: URLSearchParams): ResourceRange {
  const fromMs = msParam(params, 'from');
  const toMs = msParam(params, 'to');
  if (fromMs !== undefined && toMs !== undefined && fromMs > toMs) {
    throw LensError.badRequest(400, 'parameter from is after parameter to');
  }
  return { fromMs, toMs };
}

export async function prometheusResource(
  route: string,
  params: URLSearchParams,
  settings: PrometheusSettings,
  options: UpstreamRequestOptions
): Promise<unknown> {
  switch (route) {
    case RESOURCE_PATHS.labels: {
      const labels = await labelNames(settings, { ...range(params), matchers: matchers(params) }, options);
      return { labels } satisfies LabelsResponse;
    }
    case RESOURCE_PATHS.labelValues: {
      const label = params.get('label');
      if (!label) {
        throw LensError.badRequest(400, 'parameter label is required (a label name, or __name__ for metric names)');
      }
      if (!LABEL_NAME.test(label)) {
        throw LensError.badRequest(
          400,
          `parameter label ${JSON.stringify(label)} is not a valid label name ([a-zA-Z_][a-zA-Z0-9_]*)`
        );
      }
      const values = await labelValues(settings, label, { ...range(params), matchers: matchers(params) }, options);
      return { label, values } satisfies LabelValuesResponse;
    }
    case RESOURCE_PATHS.series: {
      const m = matchers(params);
      if (m.length === 0) {
        throw LensError.badRequest(400, 'parameter match[] (a series selector) or metric (a metric name) is required');
      }
      const series = await seriesLabels(settings, m, range(params), options);
      const metric = metricParam(params);
      return (metric ? { metric, series } : { series }) satisfies UpstreamSeriesResponse;
    }
    case RESOURCE_PATHS.metadata: {
      const metadata = await metricMetadata(settings, { metric: metricParam(params) }, options);
      return { metadata } satisfies MetadataResponse;
    }
  }
  throw LensError.badRequest(404, `unknown resource "${route}"`);
}
