/**
 * Frames the server's gRPC answers into reused blocks instead of a fresh buffer per answer.
 *
 * gRPC sends each message as a 5-byte prefix (a compression flag, then the length as a big-endian uint32) followed by
 * the message. grpc-js builds that frame in a new buffer for every answer and hands it to the HTTP/2 stream. In the
 * executable every allocation of 4 KiB or more is a memory mapping of its own (docs/reliability.md, "Memory"), so an
 * alert query's ~90 KiB answer cost a mapping, ~23 freshly zeroed pages and, once collected, an unmapping that
 * interrupts the other core to flush its address cache. On the alert-style load run that one buffer halved the
 * throughput (BENCHMARKS.md, "Load and soak": 620 → 1,300 queries/s without it).
 *
 * The frame is now written into a block kept in a pool, by size class (powers of two from 64 KiB to 1 MiB; larger
 * answers get a buffer of their own, as before). A block goes back to the pool only when the HTTP/2 stream reports
 * the write complete: Node calls a write's callback once the bytes have been handed to the socket, so nothing still
 * reads the block. A write that fails, or a call cancelled before its answer was written, never returns its block
 * (the garbage collector takes it), so a block is never reused while it might still be sent.
 *
 * grpc-js offers no hook for the frame's buffer, so this wraps two methods of its server call class
 * (`serializeMessage`, which frames, and `sendMessage`, which calls it and then writes). The package is pinned to
 * an exact version; `pooledResponseFraming.test.ts` fails if those methods change shape, and the installer leaves
 * grpc-js alone (and says so) when they are missing.
 */
import { BaseServerInterceptingCall } from '@grpc/grpc-js/build/src/server-interceptors';
import { ChunkPool } from '../frames/ChunkPool';

const MIN_BLOCK_BYTES = 64 * 1024;
const MAX_BLOCK_BYTES = 1024 * 1024;
/** Free blocks kept: about as many as answers in flight under an alerting load (concurrency 4–8). */
const KEPT_BLOCKS = 8;

/** The size class of a frame of `bytes` (the next power of two, at least 64 KiB), or undefined above 1 MiB. */
export function frameBlockBytes(bytes: number): number | undefined {
  if (bytes > MAX_BLOCK_BYTES) {
    return undefined;
  }
  return Math.max(MIN_BLOCK_BYTES, 2 ** Math.ceil(Math.log2(Math.max(1, bytes))));
}

/** The parts of grpc-js's server call this relies on. */
interface FramingCall {
  handler: { serialize(value: unknown): Buffer };
  serializeMessage(value: unknown): Buffer;
  sendMessage(message: unknown, callback: () => void): void;
}

const INSTALLED = Symbol('pooledResponseFraming');

export interface PooledFraming {
  /** Frames served from a kept block / in a new block of a pooled size / in a buffer of their own (over 1 MiB). */
  stats(): { reused: number; fresh: number; unpooled: number; kept: number };
  /** Drops the kept blocks (the idle collector calls this before collecting). */
  clear(): void;
}

/**
 * Wraps `callPrototype`'s framing (grpc-js's `BaseServerInterceptingCall.prototype` unless given) so answers are
 * framed in pooled blocks. Idempotent per prototype: later calls return the first installation. Returns undefined,
 * changing nothing, when the prototype lacks the two methods.
 */
export function installPooledResponseFraming(
  callPrototype: object = BaseServerInterceptingCall.prototype
): PooledFraming | undefined {
  const proto = callPrototype as Partial<FramingCall> & { [INSTALLED]?: PooledFraming };
  if (proto[INSTALLED] !== undefined) {
    return proto[INSTALLED];
  }
  const originalSend = proto.sendMessage;
  if (typeof proto.serializeMessage !== 'function' || typeof originalSend !== 'function') {
    return undefined;
  }
  const pool = new ChunkPool(KEPT_BLOCKS);
  const counts = { reused: 0, fresh: 0, unpooled: 0 };
  /** Set by sendMessage around its synchronous call of serializeMessage: where the frame's block is reported. */
  let onBlock: ((block: Uint8Array) => void) | undefined;

  proto.serializeMessage = function (this: FramingCall, value: unknown): Buffer {
    const body = this.handler.serialize(value);
    const size = body.byteLength + 5;
    const blockBytes = frameBlockBytes(size);
    let frame: Buffer;
    if (blockBytes === undefined || onBlock === undefined) {
      frame = Buffer.allocUnsafe(size);
      counts.unpooled++;
    } else {
      const kept = pool.take(blockBytes);
      const block = kept ?? new Uint8Array(Buffer.allocUnsafeSlow(blockBytes).buffer, 0, blockBytes);
      counts[kept ? 'reused' : 'fresh']++;
      onBlock(block);
      frame = Buffer.from(block.buffer, block.byteOffset, size);
    }
    frame[0] = 0;
    frame.writeUInt32BE(body.byteLength, 1);
    body.copy(frame, 5);
    return frame;
  };

  proto.sendMessage = function (this: FramingCall, message: unknown, callback: () => void): void {
    let block: Uint8Array | undefined;
    const outer = onBlock;
    onBlock = (b) => {
      block = b;
    };
    try {
      // grpc-js calls back only after a successful write; on a failed write or a cancelled call it does not, and
      // the block is left to the garbage collector.
      originalSend.call(this, message, () => {
        if (block !== undefined) {
          pool.give(block, 0);
          block = undefined;
        }
        callback();
      });
    } finally {
      onBlock = outer;
    }
  };

  const framing: PooledFraming = {
    stats: () => ({ ...counts, kept: pool.size }),
    clear: () => pool.clear(),
  };
  proto[INSTALLED] = framing;
  return framing;
}
