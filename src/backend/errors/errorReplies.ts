/**
 * The one place an error becomes a reply: a query's DataResponse, a resource call's status and JSON body, the
 * health check's ERROR. A `LensError` reports its own status and source; anything else is our defect, answered
 * as a 500 from the plugin with a short message (its detail goes to the log, never the stack to the user). Every
 * text is masked for registered secrets and cut to MAX_ERROR_CHARS before it leaves.
 */
import type { ResourceError, UpstreamResourceError } from '../../shared/resources';
import { errorMessage, type Logger } from '../server/logger';
import type { DataResponse } from '../server/protoTypes';
import { redactor } from '../server/redact';
import { MAX_ERROR_CHARS } from './cutText';
import { LensError, type LensErrorKind } from './LensError';

function masked(message: string): string {
  return redactor.redactCut(message, MAX_ERROR_CHARS);
}

/** A query's answer for an error: its own status and source, or 500/plugin (logged) when it is unexpected. */
export function queryErrorResponse(err: unknown, refId: string, logger: Logger): DataResponse {
  if (err instanceof LensError) {
    return { frames: [], error: masked(err.message), status: err.status, errorSource: err.errorSource };
  }
  logger.error('query failed unexpectedly', {
    refId,
    error: errorMessage(err),
    stack: err instanceof Error ? err.stack : undefined,
  });
  return {
    frames: [],
    error: masked(`query ${refId}: internal error: ${errorMessage(err)}`),
    status: 500,
    errorSource: 'plugin',
  };
}

export interface ResourceErrorReply {
  code: number;
  body: ResourceError | UpstreamResourceError;
}

/** Kinds about the call itself (path, parameters, settings): their body is `{error}` alone. */
const CALLER_KINDS: ReadonlySet<LensErrorKind> = new Set<LensErrorKind>(['request', 'input', 'setting']);

/**
 * A resource call's answer for an error. Failures that came from the upstream side also say whose fault they are
 * (`errorSource`, as in UpstreamResourceError); an unexpected error is a 500 `internal error`.
 */
export function resourceErrorReply(err: unknown): ResourceErrorReply {
  if (err instanceof LensError) {
    const error = masked(err.message);
    return { code: err.status, body: CALLER_KINDS.has(err.kind) ? { error } : { error, errorSource: err.errorSource } };
  }
  return { code: 500, body: { error: masked(`internal error: ${errorMessage(err)}`) } };
}

/** The health check's failure: the error's sentence, capitalised as Grafana shows it under "Save & test". */
export function healthErrorResult(err: unknown): { ok: false; message: string } {
  const message =
    err instanceof LensError ? err.message : `internal error: ${errorMessage(err)}; please report this bug`;
  return { ok: false, message: masked(message.charAt(0).toUpperCase() + message.slice(1)) };
}
