/**
 * Runs a PromQL range query (`/api/v1/query_range`, form-encoded POST by default) and returns its series' samples
 * as sent (the pipeline grids them). The caller picks the step (`chooseStep`); start and end are aligned to it the
 * way Grafana's Prometheus data source does, and Grafana's `$__…` macros are replaced before sending. Our own client.
 */
import { MAX_UPSTREAM_TEXT_CHARS } from '../../errors/cutText';
import { redactSecrets } from '../http/redactSecrets';
import { secretsOf } from '../http/upstreamHttpSettings';
import { upstreamRequest, type UpstreamRequestOptions } from '../http/upstreamRequest';
import { LensError } from '../../errors/LensError';
import type { UpstreamSeries } from '../http/upstreamSeries';
import { alignTimeRange } from './alignTimeRange';
import { PROMETHEUS_MAX_POINTS, rateIntervalMs } from './chooseStep';
import { interpolateMacros } from './interpolateMacros';
import type { PrometheusSettings } from './prometheusSettings';
import { readPrometheusMatrix } from './readPrometheusMatrix';

export interface QueryRangeRequest {
  expr: string;
  fromMs: number;
  toMs: number;
  stepMs: number;
}

export interface QueryRangeResult {
  series: UpstreamSeries[];
  /** Prometheus' `warnings` (e.g. partial answers from Thanos), to show as notices. */
  warnings: string[];
  /** The aligned range and step actually sent. */
  startMs: number;
  endMs: number;
  stepMs: number;
  /** The expression as sent, after macro replacement (for the query inspector). */
  expr: string;
}

/** Upstream warnings shown per query (each cut to MAX_UPSTREAM_TEXT_CHARS); the rest are counted in one more notice. */
export const MAX_UPSTREAM_WARNINGS = 10;

function badQuery(message: string): LensError {
  return new LensError(message, { kind: 'query', status: 400 });
}

/** Seconds with up to millisecond precision, as the Prometheus API accepts for start/end/step. */
function seconds(ms: number): string {
  return String(ms / 1000);
}

export async function queryRange(
  query: QueryRangeRequest,
  settings: PrometheusSettings,
  options: UpstreamRequestOptions = {}
): Promise<QueryRangeResult> {
  if (typeof query.expr !== 'string' || query.expr.trim() === '') {
    throw badQuery(
      'PromQL expression is empty; enter a query such as up or rate(http_requests_total[$__rate_interval])'
    );
  }
  if (!(query.stepMs > 0) || !Number.isFinite(query.stepMs)) {
    throw badQuery(`Step must be a positive number of milliseconds, got ${query.stepMs}`);
  }
  if (!Number.isFinite(query.fromMs) || !Number.isFinite(query.toMs) || query.toMs < query.fromMs) {
    throw badQuery(`Invalid time range: from ${query.fromMs} to ${query.toMs}`);
  }
  const { startMs, endMs } = alignTimeRange(query.fromMs, query.toMs, query.stepMs);
  const points = Math.floor((endMs - startMs) / query.stepMs) + 1;
  if (points > PROMETHEUS_MAX_POINTS) {
    throw badQuery(
      `Step ${query.stepMs} ms gives ${points} points per series; Prometheus allows at most ${PROMETHEUS_MAX_POINTS}. Use a larger step`
    );
  }
  const expr = interpolateMacros(query.expr, {
    intervalMs: query.stepMs,
    rangeMs: query.toMs - query.fromMs,
    rateIntervalMs: rateIntervalMs(query.stepMs, settings.scrapeIntervalMs),
  });
  const res = await upstreamRequest(
    {
      method: settings.httpMethod,
      path: '/api/v1/query_range',
      params: [
        ['query', expr],
        ['start', seconds(startMs)],
        ['end', seconds(endMs)],
        ['step', seconds(query.stepMs)],
        ...settings.customParams,
      ],
    },
    settings.http,
    options
  );
  const { series, warnings: sent } = readPrometheusMatrix(res, { startMs, endMs, stepMs: query.stepMs }, settings.http);
  // Warnings are shown to users as notices; an upstream or proxy may echo request headers into them, and may send
  // thousands of them (2,000 warnings of 10 KB made 40 MB of notices): the first few are shown, each cut.
  const secrets = secretsOf(settings.http);
  const warnings = sent.slice(0, MAX_UPSTREAM_WARNINGS).map((w) => redactSecrets(w, secrets, MAX_UPSTREAM_TEXT_CHARS));
  if (sent.length > MAX_UPSTREAM_WARNINGS) {
    warnings.push(
      `${sent.length - MAX_UPSTREAM_WARNINGS} more warnings from ${settings.http.upstreamName} not shown ` +
        `(at most ${MAX_UPSTREAM_WARNINGS} are shown per query)`
    );
  }
  return { series, warnings, startMs, endMs, stepMs: query.stepMs, expr };
}
