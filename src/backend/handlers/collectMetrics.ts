/** pluginv2.Diagnostics/CollectMetrics: the Prometheus text of PluginMetrics. */
import type * as grpc from '@grpc/grpc-js';
import type { CollectMetricsRequest, CollectMetricsResponse } from '../server/protoTypes';
import { RpcDeps, unary } from '../server/rpc';

export function collectMetricsHandler(
  deps: RpcDeps
): grpc.handleUnaryCall<CollectMetricsRequest, CollectMetricsResponse> {
  // A scrape (every 15–60 s where Grafana's plugin metrics are collected) is no work: it must not keep the idle
  // collector from seeing the process as quiet, or the caches would never be trimmed.
  const scrape = { ...deps, collector: undefined };
  return unary<CollectMetricsRequest, CollectMetricsResponse>('CollectMetrics', scrape, () => ({
    metrics: { prometheus: Buffer.from(deps.metrics.render(), 'utf8') },
  }));
}
