import { IDLE_CACHE_BYTES, IDLE_TRIM_AFTER_MS, releaseIdleCaches } from '../releaseIdleCaches';
import { BoundedLruCache } from '../BoundedLruCache';

const MiB = 1024 * 1024;

function filledCache(now: () => number) {
  const c = new BoundedLruCache<{ bytes: number }>({ maxBytes: 64 * MiB, sizeOf: (v) => v.bytes, now });
  c.set('expired soon', { bytes: 4 * MiB }, 15_000);
  for (let i = 0; i < 6; i++) {
    c.set(`settled ${i}`, { bytes: 8 * MiB }, 600_000);
  }
  return c;
}

test('releaseIdleCaches drops expired entries as soon as the process is quiet and keeps the rest', () => {
  let now = 0;
  const c = filledCache(() => now);
  now = 20_000;
  releaseIdleCaches(c, 1000);
  expect(c.stats()).toMatchObject({ entries: 6, bytes: 48 * MiB });
});

test(`releaseIdleCaches keeps only the most recent ${IDLE_CACHE_BYTES / MiB} MiB once the process has been quiet ${IDLE_TRIM_AFTER_MS / 1000} s`, () => {
  const c = filledCache(() => 0);
  releaseIdleCaches(c, IDLE_TRIM_AFTER_MS - 1);
  expect(c.stats().bytes).toBe(52 * MiB);
  releaseIdleCaches(c, IDLE_TRIM_AFTER_MS);
  expect(c.stats().bytes).toBeLessThanOrEqual(IDLE_CACHE_BYTES);
  expect(c.get('settled 5')).toBeDefined();
  expect(c.get('settled 0')).toBeUndefined();
});
