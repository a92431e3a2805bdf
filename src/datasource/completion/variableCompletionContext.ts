/**
 * Completion of dashboard variables and Grafana macros: the cursor right after `$name` or `${name` (also inside
 * label values and strings, where variables are most used). Checked before the language's own context.
 */
import { CompletionContext } from './completionContext';

export function variableCompletionContext(text: string, cursor: number): CompletionContext | null {
  const upTo = text.slice(0, Math.max(0, Math.min(cursor, text.length)));
  const m = /\$(\{?)(\w*)$/.exec(upTo);
  if (!m) {
    return null;
  }
  // The item replaces from the `$`, so `${` and `$` forms both end up as the item's own text.
  return { kind: 'variable', prefix: `$${m[1]}${m[2]}`, from: upTo.length - m[0].length };
}

/** Grafana's macros the backend replaces per language (interpolateMacros.ts, interpolateInfluxMacros.ts). */
export const MACROS = {
  promql: [
    '$__interval',
    '$__interval_ms',
    '$__rate_interval',
    '$__rate_interval_ms',
    '$__range',
    '$__range_s',
    '$__range_ms',
  ],
  influxql: ['$timeFilter', '$__interval', '$__interval_ms', '$__from', '$__to'],
} as const;
