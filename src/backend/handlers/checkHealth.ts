/** pluginv2.Diagnostics/CheckHealth: OK/ERROR set explicitly (proto3's default 0 would read as UNKNOWN). */
import type * as grpc from '@grpc/grpc-js';
import { registerHeaderSecrets } from '../query/dataSourceSettings';
import { CheckHealthRequest, CheckHealthResponse, HealthStatus } from '../server/protoTypes';
import { RpcDeps, unary } from '../server/rpc';
import { checkUpstream } from '../upstreams/checkUpstream';

export function checkHealthHandler(deps: RpcDeps): grpc.handleUnaryCall<CheckHealthRequest, CheckHealthResponse> {
  return unary<CheckHealthRequest, CheckHealthResponse>('CheckHealth', deps, async (req) => {
    registerHeaderSecrets(req.headers);
    const result = await checkUpstream(req.pluginContext);
    return {
      status: result.ok ? HealthStatus.OK : HealthStatus.ERROR,
      message: result.message,
      jsonDetails: result.details ? Buffer.from(JSON.stringify(result.details)) : Buffer.alloc(0),
    };
  });
}
