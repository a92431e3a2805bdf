/**
 * The incremental-querying settings of a Prometheus upstream, from jsonData with Grafana's Prometheus names:
 * `incrementalQuerying` (absent → on here; Grafana's own data source defaults it off, but our band queries fetch
 * training history many times the visible range, which is what the option saves) and
 * `incrementalQueryOverlapWindow` (absent → `10m`, Grafana's default). Read by the Prometheus adapter (prometheusAdapter.ts `readOwnSettings`); how it is used:
 * pipeline/incrementalRange.ts.
 */
import { parseDuration } from '../../../shared/parseDuration';
import { settingError } from '../../errors/settingError';
import type { IncrementalQuerying } from '../UpstreamAdapter';

export const DEFAULT_INCREMENTAL_QUERYING: IncrementalQuerying = { enabled: true, overlapMs: 10 * 60_000 };
/** A day: beyond that, "incremental" would refetch most of a typical dashboard anyway. */
const MAX_OVERLAP_MS = 86_400_000;

/** Throws LensError (400) naming the setting, the rule, what was given and the default. */
export function readIncrementalQuerying(jsonData: Record<string, unknown>): IncrementalQuerying {
  const flag = jsonData.incrementalQuerying;
  if (flag !== undefined && flag !== null && typeof flag !== 'boolean') {
    throw settingError('incrementalQuerying', 'true or false', flag, 'true');
  }
  const window = jsonData.incrementalQueryOverlapWindow;
  let overlapMs = DEFAULT_INCREMENTAL_QUERYING.overlapMs;
  if (window !== undefined && window !== null && window !== '') {
    const bad = () =>
      settingError('incrementalQueryOverlapWindow', 'a duration from 0s to 1d, such as 10m', window, '10m');
    if (typeof window !== 'string') {
      throw bad();
    }
    try {
      overlapMs = parseDuration(window);
    } catch {
      throw bad();
    }
    if (!(overlapMs <= MAX_OVERLAP_MS)) {
      throw bad();
    }
  }
  return { enabled: flag !== false, overlapMs };
}
