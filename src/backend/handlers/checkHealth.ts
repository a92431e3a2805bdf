/** pluginv2.Diagnostics/CheckHealth: OK/ERROR set explicitly (proto3's default 0 would read as UNKNOWN). */
import type * as grpc from '@grpc/grpc-js';
import { registerHeaderSecrets } from '../settings/dataSourceSettings';
import { CheckHealthRequest, CheckHealthResponse, HealthStatus } from '../server/protoTypes';
import { redactor } from '../server/redact';
import { RpcDeps, unary } from '../server/rpc';
import { MAX_ERROR_CHARS } from '../errors/cutText';
import { checkUpstream } from '../query/checkUpstream';

export function checkHealthHandler(deps: RpcDeps): grpc.handleUnaryCall<CheckHealthRequest, CheckHealthResponse> {
  return unary<CheckHealthRequest, CheckHealthResponse>('CheckHealth', deps, async (req) => {
    registerHeaderSecrets(req.headers);
    const result = await checkUpstream(req.pluginContext);
    return {
      status: result.ok ? HealthStatus.OK : HealthStatus.ERROR,
      // The upstream's own words can be in it: masked and cut like every error text.
      message: redactor.redactCut(result.message, MAX_ERROR_CHARS),
      jsonDetails: result.details ? Buffer.from(JSON.stringify(result.details)) : Buffer.alloc(0),
    };
  });
}
