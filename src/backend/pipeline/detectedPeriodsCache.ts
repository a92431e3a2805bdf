/**
 * Remembers the seasons auto-detected for a series (with the notices the detection wrote), so repeated evaluations
 * of the same query do not rerun the autocorrelation scan on every refresh or alert evaluation. Seasons of a
 * metric change slowly; they are detected again after `PERIODS_TTL_MS`, or when the data source settings, query,
 * step or series change (all part of the key). On the LRU of `BoundedLruCache.ts`, one per data source instance
 * (modelCaches.ts).
 */
import { BoundedLruCache } from './BoundedLruCache';

/** Detected seasons are trusted for an hour. */
export const PERIODS_TTL_MS = 60 * 60 * 1000;
/** Rough size of one entry for the byte budget. */
const ENTRY_BYTES = 512;

export interface DetectedPeriods {
  periods: number[];
  notices: string[];
}

/** A new, empty cache (one per data source instance, see modelCaches.ts). */
export function newDetectedPeriodsCache(): BoundedLruCache<DetectedPeriods> {
  return new BoundedLruCache<DetectedPeriods>({ maxBytes: 4 * 1024 * 1024, sizeOf: () => ENTRY_BYTES });
}
