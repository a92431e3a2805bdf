import { seededRandom as rng } from '../../../analytics/stats/seededRandom';
import { ByteArena } from '../../frames/ByteArena';
import { ChunkPool } from '../../frames/ChunkPool';
import { onFramesSent } from '../../frames/sentFrames';
import { services } from '../protocol';
import type { DataResponse, QueryDataResponse } from '../protoTypes';
import { serializeQueryDataResponse } from '../serializeQueryDataResponse';

/** The generic protobuf.js codec the server used before, and the client's decoder. */
const method = services.Data.service.QueryData;
const generic = (res: QueryDataResponse): Buffer => method.responseSerialize(res);

const TEXTS = ['', 'A', 'refId B', 'ünïcødé ✓ 𝔘', 'x'.repeat(200), 'y'.repeat(39) + '✓'];

function randomResponse(r: () => number): DataResponse & { jsonMeta?: Uint8Array; format?: number } {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
  const out: DataResponse & { jsonMeta?: Uint8Array; format?: number } = {};
  if (r() < 0.8) {
    out.frames = Array.from({ length: Math.floor(r() * 4) }, () => {
      const f = new Uint8Array(pick([0, 1, 127, 128, 300, 16_384, 70_000]));
      for (let i = 0; i < f.length; i += 97) {
        f[i] = Math.floor(r() * 256);
      }
      return f;
    });
  }
  if (r() < 0.5) {
    out.error = pick(TEXTS);
  }
  if (r() < 0.7) {
    out.status = pick([0, 200, 400, 422, 500, 127, 128, 2 ** 31 - 1, -1, -200, -(2 ** 31)]);
  }
  if (r() < 0.5) {
    out.errorSource = pick(['', 'plugin', 'downstream']);
  }
  if (r() < 0.2) {
    out.jsonMeta = Buffer.from(pick(TEXTS));
  }
  if (r() < 0.2) {
    out.format = pick([0, 1]);
  }
  return out;
}

describe('serializeQueryDataResponse', () => {
  it('writes the same bytes as the generic protobuf.js codec for random answers', () => {
    const r = rng(13);
    for (let c = 0; c < 300; c++) {
      const responses: Record<string, DataResponse> = {};
      const n = Math.floor(r() * 4);
      for (let i = 0; i < n; i++) {
        responses[TEXTS[Math.floor(r() * TEXTS.length)] + String(i)] = randomResponse(r);
      }
      const res = { responses };
      const expected = generic(res);
      const got = serializeQueryDataResponse(res);
      expect(Buffer.compare(got, expected)).toBe(0);
    }
  });

  it('writes an empty answer and an answer larger than the kept buffer like the generic codec', () => {
    expect(Buffer.compare(serializeQueryDataResponse({ responses: {} }), generic({ responses: {} }))).toBe(0);
    const big = { responses: { A: { frames: [new Uint8Array(1_500_000).fill(7)], status: 200 } } };
    expect(Buffer.compare(serializeQueryDataResponse(big), generic(big))).toBe(0);
  });

  it('gives the blocks of an encoded answer back for reuse, only after copying them', () => {
    const pool = new ChunkPool(4);
    const arena = new ByteArena(1024, pool);
    const frame = arena.take(300).fill(9);
    const response: DataResponse = { frames: [frame], status: 200 };
    onFramesSent(response, () => arena.release());
    const expected = generic({ responses: { A: response } });
    expect(pool.size).toBe(0);
    const got = serializeQueryDataResponse({ responses: { A: response } });
    expect(Buffer.compare(got, expected)).toBe(0);
    // Released and zeroed: the next arena cuts from the same chunk.
    expect(pool.size).toBe(1);
    expect(frame.every((x) => x === 0)).toBe(true);
    const next = new ByteArena(1024, pool);
    expect(next.take(8).buffer).toBe(frame.buffer);
  });

  it('writes a lone surrogate (broken upstream text in an error) as U+FFFD, valid UTF-8 as a proto3 string must be', () => {
    const bytes = serializeQueryDataResponse({ responses: { A: { error: 'cut \ud83d', status: 400 } } });
    const decoded = method.responseDeserialize(bytes) as QueryDataResponse;
    expect(decoded.responses.A.error).toBe('cut \ufffd');
    expect(bytes.includes(Buffer.from([0xef, 0xbf, 0xbd]))).toBe(true);
    // The generic codec writes the surrogate's own three bytes (ED A0 BD), which is not UTF-8.
    expect(generic({ responses: { A: { error: 'cut \ud83d', status: 400 } } }).includes(Buffer.from([0xed]))).toBe(
      true
    );
  });

  it('rejects an answer whose response is not an object, as the generic codec does', () => {
    const bad = { responses: { A: 3 as unknown as DataResponse } };
    expect(() => generic(bad)).toThrow();
    expect(() => serializeQueryDataResponse(bad)).toThrow(TypeError);
  });
});
