/**
 * Wraps handler functions into grpc-js handlers that never let an exception escape: an unexpected error becomes a
 * gRPC INTERNAL status with a redacted message, is logged, and is counted. Our own code.
 */
import * as grpc from '@grpc/grpc-js';
import { errorMessage, Logger } from './logger';
import type { PluginMetrics } from './metrics';

export interface RpcDeps {
  logger: Logger;
  metrics: PluginMetrics;
}

export function unary<Req, Res>(
  method: string,
  deps: RpcDeps,
  fn: (request: Req) => Res | Promise<Res>
): grpc.handleUnaryCall<Req, Res> {
  return (call, callback) => {
    Promise.resolve()
      .then(() => fn(call.request))
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
      );
  };
}
