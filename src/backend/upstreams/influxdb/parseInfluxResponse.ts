/**
 * Reads InfluxDB v1 `/query` answers (`{"results":[{"statement_id":0,"series":[{name,tags,columns,values}],
 * "error":…}],"error":…}`, queried with `epoch=ms`) into `UpstreamSeries`. Our own parser.
 *
 * Labels: the series' tags, plus `_measurement` (the series name) and, when a statement returns more than
 * one value column, `_field` (the column name) — one `UpstreamSeries` per value column.
 * Values: numbers as is; null (no data in a GROUP BY time bucket) → NaN; booleans → 1/0; strings → NaN.
 * Rows are returned sorted by time (Influx sorts ascending unless ORDER BY time DESC; we re-sort).
 */
import { httpStatusError, quoteBody } from '../http/httpStatusError';
import { malformedResponse as malformed } from '../http/malformedResponse';
import { parseUpstreamJson } from '../http/parseUpstreamJson';
import { MAX_UPSTREAM_TEXT_CHARS } from '../../errors/cutText';
import { redactSecrets } from '../http/redactSecrets';
import { LensError } from '../../errors/LensError';
import { secretsOf, type UpstreamHttpSettings } from '../http/upstreamHttpSettings';
import type { UpstreamResponse } from '../http/upstreamRequest';
import type { UpstreamSeries } from '../http/upstreamSeries';

export interface InfluxRawSeries {
  name?: string;
  tags?: Record<string, string>;
  columns: string[];
  values: unknown[][];
}

/** One statement's answer: its raw series, or Influx's error for it. */
export interface InfluxStatementResult {
  statementId: number;
  series: InfluxRawSeries[];
  error?: string;
}

/**
 * Checks status and envelope. A whole-request error (`{"error":…}`, e.g. a syntax error, HTTP 400) or an HTTP
 * failure throws; per-statement errors are returned in `error` for the caller to decide.
 */
export function readInfluxResults(res: UpstreamResponse, settings: UpstreamHttpSettings): InfluxStatementResult[] {
  const json = parseUpstreamJson(res, settings, (quoted) =>
    malformed(settings, `not valid JSON (HTTP ${res.status})${quoted ? `: ${quoted}` : ''}`)
  );
  const top = (json ?? {}) as { error?: unknown; message?: unknown; results?: unknown };
  // 1.x: {"error": "..."}; 2.x compatibility API: {"code": "...", "message": "..."}.
  const topError =
    typeof top.error === 'string'
      ? top.error
      : typeof top.message === 'string' && res.status >= 400
        ? top.message
        : undefined;
  if (topError !== undefined) {
    const message = redactSecrets(topError, secretsOf(settings), MAX_UPSTREAM_TEXT_CHARS);
    if (res.status === 401 || res.status === 403) {
      throw httpStatusError(res, settings, message);
    }
    throw new LensError(`${settings.upstreamName} error: ${message}`, {
      kind: res.status >= 500 ? 'http' : 'query',
      status: res.status >= 400 ? res.status : 400,
    });
  }
  if (res.status < 200 || res.status > 299) {
    throw httpStatusError(res, settings);
  }
  if (!Array.isArray(top.results)) {
    throw malformed(settings, `expected {"results":[…]}, got ${quoteBody(res.body, settings)}`);
  }
  return top.results.map((r, i) => {
    const item = (r ?? {}) as { statement_id?: unknown; series?: unknown; error?: unknown };
    const statementId = typeof item.statement_id === 'number' ? item.statement_id : i;
    if (typeof item.error === 'string') {
      return {
        statementId,
        series: [],
        error: redactSecrets(item.error, secretsOf(settings), MAX_UPSTREAM_TEXT_CHARS),
      };
    }
    const series = item.series === undefined ? [] : item.series;
    if (!Array.isArray(series)) {
      throw malformed(settings, `results[${i}].series is not an array`);
    }
    for (const s of series as InfluxRawSeries[]) {
      if (!s || !Array.isArray(s.columns) || !Array.isArray(s.values)) {
        throw malformed(settings, `results[${i}] has a series without columns/values`);
      }
    }
    return { statementId, series: series as InfluxRawSeries[] };
  });
}

function toNumber(v: unknown): number {
  if (typeof v === 'number') {
    return v;
  }
  if (typeof v === 'boolean') {
    return v ? 1 : 0;
  }
  return NaN;
}

/**
 * Turns the raw series of one or more statements into `UpstreamSeries`, enforcing the series and point limits
 * before allocating anything.
 */
export function influxSeriesToUpstream(
  raw: InfluxRawSeries[],
  limits: { maxSeries: number; maxPoints: number },
  settings: UpstreamHttpSettings
): UpstreamSeries[] {
  let seriesCount = 0;
  let points = 0;
  for (const s of raw) {
    const fields = s.columns.filter((c) => c !== 'time').length;
    seriesCount += fields;
    points += fields * s.values.length;
  }
  if (seriesCount > limits.maxSeries) {
    throw new LensError(
      `Query returned ${seriesCount} series, over the limit of ${limits.maxSeries} (maxSeries); narrow the WHERE clause or GROUP BY fewer tags`,
      { kind: 'limit', status: 422 }
    );
  }
  if (points > limits.maxPoints) {
    throw new LensError(
      `Query returned ${points} points, over the limit of ${limits.maxPoints} (maxPoints); use a larger GROUP BY time() interval`,
      { kind: 'limit', status: 422 }
    );
  }
  const out: UpstreamSeries[] = [];
  for (const s of raw) {
    const timeCol = s.columns.indexOf('time');
    if (timeCol < 0) {
      throw malformed(settings, `series ${JSON.stringify(s.name ?? '')} has no time column (is it a SHOW statement?)`);
    }
    const n = s.values.length;
    const times = new Float64Array(n);
    for (let k = 0; k < n; k++) {
      const t = s.values[k]?.[timeCol];
      if (typeof t !== 'number') {
        throw malformed(
          settings,
          `series ${JSON.stringify(s.name ?? '')} has a non-numeric time; the query must use epoch=ms`
        );
      }
      times[k] = t;
    }
    // Sort order (stable) so that ORDER BY time DESC still yields increasing times.
    const order = Array.from({ length: n }, (_, k) => k);
    let sorted = true;
    for (let k = 1; k < n; k++) {
      if (times[k] < times[k - 1]) {
        sorted = false;
        break;
      }
    }
    if (!sorted) {
      order.sort((a, b) => times[a] - times[b] || a - b);
    }
    const valueCols = s.columns.map((c, j) => [c, j] as const).filter(([c]) => c !== 'time');
    for (const [col, j] of valueCols) {
      const labels: Record<string, string> = { ...(s.tags ?? {}) };
      if (s.name !== undefined) {
        labels._measurement = s.name;
      }
      if (valueCols.length > 1) {
        labels._field = col;
      }
      const timesMs = new Float64Array(n);
      const values = new Float64Array(n);
      for (let k = 0; k < n; k++) {
        timesMs[k] = times[order[k]];
        values[k] = toNumber(s.values[order[k]][j]);
      }
      out.push({ labels, timesMs, values });
    }
  }
  return out;
}
