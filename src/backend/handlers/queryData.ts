/** pluginv2.Data/QueryData: translates the request to executeQueries and back. */
import type * as grpc from '@grpc/grpc-js';
import { registerHeaderSecrets } from '../settings/dataSourceSettings';
import { executeQueries } from '../query/executeQueries';
import type { QueryDataRequest, QueryDataResponse } from '../server/protoTypes';
import { RpcDeps, unary } from '../server/rpc';

export function queryDataHandler(deps: RpcDeps): grpc.handleUnaryCall<QueryDataRequest, QueryDataResponse> {
  return unary<QueryDataRequest, QueryDataResponse>('QueryData', deps, (req, signal) => {
    registerHeaderSecrets(req.headers);
    // A cancelled call stops its upstream requests and the queries not yet started.
    return executeQueries(req.pluginContext, req.queries ?? [], deps, { signal });
  });
}
