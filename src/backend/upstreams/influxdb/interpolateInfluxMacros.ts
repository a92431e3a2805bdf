/**
 * Grafana's InfluxQL macros, replaced on the backend: `$timeFilter` → `time >= <from>ms and time <= <to>ms`
 * (Grafana's InfluxDB data source writes the same, with epoch milliseconds), `$__interval` → a duration in
 * InfluxQL units (`10s`, `1m`, `5m`, `1d`; InfluxQL has no year unit, so long intervals are written in
 * days/weeks), `$__interval_ms`, `$__from`/`$__to` (epoch ms). `$name` and `${name}` forms.
 */

export interface InfluxMacroContext {
  fromMs: number;
  toMs: number;
  intervalMs: number;
}

/** InfluxQL duration literal (spec: ns, u, ms, s, m, h, d, w): largest unit that divides evenly, else ms. */
export function formatInfluxDuration(ms: number): string {
  const v = Math.max(1, Math.round(ms));
  for (const [u, len] of [
    ['w', 604_800_000],
    ['d', 86_400_000],
    ['h', 3_600_000],
    ['m', 60_000],
    ['s', 1000],
  ] as Array<[string, number]>) {
    if (v % len === 0) {
      return `${v / len}${u}`;
    }
  }
  return `${v}ms`;
}

const MACRO = /\$(?:\{(timeFilter|__[A-Za-z_]+)\}|(timeFilter|__[A-Za-z_]+))/g;

export function interpolateInfluxMacros(query: string, ctx: InfluxMacroContext): string {
  const from = Math.floor(ctx.fromMs);
  const to = Math.ceil(ctx.toMs);
  const values: Record<string, string> = {
    timeFilter: `time >= ${from}ms and time <= ${to}ms`,
    __interval: formatInfluxDuration(ctx.intervalMs),
    __interval_ms: String(Math.round(ctx.intervalMs)),
    __from: String(from),
    __to: String(to),
  };
  return query.replace(MACRO, (whole, braced: string | undefined, bare: string | undefined) => {
    const name = (braced ?? bare)!;
    return Object.prototype.hasOwnProperty.call(values, name) ? values[name] : whole;
  });
}
