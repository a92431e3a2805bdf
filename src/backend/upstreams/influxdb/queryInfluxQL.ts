/**
 * Runs an InfluxQL query over the v1 `/query` API (`db`, `q`, `epoch=ms`; GET by default, form POST when
 * configured) after replacing Grafana's macros, and returns the series of every statement. An error in any
 * statement fails the query with Influx's own message (`errorSource: 'downstream'`). Our own client.
 */
import { upstreamRequest, type UpstreamRequestOptions } from '../http/upstreamRequest';
import { LensError } from '../../errors/LensError';
import type { UpstreamSeries } from '../http/upstreamSeries';
import { assertReadOnlyInfluxQL } from './assertReadOnlyInfluxQL';
import type { InfluxSettings } from './influxSettings';
import { interpolateInfluxMacros } from './interpolateInfluxMacros';
import { influxSeriesToUpstream, readInfluxResults } from './parseInfluxResponse';

export interface InfluxQueryRequest {
  /** InfluxQL, may use `$timeFilter`, `$__interval`, `$__interval_ms`, `$__from`, `$__to`. */
  query: string;
  fromMs: number;
  toMs: number;
  /** What `$__interval` stands for (e.g. from `chooseStep`). */
  intervalMs: number;
}

export interface InfluxQueryResult {
  series: UpstreamSeries[];
  /** The query as sent, after macro replacement. */
  query: string;
}

/** Sends InfluxQL as is (after the read-only check) and returns the per-statement results. */
export async function runInfluxQL(query: string, settings: InfluxSettings, options: UpstreamRequestOptions = {}) {
  assertReadOnlyInfluxQL(query);
  const res = await upstreamRequest(
    {
      method: settings.httpMethod,
      path: '/query',
      params: [
        ['db', settings.database],
        ['q', query],
        ['epoch', 'ms'],
      ],
    },
    settings.http,
    options
  );
  return readInfluxResults(res, settings.http);
}

export async function queryInfluxQL(
  req: InfluxQueryRequest,
  settings: InfluxSettings,
  options: UpstreamRequestOptions = {}
): Promise<InfluxQueryResult> {
  if (!Number.isFinite(req.fromMs) || !Number.isFinite(req.toMs) || req.toMs < req.fromMs) {
    throw new LensError(`Invalid time range: from ${req.fromMs} to ${req.toMs}`, { kind: 'query', status: 400 });
  }
  if (!(req.intervalMs > 0)) {
    throw new LensError(`Interval must be a positive number of milliseconds, got ${req.intervalMs}`, {
      kind: 'query',
      status: 400,
    });
  }
  const query = interpolateInfluxMacros(req.query ?? '', req);
  const results = await runInfluxQL(query, settings, options);
  // Prefer a real error over InfluxDB's "not executed" (statements skipped after an earlier failure).
  const failed =
    results.find((r) => r.error !== undefined && r.error !== 'not executed') ??
    results.find((r) => r.error !== undefined);
  if (failed) {
    const which = results.length > 1 ? ` (statement ${failed.statementId + 1})` : '';
    const hint =
      failed.error === 'not executed'
        ? ' (InfluxDB stopped before this statement without saying why; run the statements one at a time to see the error)'
        : '';
    throw new LensError(`${settings.http.upstreamName} error${which}: ${failed.error}${hint}`, {
      kind: 'query',
      status: 400,
    });
  }
  const series = influxSeriesToUpstream(
    results.flatMap((r) => r.series),
    settings.http.limits,
    settings.http
  );
  return { series, query };
}
