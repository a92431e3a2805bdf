/**
 * The instants a frame's time column can hold: Grafana's frames carry time as Arrow Timestamp(NANOSECOND), a signed
 * 64-bit count of nanoseconds since 1970, so whole milliseconds within ±(2^63 − 1) / 10^6 — about ±292 years, from
 * 1677-09-21 to 2262-04-11. A time outside it would wrap around in the conversion and come back as a time in the
 * wrong century, out of order; it is refused instead, with the range named (docs/reliability.md, "Limits").
 */
import { LensError } from '../errors/LensError';

/** Latest representable instant, epoch ms (2262-04-11T23:47:16.854Z). */
export const MAX_NANOSECOND_TIME_MS = 9_223_372_036_854;
/** Earliest representable instant, epoch ms (1677-09-21T00:12:43.146Z). */
export const MIN_NANOSECOND_TIME_MS = -MAX_NANOSECOND_TIME_MS;

/** The range as a message shows it. */
export const NANOSECOND_TIME_RANGE_TEXT = `${new Date(MIN_NANOSECOND_TIME_MS).toISOString()} to ${new Date(MAX_NANOSECOND_TIME_MS).toISOString()}`;

/** A time outside the range: a 400 the query's author can fix. */
export function nanosecondTimeRangeError(what: string, ms: number): LensError {
  return LensError.badQuery(
    `${what} ${ms} ms lies outside the time range a frame can hold (${NANOSECOND_TIME_RANGE_TEXT}, ` +
      `nanosecond timestamps); choose a time range within it, or a shorter training history or a smaller step`
  );
}

/** True when `ms` is a finite time a frame can hold. */
export function inNanosecondTimeRange(ms: number): boolean {
  return ms >= MIN_NANOSECOND_TIME_MS && ms <= MAX_NANOSECOND_TIME_MS;
}
