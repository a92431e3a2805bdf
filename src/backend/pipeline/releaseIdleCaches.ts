/**
 * What the upstream cache gives back when the process falls quiet after a burst (server/IdleCollector calls this
 * before each of its collections; docs/reliability.md, "Memory").
 *
 * Expired entries go at once: they can never answer again and would otherwise stay until their key is asked for.
 * Once no call has come for `IDLE_TRIM_AFTER_MS`, only the most recently used `IDLE_CACHE_BYTES` stay: the
 * collector runs only after the resident size grew by 32 MiB (a burst of large answers), so a steady dashboard or
 * alert rule never triggers this, and after such a burst the memory comes back to near its idle level within a
 * minute instead of holding the whole 64 MiB budget; the next request of a trimmed query pays one fetch.
 * The collector's follow-ups run 1, 3, 7, 15, 31 and 63 s into a quiet stretch, and a call in between only
 * postpones them, so the trim comes at most ~45 s after the last call.
 */
import type { BoundedLruCache } from './BoundedLruCache';

export const IDLE_TRIM_AFTER_MS = 10_000;
export const IDLE_CACHE_BYTES = 8 * 1024 * 1024;

export function releaseIdleCaches<V>(cache: BoundedLruCache<V>, quietForMs: number): void {
  cache.pruneExpired();
  if (quietForMs >= IDLE_TRIM_AFTER_MS) {
    cache.shrinkTo(IDLE_CACHE_BYTES);
  }
}
