/**
 * Answers a QueryDataRequest: one DataResponse per refId, always (facts doc §8.6). A failing query yields its own
 * error/status/errorSource and leaves the others untouched (style habit 8). Our own code.
 */
import { frameToArrow } from '../frames/frameToArrow';
import { errorMessage, Logger } from '../server/logger';
import type { PluginMetrics } from '../server/metrics';
import type { DataQuery, DataResponse, ErrorSource, PluginContext, QueryDataResponse } from '../server/protoTypes';
import { redactor } from '../server/redact';
import { LensSettings, readSettings } from './dataSourceSettings';
import { parseQueryJson } from './parseQuery';
import { QueryError } from './queryError';
import { runQuery } from './runQuery';

export interface QueryDeps {
  logger: Logger;
  metrics: PluginMetrics;
  /** Runs one validated query; default `runQuery` (a seam for tests and for future upstreams). */
  run?: typeof runQuery;
}

/**
 * An error that already says how to report itself: QueryError, or any error carrying an HTTP-like `status` and an
 * `errorSource` (the upstream clients' UpstreamError has this shape; duck-typed to keep this module independent).
 */
function reportable(err: unknown): { message: string; status: number; errorSource: ErrorSource } | undefined {
  if (err instanceof QueryError) {
    return err;
  }
  if (err instanceof Error) {
    const { status, errorSource } = err as Error & { status?: unknown; errorSource?: unknown };
    if (
      typeof status === 'number' &&
      status >= 400 &&
      status < 600 &&
      (errorSource === 'plugin' || errorSource === 'downstream')
    ) {
      return { message: err.message, status, errorSource };
    }
  }
  return undefined;
}

function failure(err: unknown, refId: string, logger: Logger): DataResponse {
  const known = reportable(err);
  if (known) {
    return {
      frames: [],
      error: redactor.redactString(known.message),
      status: known.status,
      errorSource: known.errorSource,
    };
  }
  // Unexpected: a defect on our side. Log the detail, show a short message.
  logger.error('query failed unexpectedly', {
    refId,
    error: errorMessage(err),
    stack: err instanceof Error ? err.stack : undefined,
  });
  return {
    frames: [],
    error: `query ${refId}: internal error: ${errorMessage(err)}`,
    status: 500,
    errorSource: 'plugin',
  };
}

/** Runs the queries concurrently; each settles into its own DataResponse, so one failure cannot reach another. */
export async function executeQueries(
  ctx: PluginContext | null | undefined,
  queries: DataQuery[],
  deps: QueryDeps
): Promise<QueryDataResponse> {
  let settings: LensSettings | undefined;
  let settingsError: unknown;
  try {
    settings = readSettings(ctx);
  } catch (e) {
    settingsError = e;
  }

  const answerOne = async (q: DataQuery, refId: string): Promise<DataResponse> => {
    const started = process.hrtime.bigint();
    let response: DataResponse;
    try {
      if (!settings) {
        throw settingsError;
      }
      const parsed = parseQueryJson(refId, q.json ?? Buffer.alloc(0));
      const frames = await (deps.run ?? runQuery)(settings, parsed, {
        fromMs: q.timeRange?.fromEpochMS ?? 0,
        toMs: q.timeRange?.toEpochMS ?? 0,
        intervalMs: q.intervalMS ?? 0,
        maxDataPoints: q.maxDataPoints ?? 0,
      });
      response = { frames: frames.map(frameToArrow), status: 200 };
    } catch (e) {
      response = failure(e, refId, deps.logger);
    }
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const ok = !response.error;
    deps.metrics.observeQuery(
      ok ? 'ok' : 'error',
      settings?.upstream ?? 'unknown',
      response.errorSource || 'none',
      seconds
    );
    if (!ok) {
      deps.logger.debug('query answered with an error', { refId, status: response.status, error: response.error });
    }
    return response;
  };

  // Grafana keys responses by refId; an empty refId gets Grafana's default "A".
  const refIds = queries.map((q) => q.refId || 'A');
  const answers = await Promise.all(queries.map((q, i) => answerOne(q, refIds[i])));
  const responses: Record<string, DataResponse> = {};
  refIds.forEach((refId, i) => {
    responses[refId] = answers[i];
  });
  return { responses };
}
