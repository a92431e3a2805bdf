/**
 * Answers a QueryDataRequest: one DataResponse per refId, always (facts doc §8.6). A failing query yields its own
 * error/status/errorSource and leaves the others untouched (style habit 8). Our own code.
 */
import { frameToArrow } from '../frames/frameToArrow';
import type { Logger } from '../server/logger';
import { errorMessage } from '../server/logger';
import type { PluginMetrics } from '../server/metrics';
import type { DataQuery, DataResponse, PluginContext, QueryDataResponse } from '../server/protoTypes';
import { redactor } from '../server/redact';
import { LensSettings, readSettings } from './dataSourceSettings';
import { parseQueryJson } from './parseQuery';
import { QueryError } from './queryError';
import { runQuery } from './runQuery';

export interface QueryDeps {
  logger: Logger;
  metrics: PluginMetrics;
}

function failure(err: unknown, refId: string, logger: Logger): DataResponse {
  if (err instanceof QueryError) {
    return { frames: [], error: redactor.redactString(err.message), status: err.status, errorSource: err.errorSource };
  }
  // Unexpected: a defect on our side. Log the detail, show a short message.
  logger.error('query failed unexpectedly', { refId, error: errorMessage(err), stack: err instanceof Error ? err.stack : undefined });
  return { frames: [], error: `query ${refId}: internal error: ${errorMessage(err)}`, status: 500, errorSource: 'plugin' };
}

export function executeQueries(
  ctx: PluginContext | null | undefined,
  queries: DataQuery[],
  deps: QueryDeps
): QueryDataResponse {
  const responses: Record<string, DataResponse> = {};
  let settings: LensSettings | undefined;
  let settingsError: unknown;
  try {
    settings = readSettings(ctx);
  } catch (e) {
    settingsError = e;
  }

  for (const q of queries) {
    const refId = q.refId || 'A';
    const started = process.hrtime.bigint();
    let response: DataResponse;
    try {
      if (!settings) {
        throw settingsError;
      }
      const parsed = parseQueryJson(refId, q.json ?? Buffer.alloc(0));
      const from = q.timeRange?.fromEpochMS ?? 0;
      const to = q.timeRange?.toEpochMS ?? 0;
      const frames = runQuery(settings, parsed, {
        fromMs: from,
        toMs: to,
        intervalMs: q.intervalMS ?? 0,
        maxDataPoints: q.maxDataPoints ?? 0,
      });
      response = { frames: frames.map(frameToArrow), status: 200 };
    } catch (e) {
      response = failure(e, refId, deps.logger);
    }
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const ok = !response.error;
    deps.metrics.observeQuery(ok ? 'ok' : 'error', settings?.upstream ?? 'unknown', response.errorSource || 'none', seconds);
    if (!ok) {
      deps.logger.debug('query answered with an error', { refId, status: response.status, error: response.error });
    }
    responses[refId] = response;
  }
  return { responses };
}
