import { seededRandom } from '../../stats/seededRandom';

/** n series × length points around a shared sine, with seeded noise. Neutral defaults for tests. */
export function makeGroup(n: number, length: number, seed = 1, noise = 0.5): Float64Array[] {
  const rand = seededRandom(seed);
  return Array.from({ length: n }, () =>
    Float64Array.from(
      { length },
      (_, t) => 10 + 3 * Math.sin((2 * Math.PI * t) / 24) + noise * (rand() + rand() + rand() - 1.5)
    )
  );
}
