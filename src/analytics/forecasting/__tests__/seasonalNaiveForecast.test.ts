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

  it('throws a RangeError without more than one season of data', () => {
    expect(() => seasonalNaiveForecast([1, 2, 3, 4], { period: 4 })).toThrow(RangeError);
  });
});
