/**
 * The query_range step, chosen the way Grafana's Prometheus data source does it (Grafana `pkg/promlib`
 * `calculatePrometheusInterval` with `intervalv2.Calculate` / `CalculateSafeInterval` / `roundInterval`):
 *
 *  1. lower bound = the query's min interval if set, else Grafana's `intervalMs`, else the scrape interval
 *     (default 15 s);
 *  2. calculated = range / maxDataPoints (1500 when absent), rounded to a "nice" interval; if it is below the
 *     lower bound, the lower bound itself (unrounded);
 *  3. safe = range / 11,000, rounded: Prometheus refuses a query_range of more than 11,000 points per series;
 *  4. step = max(calculated, safe);
 *  5. (ours, not Grafana's) because step 3 may round *down* (range/11,000 = 1.4 s → 1 s, i.e. 15,400 points,
 *     which Prometheus refuses), the step is raised to the next nice interval until the aligned range has at
 *     most 11,000 points.
 * Our own implementation of those rules (no library).
 */
import { parseDuration } from '../../../shared/parseDuration';

/** Prometheus' hard limit on points per series in one query_range answer. */
export const PROMETHEUS_MAX_POINTS = 11_000;
/** Grafana's default `maxDataPoints` when the request carries none. */
export const DEFAULT_MAX_DATA_POINTS = 1500;
/** Grafana's default scrape interval for Prometheus data sources. */
export const DEFAULT_SCRAPE_INTERVAL_MS = 15_000;

/** Grafana's table of "nice" intervals: each threshold maps to the interval shown beside it. */
const ROUNDING: ReadonlyArray<readonly [number, number]> = [
  [10, 1],
  [15, 10],
  [35, 20],
  [75, 50],
  [150, 100],
  [350, 200],
  [750, 500],
  [1500, 1000],
  [3500, 2000],
  [7500, 5000],
  [12500, 10000],
  [17500, 15000],
  [25000, 20000],
  [45000, 30000],
  [90000, 60000],
  [210000, 120000],
  [450000, 300000],
  [750000, 600000],
  [1050000, 900000],
  [1500000, 1200000],
  [2700000, 1800000],
  [5400000, 3600000],
  [9000000, 7200000],
  [16200000, 10800000],
  [32400000, 21600000],
  [86400000, 43200000],
  [172800000, 86400000],
  [604800000, 86400000],
  [1814400000, 604800000],
];

/** Rounds an interval to Grafana's nice intervals (≤ 10 ms → 1 ms, ≤ 17.5 s → 15 s, ≤ 1.5 m → 1 m, …). */
export function roundInterval(ms: number): number {
  for (const [limit, value] of ROUNDING) {
    if (ms <= limit) {
      return value;
    }
  }
  return ms < 3_628_800_000 ? 2_592_000_000 : 31_536_000_000;
}

/**
 * Step in milliseconds for a query over [fromMs, toMs].
 * @param intervalMs Grafana's `intervalMs` for the panel (0 or NaN → not given).
 * @param maxDataPoints Grafana's `maxDataPoints` (0 or NaN → 1500).
 * @param minInterval the query's min step: milliseconds, or a duration text (`30s`); absent → `intervalMs`.
 * @param scrapeIntervalMs the data source's scrape interval (jsonData `timeInterval`), the last fallback.
 */
export function chooseStep(
  intervalMs: number,
  maxDataPoints: number,
  fromMs: number,
  toMs: number,
  minInterval?: number | string,
  scrapeIntervalMs: number = DEFAULT_SCRAPE_INTERVAL_MS
): number {
  if (!Number.isFinite(fromMs) || !Number.isFinite(toMs) || toMs < fromMs) {
    throw new Error(`Invalid time range: from ${fromMs} to ${toMs} (from must not be after to)`);
  }
  let lower: number;
  const given =
    typeof minInterval === 'string'
      ? minInterval.trim() === ''
        ? undefined
        : parseDuration(minInterval)
      : minInterval;
  if (given !== undefined && Number.isFinite(given) && given > 0) {
    lower = given;
  } else if (Number.isFinite(intervalMs) && intervalMs > 0) {
    lower = intervalMs;
  } else {
    lower = scrapeIntervalMs;
  }
  const rangeMs = toMs - fromMs;
  const resolution =
    Number.isFinite(maxDataPoints) && maxDataPoints > 0 ? Math.floor(maxDataPoints) : DEFAULT_MAX_DATA_POINTS;
  // Grafana divides integer nanoseconds; truncating to whole milliseconds is the same at our precision.
  const raw = Math.floor(rangeMs / resolution);
  const calculated = raw < lower ? lower : roundInterval(raw);
  const safe = roundInterval(Math.floor(rangeMs / PROMETHEUS_MAX_POINTS));
  let step = Math.max(calculated, safe);
  // +1 for the end point, +1 for a grid boundary that alignment may add inside the range.
  while (Math.floor(rangeMs / step) + 2 > PROMETHEUS_MAX_POINTS) {
    step = nextNiceInterval(step, rangeMs);
  }
  return step;
}

/** Smallest nice interval above `ms`; past the table, enough for 11,000 points outright. */
function nextNiceInterval(ms: number, rangeMs: number): number {
  for (const [, value] of ROUNDING) {
    if (value > ms) {
      return value;
    }
  }
  return Math.max(ms + 1, Math.ceil(rangeMs / (PROMETHEUS_MAX_POINTS - 2)));
}

/**
 * `$__rate_interval`: max(step + scrape interval, 4 × scrape interval), so that `rate()` always sees at least
 * four scrapes and no sample falls between two windows (Grafana 7.2 release notes, "$__rate_interval").
 */
export function rateIntervalMs(stepMs: number, scrapeIntervalMs: number = DEFAULT_SCRAPE_INTERVAL_MS): number {
  return Math.max(stepMs + scrapeIntervalMs, 4 * scrapeIntervalMs);
}
