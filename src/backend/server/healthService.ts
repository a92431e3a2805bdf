/**
 * grpc.health.v1.Health: services "plugin" (what go-plugin registers) and "" (whole server) are SERVING
 * (docs/protocol.md §2.2). Unknown names answer NOT_FOUND on Check, SERVICE_UNKNOWN on Watch, per the gRPC health protocol.
 */
import * as grpc from '@grpc/grpc-js';

export const ServingStatus = { UNKNOWN: 0, SERVING: 1, NOT_SERVING: 2, SERVICE_UNKNOWN: 3 } as const;

interface HealthCheckRequest {
  service: string;
}
interface HealthCheckResponse {
  status: number;
}

export class HealthState {
  private readonly statuses = new Map<string, number>([
    ['', ServingStatus.SERVING],
    ['plugin', ServingStatus.SERVING],
  ]);

  get(service: string): number | undefined {
    return this.statuses.get(service);
  }

  private readonly watchers = new Set<{
    service: string;
    call: grpc.ServerWritableStream<HealthCheckRequest, HealthCheckResponse>;
  }>();

  watch(service: string, call: grpc.ServerWritableStream<HealthCheckRequest, HealthCheckResponse>): void {
    const entry = { service, call };
    this.watchers.add(entry);
    call.on('cancelled', () => this.watchers.delete(entry));
  }

  /** Marks everything NOT_SERVING and ends open Watch streams, so a graceful server shutdown is not held up. */
  shutdown(): void {
    for (const k of this.statuses.keys()) {
      this.statuses.set(k, ServingStatus.NOT_SERVING);
    }
    for (const { service, call } of this.watchers) {
      try {
        call.write({ status: this.get(service) ?? ServingStatus.SERVICE_UNKNOWN });
        call.end();
      } catch {
        // The watcher went away already.
      }
    }
    this.watchers.clear();
  }
}

export function healthImplementation(state: HealthState): grpc.UntypedServiceImplementation {
  const check: grpc.handleUnaryCall<HealthCheckRequest, HealthCheckResponse> = (call, callback) => {
    const status = state.get(call.request.service ?? '');
    if (status === undefined) {
      callback({ code: grpc.status.NOT_FOUND, details: `unknown service "${call.request.service}"` }, null);
    } else {
      callback(null, { status });
    }
  };
  const watch: grpc.handleServerStreamingCall<HealthCheckRequest, HealthCheckResponse> = (call) => {
    // Statuses only change at shutdown, which ends the stream; send the current one and keep it open.
    const service = call.request.service ?? '';
    call.write({ status: state.get(service) ?? ServingStatus.SERVICE_UNKNOWN });
    state.watch(service, call);
  };
  return { Check: check, Watch: watch };
}
