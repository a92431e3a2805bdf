import type { ChunkPool } from './ChunkPool';

/**
 * Hands out zero-filled byte blocks cut from larger chunks: the Arrow files of one query's frames share a few
 * allocations instead of one each. Why: in the executable every allocation of 4 KiB or more is a memory mapping of
 * its own (docs/reliability.md, "Memory"), and unmapping one interrupts the other core to flush its address cache;
 * with one allocation per frame that was a measurable share of an alert query's CPU.
 *
 * Blocks start on 8-byte boundaries of their chunk (a reader may view them as Float64Array). A block larger than
 * half a chunk gets an allocation of its own, so a chunk never wastes more than half its size. A chunk lives as
 * long as any block cut from it: meant for blocks that live and die together (the frames of one answer and the
 * analysis copies they are encoded from).
 *
 * `release()` hands the arena's chunks to its pool, zeroed, for the next arena to cut from: call it only once no
 * block cut from them is read again (the answer's bytes have been copied into the gRPC message). An arena that is
 * never released leaves its chunks to the garbage collector, as before.
 */
export class ByteArena {
  private chunk: Uint8Array | undefined;
  private used = 0;
  /** Full chunks and how many bytes of each were handed out (for zeroing on release). */
  private readonly filled: Array<{ chunk: Uint8Array; used: number }> = [];
  /** The frames' encoded time columns, by source array: they live as long as this arena's blocks. */
  readonly encodedTimes = new WeakMap<object, Uint8Array>();

  /**
   * @param chunkBytes size of each chunk (default 128 KiB)
   * @param pool chunks to reuse and to give back on `release` (default none: every chunk is new)
   */
  constructor(
    private readonly chunkBytes = 128 * 1024,
    private readonly pool?: ChunkPool
  ) {}

  /** A zero-filled block of `byteLength` bytes. */
  take(byteLength: number): Uint8Array {
    if (byteLength > this.chunkBytes / 2) {
      return new Uint8Array(byteLength);
    }
    if (this.chunk === undefined || this.used + byteLength > this.chunk.length) {
      if (this.chunk !== undefined) {
        this.filled.push({ chunk: this.chunk, used: this.used });
      }
      this.chunk = this.pool?.take(this.chunkBytes) ?? new Uint8Array(this.chunkBytes);
      this.used = 0;
    }
    const block = this.chunk.subarray(this.used, this.used + byteLength);
    this.used += (byteLength + 7) & ~7;
    return block;
  }

  /** A zero-filled block of `length` 8-byte numbers (blocks start on 8-byte boundaries). */
  takeFloat64(length: number): Float64Array {
    const block = this.take(8 * length);
    return new Float64Array(block.buffer, block.byteOffset, length);
  }

  /** Gives the chunks to the pool; every block handed out so far must be dead. The arena starts afresh. */
  release(): void {
    if (this.chunk !== undefined) {
      this.filled.push({ chunk: this.chunk, used: this.used });
    }
    for (const { chunk, used } of this.filled) {
      this.pool?.give(chunk, used);
    }
    this.filled.length = 0;
    this.chunk = undefined;
    this.used = 0;
  }
}
