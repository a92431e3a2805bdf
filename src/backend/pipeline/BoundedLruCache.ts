/**
 * A bounded-memory LRU cache of upstream results (our own; a Map kept in recency order). Entries are sized by the
 * caller (`sizeOf`, bytes) and evicted least-recently-used first until the total fits `maxBytes`; an entry larger
 * than the whole budget is never stored. Each entry may carry an expiry so that ranges ending near "now", whose
 * last points the upstream may still revise, are refetched soon.
 * Fetched ranges (keyed by upstreamCacheKey.ts) and the fitted-model caches use it.
 */

export interface BoundedLruCacheOptions<V> {
  /** Byte budget of all entries together. */
  maxBytes: number;
  sizeOf: (value: V) => number;
  /** Clock for expiry (tests pass a fake one). Default Date.now. */
  now?: () => number;
}

export interface BoundedLruCacheStats {
  hits: number;
  misses: number;
  evictions: number;
  entries: number;
  bytes: number;
}

interface Entry<V> {
  value: V;
  bytes: number;
  expiresAt: number;
}

export class BoundedLruCache<V> {
  private readonly entries = new Map<string, Entry<V>>();
  private bytes = 0;
  private hits = 0;
  private misses = 0;
  private evictions = 0;
  private readonly now: () => number;

  constructor(private readonly options: BoundedLruCacheOptions<V>) {
    if (!(options.maxBytes >= 0)) {
      throw new RangeError(`BoundedLruCache: maxBytes must be ≥ 0, got ${options.maxBytes}`);
    }
    this.now = options.now ?? Date.now;
  }

  get(key: string): V | undefined {
    const e = this.entries.get(key);
    if (!e) {
      this.misses++;
      return undefined;
    }
    if (e.expiresAt <= this.now()) {
      this.remove(key, e);
      this.misses++;
      return undefined;
    }
    // Re-insert: Map iteration order is insertion order, so the first key is the least recently used.
    this.entries.delete(key);
    this.entries.set(key, e);
    this.hits++;
    return e.value;
  }

  /** Stores `value` for `ttlMs` (default: no expiry); returns false when it is larger than the budget. */
  set(key: string, value: V, ttlMs = Infinity): boolean {
    const bytes = this.options.sizeOf(value);
    const old = this.entries.get(key);
    if (old) {
      this.remove(key, old);
    }
    if (bytes > this.options.maxBytes) {
      return false;
    }
    while (this.bytes + bytes > this.options.maxBytes) {
      const [lruKey, lru] = this.entries.entries().next().value as [string, Entry<V>];
      this.remove(lruKey, lru);
      this.evictions++;
    }
    this.entries.set(key, { value, bytes, expiresAt: this.now() + ttlMs });
    this.bytes += bytes;
    return true;
  }

  stats(): BoundedLruCacheStats {
    return {
      hits: this.hits,
      misses: this.misses,
      evictions: this.evictions,
      entries: this.entries.size,
      bytes: this.bytes,
    };
  }

  /** Drops the entries whose expiry has passed (they would only be dropped on their next `get` otherwise). */
  pruneExpired(): void {
    const now = this.now();
    for (const [key, e] of this.entries) {
      if (e.expiresAt <= now) {
        this.remove(key, e);
      }
    }
  }

  /** Evicts least-recently-used entries until the total is at most `maxBytes`; the budget itself is unchanged. */
  shrinkTo(maxBytes: number): void {
    for (const [key, e] of this.entries) {
      if (this.bytes <= maxBytes) {
        return;
      }
      this.remove(key, e);
      this.evictions++;
    }
  }

  clear(): void {
    this.entries.clear();
    this.bytes = 0;
  }

  private remove(key: string, e: Entry<V>): void {
    this.entries.delete(key);
    this.bytes -= e.bytes;
  }
}
