/**
 * Grafana's built-in Prometheus variables, replaced in a PromQL expression on the backend (where Grafana
 * leaves them for alert rules and for data sources that interpolate themselves). Names and formats follow
 * Grafana's Prometheus data source:
 *   `$__interval` → the step, short form (`30s`, `1m`, `5m`)   `$__interval_ms` → the step in ms
 *   `$__rate_interval` → max(step + scrape, 4 × scrape), exact (`1m15s`)   `$__rate_interval_ms` → in ms
 *   `$__range` → the range in whole seconds + `s`   `$__range_s` → whole seconds   `$__range_ms` → ms
 * Both `$__name` and `${__name}` forms are recognised; other `$…` text is left alone. Our own implementation.
 */
import { formatDurationExact, formatIntervalShort } from './promDuration';

export interface MacroContext {
  /** The query step in milliseconds (what `$__interval` stands for). */
  intervalMs: number;
  /** `to - from` of the query in milliseconds. */
  rangeMs: number;
  /** `$__rate_interval` in milliseconds (see `rateIntervalMs`). */
  rateIntervalMs: number;
}

const MACRO = /\$(?:\{(__[A-Za-z_]+)\}|(__[A-Za-z_]+))/g;

export function interpolateMacros(expr: string, ctx: MacroContext): string {
  const rangeS = Math.round(ctx.rangeMs / 1000);
  const values: Record<string, string> = {
    __interval: formatIntervalShort(ctx.intervalMs),
    __interval_ms: String(Math.round(ctx.intervalMs)),
    __rate_interval: formatDurationExact(ctx.rateIntervalMs),
    __rate_interval_ms: String(Math.round(ctx.rateIntervalMs)),
    __range: `${rangeS}s`,
    __range_s: String(rangeS),
    __range_ms: String(Math.round(ctx.rangeMs)),
  };
  return expr.replace(MACRO, (whole, braced: string | undefined, bare: string | undefined) => {
    const name = (braced ?? bare)!;
    return Object.prototype.hasOwnProperty.call(values, name) ? values[name] : whole;
  });
}
