/**
 * Remembers which forecast model `auto` chose for a series (kind, seasons, trend window, a seasonal model's
 * cycles and smoothing parameters, interval widening), so
 * repeated evaluations of the same query (dashboard refreshes, alert rules) refit that model on the fresh data
 * instead of re-running the backtest over every candidate. The choice is made again after `CHOICE_TTL_MS`, or
 * when the data source settings, query, step, horizon, level, model or seasons change (all part of the key).
 * On the LRU of `BoundedLruCache.ts`, one per data source instance (modelCaches.ts).
 */
import type { ForecastChoice } from '../../analytics/forecasting/forecastSeries';
import { BoundedLruCache } from './BoundedLruCache';

/** A chosen model is trusted for an hour. */
export const CHOICE_TTL_MS = 60 * 60 * 1000;
/** Rough size of one entry for the byte budget, plus the seasonal cycles a seasonal model keeps. */
const ENTRY_BYTES = 512;

function sizeOf(c: ForecastChoice): number {
  let floats = 0;
  for (const m of c.members ?? [c]) {
    for (const p of m.state?.profiles ?? []) {
      floats += p.length;
    }
  }
  return ENTRY_BYTES + 8 * floats;
}

/** A new, empty cache (one per data source instance, see modelCaches.ts). */
export function newForecastChoiceCache(): BoundedLruCache<ForecastChoice> {
  return new BoundedLruCache<ForecastChoice>({ maxBytes: 4 * 1024 * 1024, sizeOf });
}
