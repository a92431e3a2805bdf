import fixture from './fixtures/forecast.json';
import { linearForecast } from '../linearForecast';
import { seededRandom } from '../../stats/seededRandom';

const series = (ys: Array<number | null>) => Float64Array.from(ys, (v) => (v === null ? NaN : v));

describe('linearForecast', () => {
  it.each(fixture.cases.map((c) => [c.name, c] as const))(
    '%s: slope and intercept match scipy.stats.theilslopes to 1e-12',
    (_, c) => {
      const r = linearForecast(series(c.y), { horizon: 3 });
      expect(Math.abs(r.slope - c.slope)).toBeLessThan(1e-12 * Math.max(1, Math.abs(c.slope)));
      expect(Math.abs(r.intercept - c.intercept)).toBeLessThan(1e-12 * Math.max(1, Math.abs(c.intercept)));
    }
  );

  it('ignores 20% gross outliers: the line stays near the true slope 0.25', () => {
    const c = fixture.cases.find((x) => x.name === 'outliers20pct');
    const r = linearForecast(series(c!.y));
    expect(Math.abs(r.slope - 0.25)).toBeLessThan(0.03);
  });

  it('forecasts the line forward with intervals that widen with the horizon and contain the point', () => {
    const y = Float64Array.from({ length: 100 }, (_, i) => 2 + 0.5 * i + Math.sin(i * 1.7));
    const r = linearForecast(y, { horizon: 20, level: 0.9 });
    expect(r.point[0]).toBeCloseTo(r.intercept + r.slope * 100, 12);
    for (let h = 0; h < 20; h++) {
      expect(r.lower[h]).toBeLessThan(r.point[h]);
      expect(r.upper[h]).toBeGreaterThan(r.point[h]);
      if (h > 0) {
        expect(r.upper[h] - r.lower[h]).toBeGreaterThan(r.upper[h - 1] - r.lower[h - 1]);
      }
    }
  });

  it('covers about `level` of future noise on a simulated line (seeded)', () => {
    const uniform = seededRandom(12345);
    const noise = () => {
      // Sum of 12 uniforms − 6: approximately N(0, 1), seeded.
      let sum = 0;
      for (let i = 0; i < 12; i++) {
        sum += uniform();
      }
      return sum - 6;
    };
    let inside = 0;
    let total = 0;
    for (let rep = 0; rep < 50; rep++) {
      const y = Float64Array.from({ length: 120 }, (_, i) => 1 + 0.1 * i + noise());
      const r = linearForecast(y, { horizon: 10, level: 0.9 });
      for (let h = 0; h < 10; h++) {
        const v = 1 + 0.1 * (120 + h) + noise();
        inside += v >= r.lower[h] && v <= r.upper[h] ? 1 : 0;
        total++;
      }
    }
    expect(inside / total).toBeGreaterThan(0.84);
    expect(inside / total).toBeLessThan(0.96);
  });

  it('thins long series for the slope but still finds the trend', () => {
    const y = Float64Array.from({ length: 20000 }, (_, i) => 3 - 0.01 * i + (i % 5));
    const r = linearForecast(y, { maxPoints: 500 });
    expect(r.slope).toBeCloseTo(-0.01, 3);
  });

  it('gives slope 0 and zero-width intervals on a constant series; throws on <2 finite values', () => {
    const r = linearForecast(new Float64Array(10).fill(4), { horizon: 2 });
    expect(r.slope).toBe(0);
    expect(Array.from(r.lower)).toEqual([4, 4]);
    expect(() => linearForecast([NaN, 1, NaN])).toThrow(/at least 2 finite/);
    expect(() => linearForecast([1, 2], { horizon: 0 })).toThrow(/horizon/);
  });

  it('does not mutate its input', () => {
    const y = Float64Array.from([1, 5, NaN, 2, 8]);
    linearForecast(y);
    expect(Array.from(y)).toEqual([1, 5, NaN, 2, 8]);
  });
});
