import { initAugurs, readAugursWasm } from '../initAugurs';
import { etsForecast } from '../etsForecast';
import { seededRandom } from '../../../src/analytics/stats/seededRandom';

/** Seeded uniform noise on [−0.5, 0.5). */
function noise(seed: number): () => number {
  const u = seededRandom(seed);
  return () => u() - 0.5;
}

describe('etsForecast', () => {
  beforeAll(() => initAugurs(readAugursWasm()));
  const u = noise(5);

  it('continues a noisy line with intervals containing the point', () => {
    const line = Float64Array.from({ length: 200 }, (_, t) => 10 + 0.5 * t + u());
    const r = etsForecast(line, { horizon: 5, level: 0.9 });
    expect(r.point).toHaveLength(5);
    expect(r.level).toBe(0.9);
    expect(Math.abs(r.point[0] - 110)).toBeLessThan(1.5);
    for (let h = 0; h < 5; h++) {
      expect(r.lower[h]).toBeLessThan(r.point[h]);
      expect(r.upper[h]).toBeGreaterThan(r.point[h]);
    }
  });

  it('fills gaps before fitting and rejects too few values', () => {
    const line = Float64Array.from({ length: 100 }, (_, t) => (t % 10 === 4 ? NaN : 10 + 0.5 * t + u()));
    expect(etsForecast(line, { horizon: 2 }).point.every(Number.isFinite)).toBe(true);
    expect(() => etsForecast([1, NaN])).toThrow(/at least 3 finite/);
    expect(() => etsForecast([1, 2, 3], { level: 1 })).toThrow(/level/);
  });
});
