/**
 * The one seeded generator of the code base: mulberry32 (a 32-bit state, one add and two multiply-xorshift
 * mixes per draw; public-domain design by Tommy Ettinger), uniform on [0, 1) with 2⁻³² resolution.
 *
 * Why the product carries one: `holtWinters` computes the prediction intervals of a multiplicative season by
 * simulating future paths, which has no closed form; a seeded generator makes the same query give the same band
 * every time (an alert must not flicker because a random draw changed). Tests and benchmarks use the same
 * generator for their seeded inputs, so there is one copy. Not for anything secret: it is predictable by design.
 */

/** Uniform draws on [0, 1) from `seed` (only its low 32 bits count); the same seed gives the same stream. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Standard normal draws from `seed`: Box–Muller's cosine branch on two uniforms of {@link seededRandom} per draw
 * (`1 − u` keeps the logarithm finite, since u can be 0 but never 1).
 */
export function seededNormal(seed: number): () => number {
  const uniform = seededRandom(seed);
  return () => Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform());
}
