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
  RESOURCE_PATHS,
  TagKeysResponse,
  TagValuesResponse,
} from '../../shared/resources';
import type { UpstreamKind } from '../../shared/queryModel';
import { upstreamUi } from '../upstreams/upstreamUis';

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

/** What each kind offers and how it lists metrics comes from its UpstreamUi (src/datasource/upstreams/). */
export function upstreamLookups(upstream: UpstreamKind, getResource: GetResource): UpstreamLookups {
  const ui = upstreamUi(upstream);
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
      return ui.metrics ? ui.metrics(cached) : unsupported('metric names');
    },
    async labelNames(metric) {
      if (!ui.labels) {
        return unsupported('label names');
      }
      return (await cached<LabelsResponse>(RESOURCE_PATHS.labels, metricParam(metric))).labels;
    },
    async labelValues(label, metric) {
      if (!ui.labels) {
        return unsupported('label values');
      }
      return (await cached<LabelValuesResponse>(RESOURCE_PATHS.labelValues, { label, ...metricParam(metric) })).values;
    },
    async measurements() {
      if (!ui.measurements) {
        return unsupported('measurements');
      }
      return (await cached<MeasurementsResponse>(RESOURCE_PATHS.measurements)).measurements;
    },
    async fieldKeys(measurement) {
      if (!ui.measurements) {
        return unsupported('field keys');
      }
      return (await cached<FieldKeysResponse>(RESOURCE_PATHS.fieldKeys, { measurement })).fields;
    },
    async tagKeys(measurement) {
      if (!ui.measurements) {
        return unsupported('tag keys');
      }
      return (await cached<TagKeysResponse>(RESOURCE_PATHS.tagKeys, { measurement })).keys;
    },
    async tagValues(measurement, key) {
      if (!ui.measurements) {
        return unsupported('tag values');
      }
      return (await cached<TagValuesResponse>(RESOURCE_PATHS.tagValues, { measurement, key })).values;
    },
  };
}
