/**
 * Hands out zero-filled byte blocks cut from larger chunks: the Arrow files of one query's frames share a few
 * allocations instead of one each. Why: in the executable every allocation of 4 KiB or more is a memory mapping of
 * its own (docs/reliability.md, "Memory"), and unmapping one interrupts the other core to flush its address cache;
 * with one allocation per frame that was a measurable share of an alert query's CPU.
 *
 * Blocks start on 8-byte boundaries of their chunk (a reader may view them as Float64Array). A block larger than
 * half a chunk gets an allocation of its own, so a chunk never wastes more than half its size. A chunk lives as
 * long as any block cut from it: meant for blocks that live and die together (the frames of one answer).
 */
export class ByteArena {
  private chunk: Uint8Array | undefined;
  private used = 0;

  /** @param chunkBytes size of each chunk (default 128 KiB) */
  constructor(private readonly chunkBytes = 128 * 1024) {}

  /** A zero-filled block of `byteLength` bytes. */
  take(byteLength: number): Uint8Array {
    if (byteLength > this.chunkBytes / 2) {
      return new Uint8Array(byteLength);
    }
    if (this.chunk === undefined || this.used + byteLength > this.chunk.length) {
      this.chunk = new Uint8Array(this.chunkBytes);
      this.used = 0;
    }
    const block = this.chunk.subarray(this.used, this.used + byteLength);
    this.used += (byteLength + 7) & ~7;
    return block;
  }
}
