/**
 * Look-ups the query editor needs from a Prometheus-compatible upstream: label names, values of one label,
 * series (label sets) matching selectors, and metric metadata (type, help, unit). Each is one GET on a fixed
 * API path (https://prometheus.io/docs/prometheus/latest/querying/api/#querying-metadata); a label name is
 * checked against Prometheus' label-name syntax before it goes into the path. Our own client.
 */
import { upstreamRequest, type UpstreamRequestOptions } from '../http/upstreamRequest';
import { LensError } from '../../errors/LensError';
import { readPrometheusEnvelope } from './parsePrometheusResponse';
import type { PrometheusSettings } from './prometheusSettings';

export interface ResourceRange {
  /** Optional time window; Prometheus defaults to all time (slow on big servers), so pass the dashboard range. */
  fromMs?: number;
  toMs?: number;
}

export interface MetricMetadata {
  type: string;
  help: string;
  unit: string;
}

/** Prometheus label-name syntax (data model docs): `[a-zA-Z_][a-zA-Z0-9_]*`. */
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
/** Most match[] selectors accepted per look-up, to bound URL length. */
const MAX_MATCHERS = 20;

function rangeParams(r: ResourceRange, matchers: readonly string[] = []): Array<[string, string]> {
  if (matchers.length > MAX_MATCHERS) {
    throw new LensError(`At most ${MAX_MATCHERS} series selectors per look-up, got ${matchers.length}`, {
      kind: 'query',
      status: 400,
    });
  }
  const p: Array<[string, string]> = matchers.map((m) => ['match[]', m] as [string, string]);
  if (r.fromMs !== undefined && Number.isFinite(r.fromMs)) {
    p.push(['start', String(r.fromMs / 1000)]);
  }
  if (r.toMs !== undefined && Number.isFinite(r.toMs)) {
    p.push(['end', String(r.toMs / 1000)]);
  }
  return p;
}

function stringList(data: unknown, settings: PrometheusSettings, what: string): string[] {
  if (!Array.isArray(data) || data.some((x) => typeof x !== 'string')) {
    throw new LensError(`${settings.http.upstreamName} sent an unexpected ${what} list`, {
      kind: 'malformed',
      status: 502,
    });
  }
  return data as string[];
}

async function getData(
  path: string,
  params: Array<[string, string]>,
  settings: PrometheusSettings,
  options: UpstreamRequestOptions
): Promise<unknown> {
  const res = await upstreamRequest(
    { method: 'GET', path, params: [...params, ...settings.customParams] },
    settings.http,
    options
  );
  return readPrometheusEnvelope(res, settings.http).data;
}

/** `GET /api/v1/labels`: label names, optionally of the series matching `matchers`. */
export async function labelNames(
  settings: PrometheusSettings,
  r: ResourceRange & { matchers?: string[] } = {},
  options: UpstreamRequestOptions = {}
): Promise<string[]> {
  return stringList(
    await getData('/api/v1/labels', rangeParams(r, r.matchers), settings, options),
    settings,
    'label name'
  );
}

/** `GET /api/v1/label/<name>/values`: values of one label (`__name__` gives metric names). */
export async function labelValues(
  settings: PrometheusSettings,
  label: string,
  r: ResourceRange & { matchers?: string[] } = {},
  options: UpstreamRequestOptions = {}
): Promise<string[]> {
  if (!LABEL_NAME.test(label)) {
    throw new LensError(`${JSON.stringify(label)} is not a valid Prometheus label name`, {
      kind: 'query',
      status: 400,
    });
  }
  const data = await getData(`/api/v1/label/${label}/values`, rangeParams(r, r.matchers), settings, options);
  return stringList(data, settings, 'label value');
}

/** `GET /api/v1/series`: label sets of the series matching at least one selector (one required). */
export async function seriesLabels(
  settings: PrometheusSettings,
  matchers: string[],
  r: ResourceRange = {},
  options: UpstreamRequestOptions = {}
): Promise<Array<Record<string, string>>> {
  if (matchers.length === 0 || matchers.some((m) => m.trim() === '')) {
    throw new LensError('A series look-up needs at least one non-empty selector, e.g. up{job="node"}', {
      kind: 'query',
      status: 400,
    });
  }
  const data = await getData('/api/v1/series', rangeParams(r, matchers), settings, options);
  if (!Array.isArray(data)) {
    throw new LensError(`${settings.http.upstreamName} sent an unexpected series list`, {
      kind: 'malformed',
      status: 502,
    });
  }
  if (data.length > settings.http.limits.maxSeries) {
    throw new LensError(
      `Series look-up matched ${data.length} series, over the limit of ${settings.http.limits.maxSeries} (maxSeries); use a narrower selector`,
      { kind: 'limit', status: 422 }
    );
  }
  // Each entry is a label set: an object of strings. Anything else (a string would become a map of its characters)
  // is an answer we do not understand.
  data.forEach((s, i) => {
    if (
      s === null ||
      typeof s !== 'object' ||
      Array.isArray(s) ||
      Object.values(s as object).some((v) => typeof v !== 'string')
    ) {
      throw new LensError(
        `${settings.http.upstreamName} sent an unexpected series list: entry ${i} is not a label set ` +
          `(an object of label names to string values)`,
        { kind: 'malformed', status: 502 }
      );
    }
  });
  return data.map((s) => ({ ...(s as Record<string, string>) }));
}

/** `GET /api/v1/metadata`: type/help/unit per metric (first entry when targets disagree). */
export async function metricMetadata(
  settings: PrometheusSettings,
  q: { metric?: string; limit?: number } = {},
  options: UpstreamRequestOptions = {}
): Promise<Record<string, MetricMetadata>> {
  const params: Array<[string, string]> = [];
  if (q.metric) {
    params.push(['metric', q.metric]);
  }
  if (q.limit !== undefined) {
    params.push(['limit', String(Math.max(1, Math.floor(q.limit)))]);
  }
  const data = await getData('/api/v1/metadata', params, settings, options);
  if (!data || typeof data !== 'object' || Array.isArray(data)) {
    throw new LensError(`${settings.http.upstreamName} sent unexpected metric metadata`, {
      kind: 'malformed',
      status: 502,
    });
  }
  const out: Record<string, MetricMetadata> = {};
  for (const [name, entries] of Object.entries(data as Record<string, unknown>)) {
    const first = Array.isArray(entries) ? (entries[0] as Partial<MetricMetadata> | undefined) : undefined;
    if (first) {
      out[name] = { type: String(first.type ?? ''), help: String(first.help ?? ''), unit: String(first.unit ?? '') };
    }
  }
  return out;
}
