/**
 * Names of the series a recording-rule export writes, by Prometheus' convention `level:metric:operation`
 * (level = the labels the output is aggregated by, metric = the metric it derives from, operation = what was done
 * to it). Shared by the export (recordingRuleGroup.ts) and by the reader of precomputed bands, so that both agree
 * on the names without a registry.
 *
 * The operation carries the band method and its window or season (`moving1h`, `seasonal1d`) so that two exports of
 * the same expression with different options never write the same series.
 */
import { formatDuration } from '../../shared/parseDuration';

/** The recorded series of one exported band. `lower`/`upper` are absent for a one-sided band. */
export interface RecordedBandNames {
  /** The operation part without the output suffix, e.g. `moving1h`. */
  operation: string;
  value: string;
  expected: string;
  sigma: string;
  lower: string;
  upper: string;
  flag: string;
  /** Seasonal only: the same-phase samples of past seasons and their deviations from `expected`. */
  sample: string;
  deviation: string;
}

/** The aggregation level of an expression: its outermost `by (…)` labels, else the label names it matches on. */
export function levelOfExpr(expr: string): string {
  const by = /\bby\s*\(([^)]*)\)/.exec(expr);
  const list = by ? by[1] : (/\{([^}]*)\}/.exec(expr)?.[1] ?? '');
  const labels = by
    ? list.split(',').map((s) => s.trim())
    : [...list.matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)\s*(?:=~|!~|!=|=)/g)].map((m) => m[1]);
  const kept = labels.filter((l) => /^[a-zA-Z_][a-zA-Z0-9_]*$/.test(l) && l !== '__name__');
  return kept.length > 0 ? kept.join('_') : 'series';
}

/**
 * @param level first part of the names (`service`, `job_instance`)
 * @param metric middle part (a metric name; colons are allowed there by the convention)
 * @param method band method and its window or season, e.g. `moving` and 3 600 000 ms → `moving1h`
 */
export function recordedBandNames(
  level: string,
  metric: string,
  method: 'moving' | 'seasonal',
  spanMs: number
): RecordedBandNames {
  const op = `${method}${formatDuration(spanMs)}`;
  const name = (what: string) => `${level}:${metric}:${op}_${what}`;
  return {
    operation: op,
    value: name('value'),
    expected: name('expected'),
    sigma: name('sigma'),
    lower: name('lower'),
    upper: name('upper'),
    flag: name('flag'),
    sample: name('sample'),
    deviation: name('deviation'),
  };
}
