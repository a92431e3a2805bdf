import type { UpstreamKind } from '../../../shared/queryModel';
import { REDACTED, redactor } from '../../server/redact';
import type { PluginContext } from '../../server/protoTypes';
import type { UpstreamAdapter } from '../../upstreams/UpstreamAdapter';
import { upstreamAdapter } from '../../upstreams/upstreamAdapters';
import { BoundedLruCache } from '../BoundedLruCache';
import { DataSourceInstances, newUpstreamCache } from '../DataSourceInstances';
import type { CachedRange } from '../incrementalRange';
import { modelCaches, type ModelCaches } from '../modelCaches';
import { IDLE_TRIM_AFTER_MS } from '../releaseIdleCaches';
import { AutoDetectSession, resumeAutoDetect } from '../../../analytics/detect/autoDetect';

function ctx(uid: string, lastUpdatedMS: number, jsonData: object, secure: Record<string, string> = {}): PluginContext {
  return {
    dataSourceInstanceSettings: {
      uid,
      name: uid,
      lastUpdatedMS,
      jsonData: Buffer.from(JSON.stringify(jsonData)),
      decryptedSecureJsonData: secure,
    },
  } as unknown as PluginContext;
}

/** The registry's adapters, counting how often each kind connects. */
function countingAdapters(): { adapterOf: (kind: UpstreamKind) => UpstreamAdapter; connects: UpstreamKind[] } {
  const connects: UpstreamKind[] = [];
  return {
    connects,
    adapterOf: (kind) => ({
      ...upstreamAdapter(kind),
      connect: (options) => {
        connects.push(kind);
        return upstreamAdapter(kind).connect(options);
      },
    }),
  };
}

test('one instance per settings version: settings read and upstream connected once, reused after', () => {
  const { adapterOf, connects } = countingAdapters();
  const instances = new DataSourceInstances({ adapterOf });
  const a = instances.get(ctx('u', 1, { upstream: 'demo', maxSeries: 7 }));
  const b = instances.get(ctx('u', 1, { upstream: 'demo', maxSeries: 7 }));
  expect(b).toBe(a);
  expect(a.limits?.maxSeries).toBe(7);
  expect(connects).toEqual(['demo']);
});

test('a new version (saved settings) replaces the instance of that uid', () => {
  const { adapterOf, connects } = countingAdapters();
  const instances = new DataSourceInstances({ adapterOf });
  const before = instances.get(ctx('u', 1, { upstream: 'demo' }));
  const after = instances.get(ctx('u', 2, { upstream: 'prometheus' }));
  expect(after).not.toBe(before);
  expect(after.connection.kind).toBe('prometheus');
  expect(connects).toEqual(['demo', 'prometheus']);
  expect(instances.size).toBe(1);
  // Other data sources keep their own.
  instances.get(ctx('v', 1, { upstream: 'influxdb' }));
  expect(instances.size).toBe(2);
});

test('unusable settings are remembered as their error, thrown on every request of that version', () => {
  const { adapterOf, connects } = countingAdapters();
  const instances = new DataSourceInstances({ adapterOf });
  const bad = ctx('u', 1, { upstream: 'graphite' });
  expect(() => instances.get(bad)).toThrow(/the data source setting "upstream" is "graphite"/);
  expect(() => instances.get(bad)).toThrow(/the data source setting "upstream" is "graphite"/);
  expect(connects).toEqual([]);
  expect(instances.get(ctx('u', 2, { upstream: 'demo' })).upstream).toBe('demo');
});

test('the instance registers its secrets when its version is first seen, even when the settings are unusable', () => {
  const instances = new DataSourceInstances();
  expect(() => instances.get(ctx('s', 1, { upstream: 'nope' }, { apiKey: 'instance-secret-93' }))).toThrow();
  expect(redactor.redactString('key instance-secret-93')).toBe(`key ${REDACTED}`);
});

test('the cache is the one the instances were given', () => {
  const cache = newUpstreamCache(1000);
  expect(new DataSourceInstances({ cache }).get(ctx('c', 1, {})).cache).toBe(cache);
});

test('each instance holds its own model caches, built by the injected factory', () => {
  const built: ModelCaches[] = [];
  const instances = new DataSourceInstances({
    newModelCaches: () => {
      const c = modelCaches();
      built.push(c);
      return c;
    },
  });
  const a = instances.get(ctx('a', 1, { upstream: 'demo' }));
  const b = instances.get(ctx('b', 1, { upstream: 'demo' }));
  expect(built).toEqual([a.models, b.models]);
  expect(a.models).not.toBe(b.models);
  a.models.params.set('s', { alpha: 0.5, beta: NaN, gamma: NaN });
  expect(b.models.params.get('s')).toBeUndefined();
  // A new settings version is a new instance: it starts with empty caches.
  const a2 = instances.get(ctx('a', 2, { upstream: 'demo' }));
  expect(a2.models.params.get('s')).toBeUndefined();
});

test('releaseIdle drops expired entries of the upstream cache and of every instance’s model caches', () => {
  let now = 0;
  const clock = () => now;
  const cache = new BoundedLruCache<CachedRange>({ maxBytes: 1 << 20, sizeOf: () => 100, now: clock });
  const instances = new DataSourceInstances({
    cache,
    newModelCaches: () => ({
      params: new BoundedLruCache({ maxBytes: 1 << 20, sizeOf: () => 1, now: clock }),
      forecastChoices: new BoundedLruCache({ maxBytes: 1 << 20, sizeOf: () => 1, now: clock }),
      periods: new BoundedLruCache({ maxBytes: 1 << 20, sizeOf: () => 1, now: clock }),
      detector: new BoundedLruCache({ maxBytes: 1 << 20, sizeOf: () => 1, now: clock }),
      detectorSession: new AutoDetectSession(),
    }),
  });
  const a = instances.get(ctx('a', 1, { upstream: 'demo' }));
  cache.set('range', { fetched: {} as CachedRange['fetched'], fetchedAtMs: 0 }, 10);
  a.models.params.set('old', { alpha: 0.5, beta: NaN, gamma: NaN }, 10);
  a.models.params.set('kept', { alpha: 0.5, beta: NaN, gamma: NaN }, 1000);
  a.models.periods.set('old', { periods: [24], notices: [] }, 10);
  now = 20;
  instances.releaseIdle(1000);
  expect(cache.stats().entries).toBe(0);
  expect(a.models.params.stats().entries).toBe(1);
  expect(a.models.periods.stats().entries).toBe(0);
});

test('releaseIdle lets the detector session’s buffers go only once the process has been quiet for the trim delay', () => {
  const instances = new DataSourceInstances({ cache: newUpstreamCache() });
  const a = instances.get(ctx('a', 1, { upstream: 'demo' }));
  const session = a.models.detectorSession;
  const y = Float64Array.from({ length: 500 }, (_, i) => 10 + Math.sin(i / 5));
  resumeAutoDetect(y, {}, undefined, 400, session);
  const held = session.bytes;
  expect(held).toBeGreaterThan(7 * 8 * 500);
  instances.releaseIdle(IDLE_TRIM_AFTER_MS - 1);
  expect(session.bytes).toBe(held);
  instances.releaseIdle(IDLE_TRIM_AFTER_MS);
  expect(session.bytes).toBe(0);
});
