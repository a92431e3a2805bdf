/**
 * Wraps handler functions into grpc-js handlers that never let an exception escape: an unexpected error becomes a
 * gRPC INTERNAL status with a redacted message, is logged, and is counted.
 */
import * as grpc from '@grpc/grpc-js';
import type { IdleCollector } from './IdleCollector';
import { errorMessage, Logger } from './logger';
import type { PluginMetrics } from './metrics';

export interface RpcDeps {
  logger: Logger;
  metrics: PluginMetrics;
  /** Told when each call starts and ends, to give memory back once the process is quiet. */
  collector?: IdleCollector;
  /** Told when each call starts (the start-up warm-up gives way to the first call: warmUpQueryPath.ts). */
  onCall?: () => void;
}

/**
 * @param fn gets the request and a signal that aborts when the caller cancels the call (Grafana cancels the
 *   request's context when the user leaves the dashboard or the query is superseded; grpc-js reports it as the
 *   call's `cancelled` event, a passed deadline included).
 */
export function unary<Req, Res>(
  method: string,
  deps: RpcDeps,
  fn: (request: Req, signal: AbortSignal) => Res | Promise<Res>
): grpc.handleUnaryCall<Req, Res> {
  return (call, callback) => {
    const cancelled = new AbortController();
    call.on('cancelled', () => cancelled.abort());
    deps.onCall?.();
    deps.collector?.begin();
    Promise.resolve()
      .then(() => fn(call.request, cancelled.signal))
      .then(
        (res) => {
          deps.metrics.observeRpc(method, 'OK');
          callback(null, res);
        },
        (err: unknown) => {
          deps.metrics.observeRpc(method, 'INTERNAL');
          deps.logger.error(`${method} failed`, { error: errorMessage(err) });
          callback({ code: grpc.status.INTERNAL, details: `${method}: ${errorMessage(err)}` }, null);
        }
      )
      .finally(() => deps.collector?.end());
  };
}
