import { linearForecast } from '../linearForecast';
import { chooseTrendWindow, recentTrendForecast } from '../recentTrendForecast';

/** Flat near 6 for 400 points, then climbing 0.5 per step for the last 60 (a lag build-up). */
function buildUp(): Float64Array {
  return Float64Array.from({ length: 460 }, (_, i) => 6 + 0.3 * Math.sin(i * 1.7) + (i >= 400 ? 0.5 * (i - 399) : 0));
}

describe('recentTrendForecast', () => {
  it('starts from the current level and follows the recent climb, where a whole-range line stays low', () => {
    const y = buildUp();
    const last = y[y.length - 1];
    const r = recentTrendForecast(y, { horizon: 20 });
    expect(Math.abs(r.point[0] - (last + 0.5))).toBeLessThan(1);
    expect(r.slope).toBeGreaterThan(0.45);
    expect(r.slope).toBeLessThan(0.55);
    expect(r.window).toBeLessThanOrEqual(80);
    const whole = linearForecast(y, { horizon: 20 });
    expect(whole.point[0]).toBeLessThan(last / 2);
  });

  it('chooses a long window for a steady series (more points, steadier slope)', () => {
    const y = Float64Array.from({ length: 600 }, (_, i) => 50 + 0.1 * i + 2 * Math.sin(i * 1.7));
    expect(chooseTrendWindow(y, { horizon: 30 })).toBeGreaterThanOrEqual(160);
    const r = recentTrendForecast(y, { horizon: 30 });
    expect(Math.abs(r.slope - 0.1)).toBeLessThan(0.01);
  });

  it('uses a given window instead of choosing one', () => {
    const y = buildUp();
    const r = recentTrendForecast(y, { horizon: 5, window: 460 });
    expect(r.window).toBe(460);
    expect(r.slope).toBeLessThan(0.1);
  });

  it('gives intervals that contain the point and widen with the horizon', () => {
    const r = recentTrendForecast(buildUp(), { horizon: 30, level: 0.9 });
    for (let h = 0; h < 30; h++) {
      expect(r.lower[h]).toBeLessThan(r.point[h]);
      expect(r.upper[h]).toBeGreaterThan(r.point[h]);
      if (h > 0) {
        expect(r.upper[h] - r.lower[h]).toBeGreaterThan(r.upper[h - 1] - r.lower[h - 1]);
      }
    }
  });

  it('skips NaN gaps and does not mutate its input', () => {
    const y = buildUp();
    y[455] = NaN;
    y[300] = NaN;
    const copy = Float64Array.from(y);
    const r = recentTrendForecast(y, { horizon: 3 });
    expect(Number.isFinite(r.point[2])).toBe(true);
    expect(Array.from(y)).toEqual(Array.from(copy));
  });

  it('forecasts a constant series as that constant with a zero-width interval', () => {
    const r = recentTrendForecast(new Float64Array(50).fill(7), { horizon: 4 });
    expect(Array.from(r.point)).toEqual([7, 7, 7, 7]);
    expect(Array.from(r.upper)).toEqual([7, 7, 7, 7]);
  });

  it('throws a RangeError with fewer than 3 finite values or a bad horizon', () => {
    expect(() => recentTrendForecast([1, NaN, 2])).toThrow(RangeError);
    expect(() => recentTrendForecast([1, 2, 3], { horizon: 0 })).toThrow(RangeError);
  });
});
