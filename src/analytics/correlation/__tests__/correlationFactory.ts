import { seededRandom } from '../../stats/seededRandom';

/** A random walk of `n` steps plus a linear trend; seeded. */
export function randomWalk(n: number, seed: number, trend = 0): Float64Array {
  const rand = seededRandom(seed);
  const out = new Float64Array(n);
  let acc = 0;
  for (let i = 0; i < n; i++) {
    acc += rand() - 0.5;
    out[i] = acc + trend * i;
  }
  return out;
}

/** `src` delayed by `lag` steps (out[i] = src[i − lag]), edges filled with the nearest value. */
export function delayed(src: ArrayLike<number>, lag: number): Float64Array {
  const n = src.length;
  return Float64Array.from({ length: n }, (_, i) => src[Math.min(n - 1, Math.max(0, i - lag))]);
}
