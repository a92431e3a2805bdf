/**
 * Builds and starts the plugin's gRPC server on host:port (port 0 → any free port). Shared by main.ts and the
 * in-process tests. Registers pluginv2 Data/Diagnostics/Resource, plugin.GRPCController and grpc.health.v1.Health.
 */
import * as grpc from '@grpc/grpc-js';
import { callResourceHandler } from '../handlers/callResource';
import { checkHealthHandler } from '../handlers/checkHealth';
import { collectMetricsHandler } from '../handlers/collectMetrics';
import { queryDataHandler } from '../handlers/queryData';
import { processInstances } from '../pipeline/DataSourceInstances';
import { HealthState, healthImplementation } from './healthService';
import { IdleCollector } from './IdleCollector';
import { createLogger, Logger } from './logger';
import { PluginMetrics } from './metrics';
import { installPooledResponseFraming } from './pooledResponseFraming';
import { MAX_RECEIVE_MESSAGE_BYTES, services } from './protocol';
import { serializeQueryDataResponse } from './serializeQueryDataResponse';

export interface BackendServerOptions {
  /** Default 127.0.0.1: never all interfaces (docs/protocol.md §2.1). */
  host?: string;
  /** Default 0 (any free port). */
  port?: number;
  logger?: Logger;
  metrics?: PluginMetrics;
  /**
   * Gives memory back when the process falls quiet; default one using V8's exposed `gc` (none in process) that
   * first trims the upstream cache and the instances' model caches (DataSourceInstances.releaseIdle).
   */
  collector?: IdleCollector;
  /** Called after GRPCController/Shutdown has stopped the server (main.ts exits the process there). */
  onShutdown?: () => void;
}

export interface BackendServer {
  server: grpc.Server;
  host: string;
  port: number;
  metrics: PluginMetrics;
  /** Aborted when the first call arrives (the start-up warm-up stops there: warmUpQueryPath.ts). */
  firstCall: AbortSignal;
  /** Stops accepting calls, finishes running ones (forcing after `graceMs`), resolves when closed. */
  stop(graceMs?: number): Promise<void>;
}

export async function createBackendServer(options: BackendServerOptions = {}): Promise<BackendServer> {
  const host = options.host ?? '127.0.0.1';
  const logger = options.logger ?? createLogger();
  const metrics = options.metrics ?? new PluginMetrics();
  // Answers are framed in reused blocks (pooledResponseFraming.ts); without it grpc-js frames each in a new buffer.
  // The blocks are shared by every server of the process; the default collector drops the free ones when quiet.
  const framing = installPooledResponseFraming();
  if (framing === undefined) {
    logger.warn('grpc-js changed: answers are framed in a new buffer each (slower under load)');
  }
  const collector =
    options.collector ??
    new IdleCollector({
      release: (quietForMs) => {
        processInstances.releaseIdle(quietForMs);
        framing?.clear();
      },
    });
  const firstCall = new AbortController();
  const deps = { logger, metrics, collector, onCall: () => firstCall.abort() };
  const health = new HealthState();

  const server = new grpc.Server({
    'grpc.max_receive_message_length': MAX_RECEIVE_MESSAGE_BYTES,
    'grpc.max_send_message_length': -1,
  });

  let stopping: Promise<void> | undefined;
  const stop = (graceMs = 1000): Promise<void> => {
    if (!stopping) {
      health.shutdown();
      collector.cancel();
      stopping = new Promise<void>((resolve) => {
        const force = setTimeout(() => {
          server.forceShutdown();
          resolve();
        }, graceMs);
        force.unref();
        server.tryShutdown(() => {
          clearTimeout(force);
          resolve();
        });
      });
    }
    return stopping;
  };

  // QueryData's answer is encoded by our own writer into a reused buffer (serializeQueryDataResponse.ts).
  const data = services.Data.service;
  server.addService(
    { ...data, QueryData: { ...data.QueryData, responseSerialize: serializeQueryDataResponse } },
    { QueryData: queryDataHandler(deps) }
  );
  server.addService(services.Diagnostics.service, {
    CheckHealth: checkHealthHandler(deps),
    CollectMetrics: collectMetricsHandler(deps),
  });
  server.addService(services.Resource.service, { CallResource: callResourceHandler(deps) });
  server.addService(services.Health.service, healthImplementation(health));
  server.addService(services.GRPCController.service, {
    // go-plugin's Kill() calls this, then waits 2 s before SIGKILL (docs/protocol.md §1.7): answer first, then stop.
    Shutdown: (_call: grpc.ServerUnaryCall<unknown, unknown>, callback: grpc.sendUnaryData<unknown>) => {
      logger.info('shutdown requested by the host');
      callback(null, {});
      setImmediate(() => {
        void stop(1000).then(() => options.onShutdown?.());
      });
    },
  });

  const port = await new Promise<number>((resolve, reject) => {
    server.bindAsync(`${host}:${options.port ?? 0}`, grpc.ServerCredentials.createInsecure(), (err, boundPort) =>
      err ? reject(err) : resolve(boundPort)
    );
  });
  return { server, host, port, metrics, firstCall: firstCall.signal, stop };
}
