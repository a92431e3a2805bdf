import { holtWinters } from '../../../src/analytics/forecasting/holtWinters';
import { initAugurs, readAugursWasm } from '../initAugurs';
import { mstlEtsForecast } from '../mstlEtsForecast';
import { seededRandom } from '../../../src/analytics/stats/seededRandom';

/** Seeded uniform noise on [−0.5, 0.5). */
function noise(seed: number): () => number {
  const u = seededRandom(seed);
  return () => u() - 0.5;
}

describe('mstlEtsForecast', () => {
  beforeAll(() => initAugurs(readAugursWasm()));
  const u = noise(5);
  const daily = 24;
  const y = Float64Array.from(
    { length: 24 * 14 },
    (_, t) => 50 + 0.02 * t + 8 * Math.sin((2 * Math.PI * t) / daily) + u()
  );

  it('follows the daily season about as well as a fitted Holt-Winters', () => {
    const train = y.subarray(0, 24 * 12);
    const test = y.subarray(24 * 12);
    const r = mstlEtsForecast(train, { periods: [daily], horizon: 48 });
    const hw = holtWinters(train, { period: daily, horizon: 48 });
    let mae = 0;
    let maeHw = 0;
    for (let h = 0; h < 48; h++) {
      mae += Math.abs(r.point[h] - test[h]) / 48;
      maeHw += Math.abs(hw.forecast[h] - test[h]) / 48;
    }
    expect(mae).toBeLessThan(1);
    expect(maeHw).toBeLessThan(1);
    expect(r.fitted).toHaveLength(train.length);
    expect(r.upper[0]).toBeGreaterThan(r.lower[0]);
  });

  it('needs two cycles of the longest period and valid periods', () => {
    expect(() => mstlEtsForecast(y.subarray(0, 30), { periods: [24] })).toThrow(/two cycles/);
    expect(() => mstlEtsForecast(y, { periods: [1] })).toThrow(/periods/);
  });
});
