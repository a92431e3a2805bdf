/**
 * The error every upstream client throws: a message fit for the user, the HTTP status to report on the
 * `DataResponse`, and the error source Grafana uses to tell plugin bugs from upstream problems
 * (`errorSource: 'downstream'` = the upstream or the user's query is at fault, see grafana-backend-protocol.md).
 * Our own class.
 */

export type UpstreamErrorKind =
  | 'unreachable' // connection refused, DNS, TLS handshake
  | 'timeout' // no complete answer within the configured timeout
  | 'cancelled' // the caller aborted (Grafana cancelled the request)
  | 'http' // non-2xx answer without a structured error body
  | 'auth' // 401 / 403
  | 'query' // the upstream rejected the query (syntax, execution)
  | 'limit' // over the response-bytes, series or points limit
  | 'malformed' // the answer is not the JSON we expect
  | 'config'; // the data source settings are unusable

export interface UpstreamErrorInit {
  kind: UpstreamErrorKind;
  /** HTTP status to report (the upstream's own when it answered, else 502/504/499/422/400). */
  status: number;
  errorSource?: 'downstream' | 'plugin';
  /** Upstream's own error type (Prometheus `errorType`), when it sent one. */
  upstreamErrorType?: string;
}

export class UpstreamError extends Error {
  readonly kind: UpstreamErrorKind;
  readonly status: number;
  readonly errorSource: 'downstream' | 'plugin';
  readonly upstreamErrorType?: string;

  constructor(message: string, init: UpstreamErrorInit) {
    super(message);
    this.name = 'UpstreamError';
    this.kind = init.kind;
    this.status = init.status;
    this.errorSource = init.errorSource ?? 'downstream';
    this.upstreamErrorType = init.upstreamErrorType;
  }
}

export function isUpstreamError(e: unknown): e is UpstreamError {
  return e instanceof UpstreamError;
}
