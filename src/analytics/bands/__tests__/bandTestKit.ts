/** Shared checks for band tests: seeded series and the scale/offset equivariance property. */
import type { BandResult } from '../bandResult';
import { seededNormal as gaussian, seededRandom as rng } from '../../stats/seededRandom';

/** Seeded uniform and standard normal streams (the code base's one generator). */
export { gaussian, rng };

/** Seasonal series with noise: 10 + 0.001·t + 3·sin(2πt/period) + N(0, 0.5²). */
export function seasonalSeries(n: number, period: number, seed = 1): Float64Array {
  const g = gaussian(seed);
  return Float64Array.from(
    { length: n },
    (_, t) => 10 + 0.001 * t + 3 * Math.sin((2 * Math.PI * t) / period) + 0.5 * g()
  );
}

function close(a: number, b: number, scale: number): boolean {
  if (Number.isNaN(a) || Number.isNaN(b)) {
    return Number.isNaN(a) && Number.isNaN(b);
  }
  if (!Number.isFinite(a) || !Number.isFinite(b)) {
    return a === b;
  }
  return Math.abs(a - b) <= 1e-9 * Math.max(1, scale);
}

/** Asserts band(a·y + b) = a·band(y) + b and identical scores (a > 0). */
export function expectEquivariant(base: BandResult, moved: BandResult, a: number, b: number): void {
  const n = base.expected.length;
  let bad = -1;
  for (let t = 0; t < n && bad < 0; t++) {
    const scale = Math.abs(a * base.expected[t]) + Math.abs(b);
    const ok =
      close(moved.expected[t], a * base.expected[t] + b, scale) &&
      close(moved.lower[t], a * base.lower[t] + b, scale) &&
      close(moved.upper[t], a * base.upper[t] + b, scale) &&
      close(moved.score[t], base.score[t], Math.abs(base.score[t]) * 1e3);
    if (!ok) {
      bad = t;
    }
  }
  expect(bad).toBe(-1);
}
