/** pluginv2.Diagnostics/CollectMetrics: the Prometheus text of PluginMetrics. */
import type * as grpc from '@grpc/grpc-js';
import type { CollectMetricsRequest, CollectMetricsResponse } from '../server/protoTypes';
import { RpcDeps, unary } from '../server/rpc';

export function collectMetricsHandler(
  deps: RpcDeps
): grpc.handleUnaryCall<CollectMetricsRequest, CollectMetricsResponse> {
  return unary<CollectMetricsRequest, CollectMetricsResponse>('CollectMetrics', deps, () => ({
    metrics: { prometheus: Buffer.from(deps.metrics.render(), 'utf8') },
  }));
}
