/**
 * Entry point of the data source backend process that Grafana launches (contract with scripts/build-backend.mjs:
 * keep this path). Checks the go-plugin handshake environment, starts the gRPC server on 127.0.0.1:<free port>,
 * prints the handshake line as the only stdout output, and exits after GRPCController/Shutdown.
 * Reads nothing from cwd or the environment beyond the handshake variables (host env may be empty, docs/protocol.md §1.4).
 */
import { type BackendServer, createBackendServer } from './server/createBackendServer';
import { checkHandshakeEnv, handshakeLine } from './server/handshake';
import { createLogger, errorMessage } from './server/logger';
import { installProcessGuards } from './server/processGuards';
import { reexecWithAllocatorEnv } from './server/reexecWithAllocatorEnv';
import { WARM_UP_DELAY_MS, warmUpQueryPath } from './server/warmUpQueryPath';

async function main(): Promise<void> {
  const check = checkHandshakeEnv(process.env);
  if (!check.ok) {
    process.stderr.write(`${check.message}\n`);
    process.exit(1);
  }
  // Before anything is written: restarts in place with an allocator setting that gives freed memory back.
  const allocator = reexecWithAllocatorEnv();
  const logger = createLogger();
  installProcessGuards({ logger });
  if (allocator.kind === 'set') {
    logger.debug('malloc mmap threshold', { MALLOC_MMAP_THRESHOLD_: allocator.value });
  } else {
    logger.warn('running with the default malloc settings: memory freed after large answers may stay resident', {
      reason: allocator.kind === 'failed' ? errorMessage(allocator.error) : 'process.execve is not available',
    });
  }

  let exiting = false;
  const exit = (code: number): void => {
    if (!exiting) {
      exiting = true;
      // Let stderr flush the last log line.
      setImmediate(() => process.exit(code));
    }
  };

  let backend: BackendServer;
  try {
    backend = await createBackendServer({
      logger,
      onShutdown: () => {
        logger.info('server stopped; exiting');
        exit(0);
      },
    });
    // The first and only stdout line (docs/protocol.md §2.1); nothing may precede it.
    process.stdout.write(handshakeLine(backend.host, backend.port));
    logger.info('Anomaly Lens backend listening', { address: `${backend.host}:${backend.port}`, pid: process.pid });
  } catch (e) {
    logger.error('could not start the gRPC server', { error: errorMessage(e) });
    exit(1);
    return;
  }
  // After the handshake: start-up work must not delay Grafana's 60 s start timeout. The warm-up runs the query
  // path once so that the first dashboard query does not pay for the cold process (warmUpQueryPath.ts).
  setTimeout(() => void warmUpQueryPath(logger, { signal: backend.firstCall }), WARM_UP_DELAY_MS);
}

void main();
