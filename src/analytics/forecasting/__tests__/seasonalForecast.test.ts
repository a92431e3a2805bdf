import { seasonalForecast } from '../seasonalForecast';

const daily = (i: number) => 10 * Math.sin((2 * Math.PI * i) / 24);

describe('seasonalForecast', () => {
  it('continues a daily season from the current level', () => {
    const y = Float64Array.from({ length: 24 * 10 }, (_, i) => 100 + daily(i) + 0.5 * Math.sin(i * 1.7));
    const r = seasonalForecast(y, { periods: [24], horizon: 48 });
    for (let h = 1; h <= 48; h++) {
      expect(Math.abs(r.point[h - 1] - (100 + daily(240 + h - 1)))).toBeLessThan(2.5);
    }
    expect(r.multiplicative).toBe(true);
  });

  it('takes the seasons as additive when a value is not positive', () => {
    const y = Float64Array.from({ length: 24 * 10 }, (_, i) => daily(i) + 0.5 * Math.sin(i * 1.7));
    const r = seasonalForecast(y, { periods: [24], horizon: 24 });
    expect(r.multiplicative).toBe(false);
    for (let h = 0; h < 24; h++) {
      expect(Math.abs(r.point[h] - daily(240 + h))).toBeLessThan(2);
    }
    expect(() => seasonalForecast(y, { periods: [24], multiplicative: true })).toThrow(RangeError);
  });

  it('keeps the weekly shape with daily + weekly periods', () => {
    const weekly = (i: number) => (Math.floor(i / 24) % 7 >= 5 ? -20 : 0);
    const y = Float64Array.from({ length: 24 * 7 * 4 }, (_, i) => 200 + daily(i) + weekly(i));
    const r = seasonalForecast(y, { periods: [24, 168], horizon: 168 });
    expect(r.periods).toEqual([24, 168]);
    let err = 0;
    for (let h = 0; h < 168; h++) {
      err += Math.abs(r.point[h] - (200 + daily(672 + h) + weekly(672 + h))) / 168;
    }
    expect(err).toBeLessThan(3);
  });

  it('drops periods without two cycles and throws when none is left', () => {
    const y = Float64Array.from({ length: 100 }, (_, i) => 5 + daily(i));
    expect(seasonalForecast(y, { periods: [24, 168], horizon: 5 }).periods).toEqual([24]);
    expect(() => seasonalForecast(y, { periods: [168] })).toThrow(RangeError);
  });

  it('does not mutate its input', () => {
    const y = Float64Array.from({ length: 96 }, (_, i) => 5 + daily(i));
    y[10] = NaN;
    const copy = Float64Array.from(y);
    seasonalForecast(y, { periods: [24], horizon: 3 });
    expect(Array.from(y)).toEqual(Array.from(copy));
  });

  it('a state from an earlier call is reused with its cycles lined up by start, out of phase without it', () => {
    const shape = (i: number) => 100 + 20 * Math.sin((2 * Math.PI * i) / 24) + Math.sin(i * 1.7);
    const y = Float64Array.from({ length: 24 * 22 }, (_, i) => shape(i));
    const first = seasonalForecast(y.subarray(0, 24 * 21), { periods: [24], horizon: 24 });
    expect(first.state.profiles[0]).toHaveLength(24);
    const later = y.subarray(10, 24 * 21 + 10);
    const inPhase = seasonalForecast(later, { periods: [24], horizon: 24, start: 10, state: first.state });
    const outOfPhase = seasonalForecast(later, { periods: [24], horizon: 24, start: 0, state: first.state });
    let inErr = 0;
    let outErr = 0;
    for (let h = 0; h < 24; h++) {
      const truth = 100 + 20 * Math.sin((2 * Math.PI * (24 * 21 + 10 + h)) / 24);
      inErr = Math.max(inErr, Math.abs(inPhase.point[h] - truth));
      outErr = Math.max(outErr, Math.abs(outOfPhase.point[h] - truth));
    }
    expect(inErr).toBeLessThan(3);
    expect(outErr).toBeGreaterThan(15);
  });
});
