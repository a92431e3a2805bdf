import { fetchedBytes } from '../fetchedSeries';
import { dataSourceInstance, newUpstreamCache } from '../DataSourceInstances';
import { fetchSeries } from '../fetchSeries';
import { BoundedLruCache } from '../BoundedLruCache';
import { upstreamCacheKey } from '../upstreamCacheKey';

const sized = (maxBytes: number, now = () => 0) =>
  new BoundedLruCache<{ bytes: number; id: string }>({ maxBytes, sizeOf: (v) => v.bytes, now });

test('BoundedLruCache returns what was stored and counts hits and misses', () => {
  const c = sized(100);
  expect(c.get('a')).toBeUndefined();
  c.set('a', { bytes: 10, id: 'a' });
  expect(c.get('a')?.id).toBe('a');
  expect(c.stats()).toEqual({ hits: 1, misses: 1, evictions: 0, entries: 1, bytes: 10 });
});

test('BoundedLruCache evicts the least recently used entry first to stay within its byte budget', () => {
  const c = sized(100);
  c.set('a', { bytes: 40, id: 'a' });
  c.set('b', { bytes: 40, id: 'b' });
  c.get('a'); // a is now more recent than b
  c.set('c', { bytes: 40, id: 'c' });
  expect(c.get('b')).toBeUndefined();
  expect(c.get('a')?.id).toBe('a');
  expect(c.get('c')?.id).toBe('c');
  expect(c.stats()).toMatchObject({ evictions: 1, entries: 2, bytes: 80 });
});

test('BoundedLruCache never holds more bytes than its budget, whatever the insertion order', () => {
  const c = sized(1000);
  let seed = 7;
  for (let i = 0; i < 500; i++) {
    seed = (seed * 48271) % 2147483647;
    c.set(`k${i % 37}`, { bytes: 1 + (seed % 300), id: String(i) });
    expect(c.stats().bytes).toBeLessThanOrEqual(1000);
  }
});

test('BoundedLruCache refuses an entry larger than the whole budget and keeps the others', () => {
  const c = sized(100);
  c.set('a', { bytes: 50, id: 'a' });
  expect(c.set('huge', { bytes: 101, id: 'huge' })).toBe(false);
  expect(c.get('a')?.id).toBe('a');
  expect(c.get('huge')).toBeUndefined();
});

test('BoundedLruCache replaces an entry under the same key without double-counting its bytes', () => {
  const c = sized(100);
  c.set('a', { bytes: 60, id: 'a1' });
  c.set('a', { bytes: 70, id: 'a2' });
  expect(c.get('a')?.id).toBe('a2');
  expect(c.stats()).toMatchObject({ entries: 1, bytes: 70, evictions: 0 });
});

test('BoundedLruCache drops an entry once its time to live has passed', () => {
  let now = 1000;
  const c = sized(100, () => now);
  c.set('a', { bytes: 10, id: 'a' }, 500);
  now = 1499;
  expect(c.get('a')).toBeDefined();
  now = 1500;
  expect(c.get('a')).toBeUndefined();
  expect(c.stats()).toMatchObject({ entries: 0, bytes: 0 });
});

test('BoundedLruCache.pruneExpired drops every expired entry without waiting for its key to be asked for', () => {
  let now = 1000;
  const c = sized(100, () => now);
  c.set('short', { bytes: 30, id: 'short' }, 500);
  c.set('long', { bytes: 20, id: 'long' }, 5000);
  c.set('forever', { bytes: 10, id: 'forever' });
  now = 1500;
  c.pruneExpired();
  expect(c.stats()).toMatchObject({ entries: 2, bytes: 30, misses: 0 });
  expect(c.get('long')?.id).toBe('long');
});

test('BoundedLruCache.shrinkTo keeps the most recently used entries within the smaller size', () => {
  const c = sized(100);
  c.set('a', { bytes: 30, id: 'a' });
  c.set('b', { bytes: 30, id: 'b' });
  c.set('c', { bytes: 30, id: 'c' });
  c.get('a'); // order of use: b, c, a
  c.shrinkTo(60);
  expect(c.stats()).toMatchObject({ entries: 2, bytes: 60, evictions: 1 });
  expect(c.get('b')).toBeUndefined();
  c.shrinkTo(0);
  expect(c.stats()).toMatchObject({ entries: 0, bytes: 0 });
  // The budget is unchanged: a later entry of the full size still fits.
  expect(c.set('d', { bytes: 100, id: 'd' })).toBe(true);
});

test('upstreamCacheKey differs when the data source was edited, the query, the step or the range differ, or has no range', () => {
  const base = { uid: 'u', lastUpdatedMs: 1, upstream: 'demo', expr: 'm', stepMs: 60_000, fromMs: 0, toMs: 3_600_000 };
  const keys = new Set([
    upstreamCacheKey(base),
    upstreamCacheKey({ ...base, lastUpdatedMs: 2 }),
    upstreamCacheKey({ ...base, uid: 'v' }),
    upstreamCacheKey({ ...base, expr: 'n' }),
    upstreamCacheKey({ ...base, stepMs: 30_000 }),
    upstreamCacheKey({ ...base, fromMs: 60_000 }),
    upstreamCacheKey({ ...base, toMs: 7_200_000 }),
    upstreamCacheKey({ ...base, fromMs: undefined, toMs: undefined }),
  ]);
  expect(keys.size).toBe(8);
});

test('fetchSeries answers a repeated fetch from the cache with the same arrays', async () => {
  const cache = newUpstreamCache(10_000_000);
  const settings = dataSourceInstance({ upstream: 'demo' as const, name: 'n', uid: 'u', lastUpdatedMs: 5 });
  const req = {
    refId: 'A',
    expr: 'demo_cpu_utilization',
    fromMs: Date.UTC(2024, 0, 2),
    toMs: Date.UTC(2024, 0, 2, 6),
    stepMs: 60_000,
  };
  const first = await fetchSeries(settings, req, { cache, now: () => Date.UTC(2025, 0, 1) });
  const second = await fetchSeries(settings, req, { cache, now: () => Date.UTC(2025, 0, 1) });
  expect(second).toBe(first);
  expect(cache.stats()).toMatchObject({ hits: 1, misses: 1, entries: 1 });
  expect(cache.stats().bytes).toBe(fetchedBytes(first));
  const edited = await fetchSeries(
    dataSourceInstance({ upstream: 'demo', name: 'n', uid: 'u', lastUpdatedMs: 6 }),
    req,
    { cache }
  );
  expect(edited).not.toBe(first);
  expect(edited.series[0].values).toEqual(first.series[0].values);
});
