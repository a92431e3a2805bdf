/**
 * The look-ups completion needs, one method per kind of item, answered by the data source's resource endpoints
 * (src/shared/resources.ts) for the configured upstream. Each answer is cached per data source for the editor's
 * life, so typing does not repeat requests; a failed request is dropped from the cache so it can be retried.
 */
import {
  FieldKeysResponse,
  LabelValuesResponse,
  LabelsResponse,
  MeasurementsResponse,
  MetadataResponse,
  MetricsResponse,
  RESOURCE_PATHS,
  TagKeysResponse,
  TagValuesResponse,
} from '../../shared/resources';
import type { UpstreamKind } from '../../shared/queryModel';

export interface MetricItem {
  name: string;
  /** One-line description (demo help, Prometheus metadata), when known. */
  help?: string;
}

export interface UpstreamLookups {
  metrics(): Promise<MetricItem[]>;
  labelNames(metric?: string): Promise<string[]>;
  labelValues(label: string, metric?: string): Promise<string[]>;
  measurements(): Promise<string[]>;
  fieldKeys(measurement: string): Promise<Array<{ key: string; type: string }>>;
  tagKeys(measurement: string): Promise<string[]>;
  tagValues(measurement: string, key: string): Promise<string[]>;
}

export type GetResource = <T>(path: string, params?: Record<string, string>) => Promise<T>;

export function upstreamLookups(upstream: UpstreamKind, getResource: GetResource): UpstreamLookups {
  const cache = new Map<string, Promise<unknown>>();
  const cached = <T>(path: string, params: Record<string, string> = {}): Promise<T> => {
    const key = `${path}?${new URLSearchParams(params).toString()}`;
    let p = cache.get(key) as Promise<T> | undefined;
    if (!p) {
      p = getResource<T>(path, params);
      cache.set(key, p);
      p.catch(() => cache.delete(key));
    }
    return p;
  };
  const metricParam = (metric?: string): Record<string, string> => (metric ? { metric } : {});
  const unsupported = (what: string) =>
    Promise.reject(new Error(`${what} are not offered by the ${upstream} upstream`));

  return {
    async metrics() {
      if (upstream === 'demo') {
        const r = await cached<MetricsResponse>(RESOURCE_PATHS.metrics);
        return r.metrics.map((m) => ({ name: m.name, help: m.help }));
      }
      if (upstream === 'prometheus') {
        const names = await cached<LabelValuesResponse>(RESOURCE_PATHS.labelValues, { label: '__name__' });
        // Metadata is a nicety: a server without it still completes names.
        const meta = await cached<MetadataResponse>(RESOURCE_PATHS.metadata).catch(() => undefined);
        return names.values.map((name) => ({ name, help: meta?.metadata[name]?.help || undefined }));
      }
      return unsupported('metric names');
    },
    async labelNames(metric) {
      if (upstream === 'influxdb') {
        return unsupported('label names');
      }
      return (await cached<LabelsResponse>(RESOURCE_PATHS.labels, metricParam(metric))).labels;
    },
    async labelValues(label, metric) {
      if (upstream === 'influxdb') {
        return unsupported('label values');
      }
      return (await cached<LabelValuesResponse>(RESOURCE_PATHS.labelValues, { label, ...metricParam(metric) })).values;
    },
    async measurements() {
      if (upstream !== 'influxdb') {
        return unsupported('measurements');
      }
      return (await cached<MeasurementsResponse>(RESOURCE_PATHS.measurements)).measurements;
    },
    async fieldKeys(measurement) {
      if (upstream !== 'influxdb') {
        return unsupported('field keys');
      }
      return (await cached<FieldKeysResponse>(RESOURCE_PATHS.fieldKeys, { measurement })).fields;
    },
    async tagKeys(measurement) {
      if (upstream !== 'influxdb') {
        return unsupported('tag keys');
      }
      return (await cached<TagKeysResponse>(RESOURCE_PATHS.tagKeys, { measurement })).keys;
    },
    async tagValues(measurement, key) {
      if (upstream !== 'influxdb') {
        return unsupported('tag values');
      }
      return (await cached<TagValuesResponse>(RESOURCE_PATHS.tagValues, { measurement, key })).values;
    },
  };
}
