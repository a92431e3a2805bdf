/**
 * Keeps the plugin process alive and well-behaved under Grafana (docs/protocol.md §1.7):
 * - SIGINT is ignored (go-plugin servers "eat the interrupts"; Grafana stops us via GRPCController/Shutdown);
 * - uncaught exceptions and unhandled rejections are logged, never fatal (a crash means a 1 s restart loop);
 * - optionally exits when the parent process changes (Grafana was SIGKILLed and we were orphaned);
 * - EPIPE on stdout/stderr (host gone) is swallowed.
 */
import { errorMessage, Logger } from './logger';

export interface GuardOptions {
  logger: Logger;
  /** Called when the parent pid changes; default: exit(0). */
  onOrphaned?: () => void;
  /** Poll interval for the parent check; 0 disables it. Default 2000 ms. */
  parentPollMs?: number;
}

export function installProcessGuards({ logger, onOrphaned, parentPollMs = 2000 }: GuardOptions): () => void {
  const onSigint = (): void =>
    logger.debug('ignoring SIGINT; Grafana stops the plugin through GRPCController/Shutdown');
  const onException = (err: unknown): void =>
    logger.error('uncaught exception (the plugin keeps running)', {
      error: errorMessage(err),
      stack: err instanceof Error ? err.stack : undefined,
    });
  const onRejection = (reason: unknown): void =>
    logger.error('unhandled promise rejection (the plugin keeps running)', { error: errorMessage(reason) });
  const onStreamError = (): void => undefined;

  process.on('SIGINT', onSigint);
  process.on('uncaughtException', onException);
  process.on('unhandledRejection', onRejection);
  process.stdout.on('error', onStreamError);
  process.stderr.on('error', onStreamError);

  let timer: NodeJS.Timeout | undefined;
  if (parentPollMs > 0) {
    const parent = process.ppid;
    timer = setInterval(() => {
      if (process.ppid !== parent) {
        logger.warn('parent process is gone; exiting', { parent, now: process.ppid });
        (onOrphaned ?? (() => process.exit(0)))();
      }
    }, parentPollMs);
    timer.unref();
  }

  return () => {
    process.off('SIGINT', onSigint);
    process.off('uncaughtException', onException);
    process.off('unhandledRejection', onRejection);
    process.stdout.off('error', onStreamError);
    process.stderr.off('error', onStreamError);
    if (timer) {
      clearInterval(timer);
    }
  };
}
