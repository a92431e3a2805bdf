import { seasonalNaiveForecast } from '../seasonalNaiveForecast';

describe('seasonalNaiveForecast', () => {
  it('repeats the last season', () => {
    const y = [1, 2, 3, 4, 10, 20, 30, 40];
    const r = seasonalNaiveForecast(y, { period: 4, horizon: 6 });
    expect(Array.from(r.point)).toEqual([10, 20, 30, 40, 10, 20]);
  });

  it('widens the interval by √2 in the second season (seasonal random walk)', () => {
    const y = Float64Array.from({ length: 48 }, (_, i) => (i % 4) * 10 + Math.sin(i * 1.7));
    const r = seasonalNaiveForecast(y, { period: 4, horizon: 8 });
    const half = (h: number) => (r.upper[h] - r.lower[h]) / 2;
    expect(half(0)).toBeGreaterThan(0);
    expect(half(3)).toBeCloseTo(half(0), 12);
    expect(half(4) / half(0)).toBeCloseTo(Math.SQRT2, 12);
  });

  it('fills gaps before repeating and does not mutate its input', () => {
    const y = Float64Array.from([1, 2, 3, 4, 5, NaN, 7, 8]);
    const r = seasonalNaiveForecast(y, { period: 4, horizon: 4 });
    expect(Array.from(r.point)).toEqual([5, 6, 7, 8]);
    expect(Number.isNaN(y[5])).toBe(true);
  });

  it('with cycles k is the mean of the same position over the last k seasons', () => {
    const y = [0, 1, 2, 3, 4, 3, 6, 5, 4, 5, 10, 7, 4];
    const r = seasonalNaiveForecast(y, { period: 4, horizon: 5, cycles: 3 });
    expect(Array.from(r.point)).toEqual([3, 6, 5, 4, 3]);
    expect(() => seasonalNaiveForecast(y, { period: 4, cycles: 0 })).toThrow(RangeError);
    expect(() => seasonalNaiveForecast(y, { period: 4, cycles: 4 })).toThrow(RangeError);
  });

  it('with cycles, σ is the robust scale of the rule\u2019s own one-season-ahead errors on the history', () => {
    // Seasons alternate +1 and −1 around a fixed shape: the mean of the last two seasons errs by exactly ±1
    // (four times each), so σ = 1.4826 · 1.
    const y = Float64Array.from({ length: 40 }, (_, i) => (i % 4) * 10 + (Math.floor(i / 4) % 2 === 0 ? 1 : -1));
    const mean = seasonalNaiveForecast(y, { period: 4, horizon: 8, cycles: 2 });
    expect(Array.from(mean.point)).toEqual([0, 10, 20, 30, 0, 10, 20, 30]);
    const z = 1.959963984540054;
    expect((mean.upper[0] - mean.lower[0]) / 2).toBeCloseTo(z * 1.4826, 3);
    expect((mean.upper[4] - mean.lower[4]) / 2).toBeCloseTo(z * 1.4826 * Math.SQRT2, 3);
  });

  it('throws a RangeError without more than one season of data', () => {
    expect(() => seasonalNaiveForecast([1, 2, 3, 4], { period: 4 })).toThrow(RangeError);
  });
});
