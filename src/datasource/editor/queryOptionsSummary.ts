/**
 * The one-line summary the collapsed Options row shows, as Grafana's Prometheus editor does
 * (`Legend: Auto  Min step: 15s  Format: Time series  Type: Range`), so the settings are readable without opening it.
 */
import type { LensQuery } from '../../shared/queryModel';
import { legendMode } from './legendMode';
import { minStepText } from './minStepText';

/** What the data source returns: frames of series over time from a range query (see docs/query-options.md). */
export const QUERY_FORMAT = 'Time series';
export const QUERY_RANGE_TYPE = 'Range';

export function queryOptionsSummary(q: Pick<LensQuery, 'legendFormat' | 'minStepMs'>): string[] {
  const mode = legendMode(q.legendFormat);
  const legend = mode === 'custom' ? (q.legendFormat ?? '') : mode === 'auto' ? 'Auto' : 'Verbose';
  return [
    `Legend: ${legend}`,
    `Min step: ${minStepText(q.minStepMs) || 'auto'}`,
    `Format: ${QUERY_FORMAT}`,
    `Type: ${QUERY_RANGE_TYPE}`,
  ];
}
