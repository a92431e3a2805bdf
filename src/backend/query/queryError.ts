/**
 * A per-refId failure (style habit 8: errors are values at the edge). `status` is HTTP-like; `errorSource` tells
 * Grafana whose fault it is (facts doc §3.2, §4.6):
 *  - bad query input → 400, `downstream` (the user's query, not a plugin defect; Grafana's plugin SLOs count
 *    only `plugin` errors);
 *  - upstream failure → 502, `downstream`;
 *  - request cancelled by the caller → 499, `downstream`;
 *  - unexpected exception → 500, `plugin`.
 */
import type { ErrorSource } from '../server/protoTypes';

export class QueryError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly errorSource: ErrorSource
  ) {
    super(message);
    this.name = 'QueryError';
  }

  static badQuery(message: string): QueryError {
    return new QueryError(message, 400, 'downstream');
  }

  static upstream(message: string): QueryError {
    return new QueryError(message, 502, 'downstream');
  }

  /** The caller cancelled the request (nginx's 499 "client closed request", as the upstream clients use too). */
  static cancelled(message: string): QueryError {
    return new QueryError(message, 499, 'downstream');
  }
}
