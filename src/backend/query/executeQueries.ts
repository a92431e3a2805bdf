/**
 * Answers a QueryDataRequest: one DataResponse per refId, always (docs/protocol.md §3.2). A failing query yields its own
 * error/status/errorSource and leaves the others untouched. The request-wide limits
 * (queryLimits.ts) apply here: at most `maxQueriesPerRequest` queries run (the rest answer 400), at most
 * `maxConcurrentQueries` at once, and the encoded frames of the answer stay within `maxQueryResponseBytes`
 * (responseBudget.ts).
 */
import type { Frame } from '../frames/frame';
import { ByteArena } from '../frames/ByteArena';
import { ChunkPool } from '../frames/ChunkPool';
import { onFramesSent } from '../frames/sentFrames';
import { frameToArrowIn } from '../frames/frameToArrow';
import { inNanosecondTimeRange, NANOSECOND_TIME_RANGE_TEXT } from '../frames/nanosecondTimeRange';
import { queryErrorResponse } from '../errors/errorReplies';
import type { Logger } from '../server/logger';
import type { PluginMetrics } from '../server/metrics';
import type { DataQuery, DataResponse, PluginContext, QueryDataResponse } from '../server/protoTypes';
import { cutText, MAX_LATE_ERROR_CHARS, MAX_REPLY_ERROR_CHARS } from '../errors/cutText';
import { type DataSourceInstance, DataSourceInstances, processInstances } from '../pipeline/DataSourceInstances';
import { limitsOf } from '../settings/dataSourceSettings';
import { ConcurrencyLimit } from '../pipeline/concurrencyLimit';
import { mapConcurrent } from './mapConcurrent';
import { parseQueryJson } from './parseQuery';
import { LensError } from '../errors/LensError';
import { DEFAULT_QUERY_LIMITS, QueryLimits } from '../settings/queryLimits';
import { ResponseBudget } from './responseBudget';
import type { QueryRunner } from './QueryRunner';
import { runByQueryType } from './runByQueryType';

export interface QueryDeps {
  logger: Logger;
  metrics: PluginMetrics;
  /** Runs one validated query; default `runByQueryType`, by query type (a seam for tests and future upstreams). */
  run?: QueryRunner;
  /** The data source instances; default the process's (tests pass their own). */
  instances?: DataSourceInstances;
}

/** Encodes one frame; a time outside what the frame can hold is this query's 400, not a defect. */
function encodeFrame(refId: string, frame: Frame, arena: ByteArena): Uint8Array {
  try {
    return frameToArrowIn(frame, (byteLength) => arena.take(byteLength), arena.encodedTimes);
  } catch (e) {
    if (e instanceof LensError) {
      throw e.prefixed(`query ${refId}: `);
    }
    throw e;
  }
}

/**
 * Arena chunks given back once an answer is encoded for gRPC (serializeQueryDataResponse): the next queries cut
 * their frames from them instead of new mappings. Eight 128 KiB chunks: a few alert answers in flight.
 */
const sentChunks = new ChunkPool(8);

/** The query's range must lie where frames can hold time, checked before anything is fetched or built. */
function checkTimeRange(refId: string, window: { fromMs: number; toMs: number }): void {
  for (const [what, ms] of [
    ['starts', window.fromMs],
    ['ends', window.toMs],
  ] as const) {
    if (!inNanosecondTimeRange(ms)) {
      throw LensError.badQuery(
        `query ${refId}: the time range ${what} at ${ms} ms, outside the time range a frame can hold ` +
          `(${NANOSECOND_TIME_RANGE_TEXT}, nanosecond timestamps); choose a time range within it`
      );
    }
  }
}

/** A query past `maxQueriesPerRequest`: answered without running. */
function tooManyQueries(refId: string, count: number, max: number): DataResponse {
  return {
    frames: [],
    error:
      `query ${refId}: not run: this request holds ${count} queries, over the limit of ${max} per request ` +
      `(data source setting maxQueriesPerRequest); the first ${max} ran. Spread the queries over more panels, ` +
      `or raise maxQueriesPerRequest`,
    status: 400,
    errorSource: 'downstream',
  };
}

/**
 * Runs the queries, at most `maxConcurrentQueries` at once; each settles into its own DataResponse, so one failure
 * cannot reach another.
 */
