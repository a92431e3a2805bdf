/**
 * Remembers the Holt–Winters smoothing parameters fitted for a series, so repeated evaluations of the same query
 * (dashboard refreshes, an alert rule every minute) reuse them instead of refitting by Nelder–Mead each time. The
 * band itself is still recomputed on the fresh data with those parameters (≈ 0.5 ms instead of ≈ 25 ms for 1,000
 * points, see BENCHMARKS.md); the parameters are refitted after `PARAM_TTL_MS`, or when the data source settings,
 * query, step or season change (all part of the key). On the LRU of `BoundedLruCache.ts`, one per data source
 * instance (modelCaches.ts).
 */
import type { HoltWintersParams } from '../../analytics/forecasting/holtWinters';
import { BoundedLruCache } from './BoundedLruCache';

/** Parameters older than this are refitted: slow drifts in a series' behaviour are picked up within the hour. */
export const PARAM_TTL_MS = 60 * 60 * 1000;
/** Rough size of one entry (key, four numbers, bookkeeping) for the byte budget. */
const ENTRY_BYTES = 512;
/** Room for about 8,000 series. */
const BUDGET_BYTES = 4 * 1024 * 1024;

export type FittedParams = Pick<HoltWintersParams, 'alpha' | 'beta' | 'gamma'>;

/** A new, empty cache (one per data source instance, see modelCaches.ts). */
export function newModelParamCache(): BoundedLruCache<FittedParams> {
  return new BoundedLruCache<FittedParams>({ maxBytes: BUDGET_BYTES, sizeOf: () => ENTRY_BYTES });
}

/** Key of one series' model: everything that changes which parameters fit. */
export function modelParamKey(seriesKey: string, period: number): string {
  return `${seriesKey}|p=${period}`;
}
