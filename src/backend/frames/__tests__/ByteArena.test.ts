import { ByteArena } from '../ByteArena';

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
});
