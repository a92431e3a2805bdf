/**
 * Frames the server's gRPC answers into reused blocks instead of a fresh buffer per answer.
 *
 * gRPC sends each message as a 5-byte prefix (a compression flag, then the length as a big-endian uint32) followed by
 * the message. grpc-js builds that frame in a new buffer for every answer and hands it to the HTTP/2 stream. In the
 * executable every allocation of 4 KiB or more is a memory mapping of its own (docs/reliability.md, "Memory"), so an
 * alert query's ~90 KiB answer cost a mapping, ~23 freshly zeroed pages and, once collected, an unmapping that
 * interrupts the other core to flush its address cache. On the alert-style load run that one buffer halved the
 * throughput (BENCHMARKS.md, "Pooled gRPC framing": about 600 → 1,400 queries/s without it).
 *
 * Frames of 4 KiB or more are now written into blocks kept per size class (powers of two from 4 KiB to 1 MiB, up to
 * 8 free blocks per class); smaller frames come from Node's shared small-buffer pool as before, larger ones get a
 * buffer of their own. A block goes back to its pool only when the write's callback runs **and the HTTP/2 stream is
 * still open**. Node calls a write's callback once the bytes have been handed to the socket, so on an open stream
 * nothing reads the block any more. But when a stream is destroyed (the client reset it, the session was torn down
 * by a forced shutdown or a keepalive timeout), Node completes its queued writes as if they had succeeded, while the
 * session's pending socket write may still point into the block; such a block, like that of a write that failed, is
 * left to the garbage collector and never reused.
 *
 * grpc-js offers no hook for the frame's buffer, so this wraps two methods of its server call class
 * (`serializeMessage`, which frames, and `sendMessage`, which calls it synchronously and then writes to `stream`).
 * The package is pinned to an exact version; `pooledResponseFraming.test.ts` checks those methods through a real
 * grpc-js server (bytes, reuse, a torn-down session), and the installer leaves grpc-js alone (and the server logs a
 * warning) when they are missing.
 */
import { BaseServerInterceptingCall } from '@grpc/grpc-js/build/src/server-interceptors';
import { ChunkPool } from '../frames/ChunkPool';

/** Below this a frame comes from Node's small-buffer pool and maps nothing (the executable's mmap threshold). */
const MIN_BLOCK_BYTES = 4 * 1024;
const MAX_BLOCK_BYTES = 1024 * 1024;
/** Free blocks kept per size class: about as many as answers in flight under an alerting load (concurrency 4–8). */
const KEPT_PER_CLASS = 8;

/**
 * The size class of a frame of `bytes`: the next power of two, or undefined when the frame is not pooled (under
 * 4 KiB or over 1 MiB).
 */
export function frameBlockBytes(bytes: number): number | undefined {
  if (bytes < MIN_BLOCK_BYTES || bytes > MAX_BLOCK_BYTES) {
    return undefined;
  }
  return 2 ** Math.ceil(Math.log2(bytes));
}

/** The parts of grpc-js's server call this relies on. */
interface FramingCall {
  handler: { serialize(value: unknown): Buffer };
  stream?: { destroyed?: boolean; closed?: boolean };
  serializeMessage(value: unknown): Buffer;
  sendMessage(message: unknown, callback: () => void): void;
}

const INSTALLED = Symbol('pooledResponseFraming');

export interface PooledFraming {
  /**
   * Frames written into a kept block / into a new block of a pooled size / in a buffer of their own (not pooled);
   * blocks left to the collector because their stream was gone when the write completed; free blocks kept now.
   */
  stats(): { reused: number; fresh: number; unpooled: number; abandoned: number; kept: number };
  /** Drops the kept blocks (the idle collector calls this before collecting). */
  clear(): void;
}

/**
 * Wraps `callPrototype`'s framing (grpc-js's `BaseServerInterceptingCall.prototype` unless given) so answers are
 * framed in pooled blocks. Idempotent per prototype: later calls return the first installation, whose pools are
 * shared by every server of the process. Returns undefined, changing nothing, when the prototype lacks the two
 * methods.
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
  const pools = new Map<number, ChunkPool>();
  const poolOf = (blockBytes: number): ChunkPool => {
    let pool = pools.get(blockBytes);
    if (pool === undefined) {
      pool = new ChunkPool(KEPT_PER_CLASS);
      pools.set(blockBytes, pool);
    }
    return pool;
  };
  const counts = { reused: 0, fresh: 0, unpooled: 0, abandoned: 0 };
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
      const kept = poolOf(blockBytes).take(blockBytes);
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
      // grpc-js calls back after the stream's write completed without an error; a failed write never calls back.
      originalSend.call(this, message, () => {
        if (block !== undefined) {
          const stream = this.stream;
          if (stream !== undefined && stream.destroyed === false && stream.closed === false) {
            poolOf(block.length).give(block, 0);
          } else {
            counts.abandoned++;
          }
          block = undefined;
        }
        callback();
      });
    } finally {
      onBlock = outer;
    }
  };

  const framing: PooledFraming = {
    stats: () => ({ ...counts, kept: [...pools.values()].reduce((sum, pool) => sum + pool.size, 0) }),
    clear: () => pools.forEach((pool) => pool.clear()),
  };
  proto[INSTALLED] = framing;
  return framing;
}
