/**
 * The incremental-querying settings of a Prometheus upstream, from jsonData with Grafana's Prometheus names:
 * `incrementalQuerying` (absent → on here; Grafana's own data source defaults it off, but our band queries fetch
 * training history many times the visible range, which is what the option saves) and
 * `incrementalQueryOverlapWindow` (absent → `10m`, Grafana's default). How it is used: pipeline/incrementalRange.ts.
 */
import { parsePromDuration } from './promDuration';

export interface IncrementalQuerying {
  enabled: boolean;
  overlapMs: number;
}

export const DEFAULT_INCREMENTAL_QUERYING: IncrementalQuerying = { enabled: true, overlapMs: 10 * 60_000 };
/** A day: beyond that, "incremental" would refetch most of a typical dashboard anyway. */
const MAX_OVERLAP_MS = 86_400_000;

/** Throws IncrementalSettingError naming the setting, the rule, what was given and the default. */
export function readIncrementalQuerying(jsonData: Record<string, unknown>): IncrementalQuerying {
  const flag = jsonData.incrementalQuerying;
  if (flag !== undefined && flag !== null && typeof flag !== 'boolean') {
    throw new IncrementalSettingError('incrementalQuerying', 'true or false', flag, 'true');
  }
  const window = jsonData.incrementalQueryOverlapWindow;
  let overlapMs = DEFAULT_INCREMENTAL_QUERYING.overlapMs;
  if (window !== undefined && window !== null && window !== '') {
    const rule = 'a duration from 0s to 1d, such as 10m';
    if (typeof window !== 'string') {
      throw new IncrementalSettingError('incrementalQueryOverlapWindow', rule, window, '10m');
    }
    try {
      overlapMs = parsePromDuration(window);
    } catch {
      throw new IncrementalSettingError('incrementalQueryOverlapWindow', rule, window, '10m');
    }
    if (!(overlapMs <= MAX_OVERLAP_MS)) {
      throw new IncrementalSettingError('incrementalQueryOverlapWindow', rule, window, '10m');
    }
  }
  return { enabled: flag !== false, overlapMs };
}

export class IncrementalSettingError extends Error {
  constructor(
    readonly setting: string,
    readonly rule: string,
    readonly given: unknown,
    readonly fallback: string
  ) {
    super(
      `the data source setting ${setting} must be ${rule}, got ${JSON.stringify(given)}; ` +
        `correct it in the data source settings or remove it for the default (${fallback})`
    );
    this.name = 'IncrementalSettingError';
  }
}
