/**
 * The cache key of a fetched range, from everything that changes the answer: data source uid and its `lastUpdated`
 * (editing the data source invalidates), upstream kind, query text, step and the fetched range (or, for incremental
 * entries, no range: see incrementalRange.ts).
 */

export interface UpstreamCacheKey {
  uid: string;
  lastUpdatedMs: number;
  upstream: string;
  expr: string;
  stepMs: number;
  /** The fetched range; left out for incremental entries, which hold whatever range was fetched last. */
  fromMs?: number;
  toMs?: number;
}

export function upstreamCacheKey(k: UpstreamCacheKey): string {
  const base = [k.uid, k.lastUpdatedMs, k.upstream, k.expr, k.stepMs];
  return JSON.stringify(k.fromMs === undefined && k.toMs === undefined ? base : [...base, k.fromMs, k.toMs]);
}
