import { metricSelector } from './metricSelector';

/**
 * The selector naming exactly one series: `metric{a="x",b="y"}` with labels in name order so the same series
 * always gives the same text. No labels gives the bare metric name.
 */
export function seriesSelector(metric: string, labels: Record<string, string>): string {
  return metricSelector(metric, Object.fromEntries(Object.entries(labels).map(([k, v]) => [k, [v]])));
}
