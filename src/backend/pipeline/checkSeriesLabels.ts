/**
 * Bounds on the labels an upstream returns, checked on every fetched answer before any frame is built: labels are
 * copied onto every output field of every frame, so one 20 MB label value (which Prometheus stores if it was
 * scraped or written) becomes tens of megabytes in each answer. The bounds are Grafana Mimir's defaults for names
 * (`max_label_name_length` 1024) and twice its value default (`max_label_value_length` 2048), plus a total per
 * series. Listed in docs/reliability.md ("Limits").
 */
import { LensError } from '../errors/LensError';

/** Longest label name (characters). */
export const MAX_LABEL_NAME_CHARS = 1024;
/** Longest label value (characters). */
export const MAX_LABEL_VALUE_CHARS = 4096;
/** Most characters of all label names and values of one series together. */
export const MAX_SERIES_LABEL_CHARS = 16_384;

const FIX =
  'drop or shorten the label in the query (e.g. sum without (<label>) (…) or label_replace in PromQL, ' +
  'GROUP BY fewer tags in InfluxQL)';

function quoteName(name: string): string {
  return JSON.stringify(name.length > 60 ? `${name.slice(0, 60)}…` : name);
}

/** Throws a 422 naming the series, the label and the limit when a label set is over one of the bounds. */
export function checkSeriesLabels(refId: string, series: ReadonlyArray<{ labels: Record<string, string> }>): void {
  series.forEach((s, i) => {
    let total = 0;
    for (const [name, value] of Object.entries(s.labels)) {
      if (name.length > MAX_LABEL_NAME_CHARS) {
        throw limit(
          `query ${refId}: series ${i + 1} has a label name of ${name.length} characters ` +
            `(${quoteName(name)}), over the limit of ${MAX_LABEL_NAME_CHARS}; ${FIX}`
        );
      }
      if (value.length > MAX_LABEL_VALUE_CHARS) {
        throw limit(
          `query ${refId}: series ${i + 1} has a value of ${value.length} characters for label ` +
            `${quoteName(name)}, over the limit of ${MAX_LABEL_VALUE_CHARS}; ${FIX}`
        );
      }
      total += name.length + value.length;
    }
    if (total > MAX_SERIES_LABEL_CHARS) {
      throw limit(
        `query ${refId}: series ${i + 1} has labels of ${total} characters in all (names and values), over the ` +
          `limit of ${MAX_SERIES_LABEL_CHARS}; ${FIX}`
      );
    }
  });
}

function limit(message: string): LensError {
  return LensError.overLimit(message);
}