export async function executeQueries(
  ctx: PluginContext | null | undefined,
  queries: DataQuery[],
  deps: QueryDeps,
  options: { signal?: AbortSignal } = {}
): Promise<QueryDataResponse> {
  let settings: DataSourceInstance | undefined;
  let settingsError: unknown;
  try {
    settings = (deps.instances ?? processInstances).get(ctx);
  } catch (e) {
    settingsError = e;
  }
  // Unusable settings fail every query below; the request-wide limits then keep their defaults.
  const limits: QueryLimits = settings ? limitsOf(settings) : DEFAULT_QUERY_LIMITS;
  // Queries run at most N at once (mapConcurrent below); a query may fetch several series, so its upstream
  // requests share N slots too.
  const signal = options.signal;
  const fetchDeps = { upstreamSlots: new ConcurrencyLimit(limits.maxConcurrentQueries), signal };

  // Grafana keys responses by refId; an empty refId is answered under "", where the caller will look for it.
  const refIds = queries.map((q) => q.refId ?? '');
  const runCount = Math.min(queries.length, limits.maxQueriesPerRequest);
  const budget = new ResponseBudget(refIds.slice(0, runCount), {
    limitBytes: limits.maxQueryResponseBytes,
    setting: limits.maxQueryResponseBytesSetting,
  });

  /** Runs query `i` and settles it in the budget, encoding its frames only while they can still fit. */
  const answerOne = async (q: DataQuery, i: number): Promise<number> => {
    const refId = refIds[i];
    const started = process.hrtime.bigint();
    let response: DataResponse;
    try {
      if (!settings) {
        throw settingsError;
      }
      if (signal?.aborted) {
        throw LensError.cancelled(`query ${refId}: not run: the request was cancelled`);
      }
      const parsed = parseQueryJson(refId, q.json ?? Buffer.alloc(0), q.queryType ?? '');
      const window = {
        fromMs: q.timeRange?.fromEpochMS ?? 0,
        toMs: q.timeRange?.toEpochMS ?? 0,
        intervalMs: q.intervalMS ?? 0,
        maxDataPoints: q.maxDataPoints ?? 0,
      };
      checkTimeRange(refId, window);
      // The query's frames (and the analysis' visible copies they are encoded from) are sent, and freed, together:
      // they share a few chunks instead of an allocation each, reused by later queries once the answer is encoded.
      const arena = new ByteArena(undefined, sentChunks);
      const frames = await (deps.run ?? runByQueryType)(settings, parsed, window, { ...fetchDeps, arena });
      const encoded: Uint8Array[] = [];
      let bytes = 0;
      for (const frame of frames) {
        const arrow = encodeFrame(refId, frame, arena);
        bytes += arrow.byteLength;
        if (bytes > budget.ceiling()) {
          // It can no longer fit whatever the queries before it take: stop encoding, drop what was built.
          budget.settleOversize(i, bytes);
          return Number(process.hrtime.bigint() - started) / 1e9;
        }
        encoded.push(arrow);
      }
      response = { frames: encoded, status: 200 };
      onFramesSent(response, () => arena.release());
    } catch (e) {
      response = queryErrorResponse(e, refId, deps.logger);
    }
    budget.settle(i, response);
    return Number(process.hrtime.bigint() - started) / 1e9;
  };

  const seconds = await mapConcurrent(queries.slice(0, runCount), limits.maxConcurrentQueries, answerOne);
  const answers = budget.results();
  for (let i = runCount; i < queries.length; i++) {
    answers.push(tooManyQueries(refIds[i], queries.length, limits.maxQueriesPerRequest));
    seconds.push(0);
  }
  if (runCount < queries.length) {
    deps.logger.warn('queries over maxQueriesPerRequest answered without running', {
      queries: queries.length,
      limit: limits.maxQueriesPerRequest,
    });
  }
  if (budget.refusedRefIds().length > 0) {
    deps.logger.warn('queries left out of the answer: over the response size limit', {
      refIds: budget.refusedRefIds().join(','),
      limitBytes: limits.maxQueryResponseBytes,
      setting: limits.maxQueryResponseBytesSetting,
    });
  }

  const responses: Record<string, DataResponse> = {};
  let errorChars = 0;
  refIds.forEach((refId, i) => {
    const response = answers[i];
    if (response.error) {
      // Each error is already cut; many of them together are bounded too (maxQueriesPerRequest may be raised).
      if (errorChars >= MAX_REPLY_ERROR_CHARS) {
        response.error = cutText(response.error, MAX_LATE_ERROR_CHARS);
      }
      errorChars += response.error.length;
    }
    responses[refId] = response;
    const ok = !response.error;
    deps.metrics.observeQuery(
      ok ? 'ok' : 'error',
      settings?.upstream ?? 'unknown',
      response.errorSource || 'none',
      seconds[i]
    );
    if (!ok) {
      deps.logger.debug('query answered with an error', { refId, status: response.status, error: response.error });
    }
  });
  return { responses };
}
