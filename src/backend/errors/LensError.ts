/**
 * The one error the backend throws on purpose: a message that names the fix, the HTTP-like status Grafana shows,
 * and whose fault it is (`errorSource`, as Grafana's plugin SDK reports it: `plugin` counts against the plugin's
 * own reliability, `downstream` is the user's query, the settings or the upstream). errorReplies.ts turns it into
 * the reply of each RPC; anything else that reaches those replies is an unexpected defect (500, `plugin`).
 *
 * Usual statuses:
 *  - bad query input or unusable setting → 400, `downstream`;
 *  - over a limit of the data source (series, points, labels) → 422, `downstream`;
 *  - upstream failure → the upstream's own status when it answered, else 502/504, `downstream`;
 *  - request cancelled by the caller → 499 (nginx's "client closed request", as the upstream clients use too).
 */
import type { ErrorSource } from '../server/protoTypes';

export type LensErrorKind =
  | 'input' // the query or a request parameter cannot be used as given
  | 'setting' // a data source setting (jsonData) cannot be used
  | 'request' // a resource call's path, method or body is not one we serve
  | 'cancelled' // the caller aborted (Grafana cancelled the request)
  | 'limit' // over the response-bytes, series, points or label limits
  | 'unreachable' // connection refused, DNS, TLS handshake
  | 'timeout' // no complete answer within the configured timeout
  | 'http' // non-2xx answer without a structured error body
  | 'auth' // 401 / 403
  | 'query' // the upstream rejected the query (syntax, execution)
  | 'malformed' // the answer is not the JSON we expect
  | 'config'; // the upstream's connection settings are unusable

export interface LensErrorInit {
  kind: LensErrorKind;
  /** HTTP-like status to report. */
  status: number;
  /** Default `downstream`: our own defects are not thrown as LensError but caught as anything else. */
  errorSource?: ErrorSource;
  /** Upstream's own error type (Prometheus `errorType`), when it sent one. */
  upstreamErrorType?: string;
  /** 0-based position in the query text the message points at, when there is one (demo selector syntax). */
  position?: number;
}

export class LensError extends Error {
  readonly kind: LensErrorKind;
  readonly status: number;
  readonly errorSource: ErrorSource;
  readonly upstreamErrorType?: string;
  readonly position?: number;

  constructor(message: string, init: LensErrorInit) {
    super(message);
    this.name = 'LensError';
    this.kind = init.kind;
    this.status = init.status;
    this.errorSource = init.errorSource ?? 'downstream';
    this.upstreamErrorType = init.upstreamErrorType;
    this.position = init.position;
  }

  /** Bad query input: 400, downstream. */
  static badQuery(message: string): LensError {
    return new LensError(message, { kind: 'input', status: 400 });
  }

  /** An unusable data source setting: 400, downstream. */
  static badSetting(message: string): LensError {
    return new LensError(message, { kind: 'setting', status: 400 });
  }

  /** A resource call we do not serve as asked (400 bad input, 404 unknown, 405 method, 413 body, 501 upstream). */
  static badRequest(status: number, message: string): LensError {
    return new LensError(message, { kind: 'request', status });
  }

  /** Over a limit of the data source: 422, downstream. */
  static overLimit(message: string): LensError {
    return new LensError(message, { kind: 'limit', status: 422 });
  }

  /** The upstream failed in a way no finer kind describes: 502, downstream. */
  static upstream(message: string): LensError {
    return new LensError(message, { kind: 'http', status: 502 });
  }

  /** The caller cancelled the request: 499. */
  static cancelled(message: string): LensError {
    return new LensError(message, { kind: 'cancelled', status: 499 });
  }

  /** The same error with `prefix` before its message (e.g. `query A: `), status, source and kind kept. */
  prefixed(prefix: string): LensError {
    return new LensError(prefix + this.message, this);
  }
}
