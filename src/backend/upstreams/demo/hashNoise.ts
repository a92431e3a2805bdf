/**
 * Deterministic noise for the demo upstream: a pure function of (series key, timestamp), so any query range or
 * step sees the same value at the same instant. FNV-1a (32-bit) for the series key, then a
 * murmur3-style finaliser (fmix32) over the key and the two 32-bit halves of the timestamp.
 */

/** FNV-1a 32-bit hash of a string (offset basis 2166136261, prime 16777619). */
export function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** murmur3 fmix32 finaliser: spreads every input bit over the output. */
function fmix32(x: number): number {
  let h = x >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Uniform in [0, 1) from (seed, integer timestamp ms, stream). */
export function hashUniform(seed: number, timestampMs: number, stream = 0): number {
  const t = Math.floor(timestampMs);
  const lo = t % 0x100000000;
  const hi = Math.floor(t / 0x100000000);
  let h = fmix32(seed ^ Math.imul(stream + 1, 0x9e3779b9));
  h = fmix32(h ^ lo);
  h = fmix32(h ^ Math.imul(hi + 0x632be5ab, 0x27d4eb2f));
  return h / 0x100000000;
}

/** Standard normal from two hashed uniforms (Box–Muller). */
export function hashGaussian(seed: number, timestampMs: number): number {
  const u1 = Math.max(hashUniform(seed, timestampMs, 1), 1e-12);
  const u2 = hashUniform(seed, timestampMs, 2);
  return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
}
