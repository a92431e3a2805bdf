/**
 * pluginv2.Resource/CallResource (server stream): one message with status, JSON content type and body
 * (Grafana takes status and headers from the first message, docs/protocol.md §3.2).
 */
import * as grpc from '@grpc/grpc-js';
import { registerHeaderSecrets } from '../settings/dataSourceSettings';
import { resourceErrorReply } from '../errors/errorReplies';
import { routeResource } from '../resources/routeResource';
import { errorMessage } from '../server/logger';
import type { CallResourceRequest, CallResourceResponse } from '../server/protoTypes';
import type { RpcDeps } from '../server/rpc';

const JSON_HEADERS = { 'Content-Type': { values: ['application/json'] } };

export function callResourceHandler(
  deps: RpcDeps
): grpc.handleServerStreamingCall<CallResourceRequest, CallResourceResponse> {
  return async (call) => {
    const req = call.request;
    // Prometheus/InfluxDB look-ups are upstream requests: stop them when Grafana cancels the call.
    const abort = new AbortController();
    call.on('cancelled', () => abort.abort());
    let response: CallResourceResponse;
    deps.onCall?.();
    deps.collector?.begin();
    try {
      registerHeaderSecrets(req.headers);
      const result = await routeResource(
        { method: req.method, path: req.path, url: req.url, body: req.body ?? Buffer.alloc(0) },
        req.pluginContext,
        { signal: abort.signal }
      );
      response = { code: result.code, headers: JSON_HEADERS, body: Buffer.from(JSON.stringify(result.body)) };
      deps.metrics.observeRpc('CallResource', 'OK');
    } catch (e) {
      deps.logger.error('CallResource failed', { path: req.path, error: errorMessage(e) });
      deps.metrics.observeRpc('CallResource', 'INTERNAL');
      const reply = resourceErrorReply(e);
      response = { code: reply.code, headers: JSON_HEADERS, body: Buffer.from(JSON.stringify(reply.body)) };
    }
    try {
      call.write(response);
      call.end();
    } catch (e) {
      deps.logger.warn('CallResource: client went away', { error: errorMessage(e) });
    } finally {
      deps.collector?.end();
    }
  };
}
