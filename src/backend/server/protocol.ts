/**
 * Loads the plugin protocol from the generated JSON descriptor (src/backend/gen, made by scripts/gen-proto.mjs),
 * so nothing is read from disk at runtime (the backend runs as a bundled single executable from any cwd).
 *
 * Decoding choices (explicit, docs/protocol.md §3.4):
 *  - `longs: Number`: int64 fields (orgId, id, lastUpdatedMS, maxDataPoints, intervalMS, fromEpochMS, toEpochMS)
 *    arrive as JS numbers. All of them are epoch milliseconds, counts or database ids, far below 2^53.
 *  - `enums: Number`, `bytes: Buffer` (default), `defaults: true` (absent fields read as proto3 defaults),
 *    `keepCase: true` (field names as in the .proto: jsonData, lastUpdatedMS, …).
 */
import * as grpc from '@grpc/grpc-js';
import { fromJSON } from '@grpc/proto-loader';
import { PROTO_DESCRIPTOR } from '../gen/protoDescriptor';

// The generated literal is plain JSON; its inferred type is narrower than protobufjs' INamespace.
const packageDefinition = fromJSON(PROTO_DESCRIPTOR as unknown as Parameters<typeof fromJSON>[0], {
  keepCase: true,
  longs: Number,
  enums: Number,
  defaults: true,
  oneofs: true,
});

type ServiceCtor = grpc.ServiceClientConstructor;
const loaded = grpc.loadPackageDefinition(packageDefinition) as unknown as {
  pluginv2: { Data: ServiceCtor; Diagnostics: ServiceCtor; Resource: ServiceCtor };
  plugin: { GRPCController: ServiceCtor };
  grpc: { health: { v1: { Health: ServiceCtor } } };
};

/** Service definitions for `server.addService` and client constructors for tests. */
export const services = {
  Data: loaded.pluginv2.Data,
  Diagnostics: loaded.pluginv2.Diagnostics,
  Resource: loaded.pluginv2.Resource,
  GRPCController: loaded.plugin.GRPCController,
  Health: loaded.grpc.health.v1.Health,
};

/** Receive limit: 16 MiB like the Go SDK's defaultServerMaxReceiveMessageSize (docs/protocol.md §2.4). */
export const MAX_RECEIVE_MESSAGE_BYTES = 16 * 1024 * 1024;
