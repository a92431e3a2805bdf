/**
 * Byte chunks kept for reuse, so an alert query's answer reuses the previous answer's memory instead of mapping new
 * (ByteArena explains why mappings cost): ByteArenas' chunks (`ByteArena.release`, zeroed on return) and the blocks
 * gRPC answers are framed in (`server/pooledResponseFraming.ts`, returned as they are).
 */
/** At most `maxChunks` are kept; the rest go to the garbage collector. */
export class ChunkPool {
  private readonly free: Uint8Array[] = [];

  constructor(private readonly maxChunks: number) {}

  /** A kept chunk of exactly `bytes`, if any (zeroed as far as its giver asked). */
  take(bytes: number): Uint8Array | undefined {
    const i = this.free.findIndex((c) => c.length === bytes);
    return i < 0 ? undefined : this.free.splice(i, 1)[0];
  }

  /** Keeps `chunk` if there is room, its first `used` bytes zeroed (0: kept as it is). */
  give(chunk: Uint8Array, used: number): void {
    if (this.free.length < this.maxChunks) {
      chunk.fill(0, 0, Math.min(used, chunk.length));
      this.free.push(chunk);
    }
  }

  /** Drops every kept chunk (the process fell quiet: give the memory back). */
  clear(): void {
    this.free.length = 0;
  }

  /** Chunks kept now. */
  get size(): number {
    return this.free.length;
  }
}
