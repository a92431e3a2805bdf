import { loadAugursForTests } from '../../../../tests/helpers/loadAugursWasm';
import { etsForecast } from '../etsForecast';
import { holtWinters } from '../holtWinters';
import { interpolateGaps } from '../interpolateGaps';
import { mstlEtsForecast } from '../mstlEtsForecast';

function noise(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1664525 + 1013904223) % 4294967296;
    return s / 4294967296 - 0.5;
  };
}

describe('augurs-backed forecasts', () => {
  beforeAll(() => loadAugursForTests());
  const u = noise(5);
  const daily = 24;
  const y = Float64Array.from({ length: 24 * 14 }, (_, t) => 50 + 0.02 * t + 8 * Math.sin((2 * Math.PI * t) / daily) + u());

  it('etsForecast continues a noisy line with intervals containing the point', () => {
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

  it('etsForecast fills gaps before fitting and rejects too few values', () => {
    const line = Float64Array.from({ length: 100 }, (_, t) => (t % 10 === 4 ? NaN : 10 + 0.5 * t + u()));
    expect(etsForecast(line, { horizon: 2 }).point.every(Number.isFinite)).toBe(true);
    expect(() => etsForecast([1, NaN])).toThrow(/at least 3 finite/);
    expect(() => etsForecast([1, 2, 3], { level: 1 })).toThrow(/level/);
  });

  it('mstlEtsForecast follows the daily season about as well as a fitted Holt-Winters', () => {
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

  it('mstlEtsForecast needs two cycles of the longest period and valid periods', () => {
    expect(() => mstlEtsForecast(y.subarray(0, 30), { periods: [24] })).toThrow(/two cycles/);
    expect(() => mstlEtsForecast(y, { periods: [1] })).toThrow(/periods/);
  });

  it('interpolateGaps fills interior gaps linearly and ends with the nearest value, without mutating', () => {
    const g = [NaN, 1, NaN, NaN, 4, NaN];
    expect(Array.from(interpolateGaps(g).values)).toEqual([1, 1, 2, 3, 4, 4]);
    expect(interpolateGaps(g).filled).toBe(4);
    expect(g[0]).toBeNaN();
    expect(() => interpolateGaps([NaN])).toThrow(/all NaN/);
  });
});
