import { ByteArena } from '../ByteArena';
import { ChunkPool } from '../ChunkPool';

describe('ByteArena', () => {
  it('hands out zero-filled, non-overlapping blocks that start on 8-byte boundaries', () => {
    const arena = new ByteArena(1024);
    const blocks = [13, 8, 200, 1, 64, 300, 5].map((n) => arena.take(n));
    blocks.forEach((b, i) => {
      expect(b.length).toBe([13, 8, 200, 1, 64, 300, 5][i]);
      expect(b.byteOffset % 8).toBe(0);
      expect(b.every((x) => x === 0)).toBe(true);
      b.fill(i + 1);
    });
    // Writing every block in full left every other block as written.
    blocks.forEach((b, i) => expect(b.every((x) => x === i + 1)).toBe(true));
  });

  it('cuts small blocks from shared chunks and gives a block over half a chunk an allocation of its own', () => {
    const arena = new ByteArena(1024);
    const a = arena.take(400);
    const b = arena.take(400);
    expect(b.buffer).toBe(a.buffer);
    // 800 of 1,024 bytes used: the next 400 start a new chunk.
    const c = arena.take(400);
    expect(c.buffer).not.toBe(a.buffer);
    const big = arena.take(600);
    expect(big.buffer).not.toBe(c.buffer);
    expect(big.byteLength).toBe(600);
    expect(big.buffer.byteLength).toBe(600);
    expect(arena.take(100).buffer).toBe(c.buffer);
  });

  it('gives its chunks to the pool on release, zeroed, and the next arena cuts from them', () => {
    const pool = new ChunkPool(2);
    const arena = new ByteArena(1000, pool);
    const a = arena.take(400).fill(1);
    arena.take(400).fill(2);
    const c = arena.take(400).fill(3);
    const own = arena.take(600);
    arena.release();
    // Two chunks kept (the block of its own is not a chunk), every byte handed out now zero.
    expect(pool.size).toBe(2);
    expect(new Uint8Array(a.buffer).every((x) => x === 0)).toBe(true);
    expect(new Uint8Array(c.buffer).every((x) => x === 0)).toBe(true);
    const next = new ByteArena(1000, pool);
    const reused = new Set([next.take(500).buffer, next.take(500).buffer]);
    expect(reused.has(a.buffer) && reused.has(c.buffer)).toBe(true);
    expect(reused.has(own.buffer)).toBe(false);
    expect(pool.size).toBe(0);
    // A third chunk is new.
    const third = next.take(500).buffer;
    expect(third === a.buffer || third === c.buffer).toBe(false);
  });

  it('keeps at most the pool size and leaves chunks alone without a pool', () => {
    const pool = new ChunkPool(1);
    const arena = new ByteArena(1000, pool);
    arena.take(500);
    arena.take(500);
    arena.release();
    expect(pool.size).toBe(1);
    const loose = new ByteArena(1024);
    const block = loose.take(10).fill(5);
    loose.release();
    expect(block.every((x) => x === 5)).toBe(true);
  });
});
