import fc from 'fast-check';
import { seededRandom } from '../../stats/seededRandom';

import { stl, stlParameters, StlOptions } from '../stl';
import fixture from './fixtures/stl.json';
import { maxAbsDiff, range } from './seriesCompare';

interface StlCase {
  series: string;
  options: StlOptions;
  trend: number[];
  seasonal: number[];
  weights?: number[];
}

const series = fixture.series as Record<string, { period: number; values: number[] }>;
const cases = fixture.cases as StlCase[];
const randomCases = fixture.randomCases as Array<Omit<StlCase, 'series'> & { values: number[] }>;

function synthetic(n: number, period: number, seed: number): Float64Array {
  const rnd = seededRandom(seed);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    y[i] = 10 + 0.01 * i + 3 * Math.sin((2 * Math.PI * i) / period) + rnd() - 0.5 + (rnd() < 0.02 ? 8 : 0);
  }
  return y;
}

describe('stl matches statsmodels 0.13.5 STL (scripts/fixtures/stl.py)', () => {
  it('has fixture cases for robust, non-robust, jumps and degrees', () => {
    expect(cases.length).toBeGreaterThanOrEqual(8);
    expect(cases.some((c) => c.options.robust)).toBe(true);
    expect(cases.some((c) => (c.options.trendJump ?? 1) > 1)).toBe(true);
    expect(cases.some((c) => c.options.trendDeg === 0)).toBe(true);
  });

  it.each(cases.map((c, i) => [i, c.series, JSON.stringify(c.options), c] as const))(
    'case %i (%s %s): trend, seasonal, remainder within 1e-6 × range',
    (_i, _name, _opts, c) => {
      const y = series[c.series].values;
      const tol = 1e-6 * range(y);
      const r = stl(y, c.options);
      expect(maxAbsDiff(r.trend, c.trend)).toBeLessThanOrEqual(tol);
      expect(maxAbsDiff(r.seasonal, c.seasonal)).toBeLessThanOrEqual(tol);
      const expectedRemainder = y.map((v, i) => v - c.trend[i] - c.seasonal[i]);
      expect(maxAbsDiff(r.remainder, expectedRemainder)).toBeLessThanOrEqual(2 * tol);
      if (c.weights) {
        expect(maxAbsDiff(r.weights, c.weights)).toBeLessThanOrEqual(1e-6);
      }
    }
  );
});

describe('stl matches statsmodels on short seeded series with random parameters (edge paths)', () => {
  it.each(randomCases.map((c, i) => [i, c.values.length, JSON.stringify(c.options), c] as const))(
    'random case %i (n = %i, %s) within 1e-6 × range',
    (_i, _n, _opts, c) => {
      const tol = 1e-6 * range(c.values);
      const r = stl(c.values, c.options);
      expect(maxAbsDiff(r.trend, c.trend)).toBeLessThanOrEqual(tol);
      expect(maxAbsDiff(r.seasonal, c.seasonal)).toBeLessThanOrEqual(tol);
      expect(maxAbsDiff(r.weights, c.weights!)).toBeLessThanOrEqual(1e-6);
    }
  );
});

describe('stl defaults and validation', () => {
  it('stl defaults follow statsmodels: seasonal 7, trend next odd of 1.5p/(1-1.5/s), low-pass next odd > p', () => {
    expect(stlParameters({ period: 24 })).toMatchObject({ seasonal: 7, trend: 47, lowPass: 25, inner: 5, outer: 0 });
    expect(stlParameters({ period: 7 })).toMatchObject({ trend: 15, lowPass: 9 });
    expect(stlParameters({ period: 144 })).toMatchObject({ trend: 275, lowPass: 145 });
    expect(stlParameters({ period: 4, seasonal: 3 })).toMatchObject({ trend: 13, lowPass: 5 });
    expect(stlParameters({ period: 24, robust: true })).toMatchObject({ inner: 2, outer: 15 });
    expect(stlParameters({ period: 24 })).toMatchObject({
      seasonalDeg: 1,
      trendDeg: 1,
      lowPassDeg: 1,
      seasonalJump: 1,
    });
  });

  it('stl rejects period < 2 or non-integer', () => {
    const y = synthetic(100, 10, 1);
    expect(() => stl(y, { period: 1 })).toThrow(/period must be an integer >= 2/);
    expect(() => stl(y, { period: 2.5 })).toThrow(/period/);
    expect(() => stl(y, undefined as unknown as StlOptions)).toThrow(/period/);
  });

  it('stl rejects even or too-small windows like statsmodels', () => {
    const y = synthetic(100, 10, 1);
    expect(() => stl(y, { period: 10, seasonal: 8 })).toThrow(/seasonal must be an odd integer >= 3/);
    expect(() => stl(y, { period: 10, seasonal: 1 })).toThrow(/seasonal/);
    expect(() => stl(y, { period: 10, trend: 22 })).toThrow(/trend must be an odd/);
    expect(() => stl(y, { period: 10, trend: 9 })).toThrow(/greater than period/);
    expect(() => stl(y, { period: 10, lowPass: 10 })).toThrow(/lowPass must be an odd/);
    expect(() => stl(y, { period: 10, trendDeg: 2 })).toThrow(/trendDeg must be 0 or 1/);
    expect(() => stl(y, { period: 10, seasonalJump: 0 })).toThrow(/seasonalJump/);
    expect(() => stl(y, { period: 10, inner: 0 })).toThrow(/inner/);
    expect(() => stl(y, { period: 10, outer: -1 })).toThrow(/outer/);
  });

  it('stl rejects series shorter than two periods', () => {
    expect(() => stl(synthetic(47, 24, 2), { period: 24 })).toThrow(/at least two full periods \(48 points\), got 47/);
    expect(() => stl(synthetic(48, 24, 2), { period: 24 })).not.toThrow();
  });

  it('stl rejects all-NaN input and infinities', () => {
    expect(() => stl(new Float64Array(50).fill(NaN), { period: 10 })).toThrow(/no observed/);
    const y = Array.from(synthetic(50, 10, 3));
    y[7] = Infinity;
    expect(() => stl(y, { period: 10 })).toThrow(/finite or NaN.*index 7/);
  });
});

describe('stl NaN policy', () => {
  it('stl fills interior NaN linearly, ends with the nearest value, and reports NaN remainder there', () => {
    const y = Array.from(synthetic(240, 24, 4));
    const filled = y.slice();
    const holes = [0, 1, 50, 51, 52, 239];
    for (const i of holes) {
      y[i] = NaN;
    }
    filled[0] = filled[2];
    filled[1] = filled[2];
    for (const i of [50, 51, 52]) {
      filled[i] = filled[49] + ((filled[53] - filled[49]) * (i - 49)) / 4;
    }
    filled[239] = filled[238];
    const withNaN = stl(y, { period: 24, robust: true });
    const reference = stl(filled, { period: 24, robust: true });
    expect(maxAbsDiff(withNaN.trend, reference.trend)).toBe(0);
    expect(maxAbsDiff(withNaN.seasonal, reference.seasonal)).toBe(0);
    for (let i = 0; i < y.length; i++) {
      if (holes.includes(i)) {
        expect(withNaN.remainder[i]).toBeNaN();
        expect(Number.isFinite(withNaN.trend[i] + withNaN.seasonal[i])).toBe(true);
      } else {
        expect(withNaN.remainder[i]).toBe(reference.remainder[i]);
      }
    }
  });
});

describe('stl properties', () => {
  it('stl does not mutate its input', () => {
    const y = synthetic(300, 12, 5);
    const copy = y.slice();
    const asArray = Array.from(y);
    asArray[3] = NaN;
    const arrayCopy = asArray.slice();
    stl(y, { period: 12, robust: true });
    stl(asArray, { period: 12 });
    expect(y).toEqual(copy);
    expect(asArray).toEqual(arrayCopy);
  });

  it('stl components add back to the observed series within 1e-9', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 30 }),
        fc.integer({ min: 0, max: 2 ** 31 }),
        fc.boolean(),
        fc.integer({ min: 1, max: 4 }),
        (period, seed, robust, jump) => {
          const n = period * 2 + Math.floor(seededRandom(seed)() * period * 5);
          const y = synthetic(n, period, seed);
          const r = stl(y, { period, robust, trendJump: jump, lowPassJump: jump, seasonalJump: jump });
          for (let i = 0; i < n; i++) {
            expect(Math.abs(r.trend[i] + r.seasonal[i] + r.remainder[i] - y[i])).toBeLessThanOrEqual(1e-9);
          }
          for (const w of r.weights) {
            expect(w >= 0 && w <= 1).toBe(true);
          }
        }
      ),
      { seed: 42, numRuns: 60 }
    );
  });

  it('stl is scale and offset equivariant: stl(a·y + b) = (a·trend + b, a·seasonal, a·remainder)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.001, max: 1000, noNaN: true }),
        fc.double({ min: -1e4, max: 1e4, noNaN: true }),
        fc.boolean(),
        fc.integer({ min: 0, max: 1000 }),
        (a, b, robust, seed) => {
          const y = synthetic(200, 12, seed);
          const z = y.map((v) => a * v + b);
          const ry = stl(y, { period: 12, robust });
          const rz = stl(z, { period: 12, robust });
          const tol = 1e-9 * (Math.abs(a) * range(y) + Math.abs(b));
          for (let i = 0; i < y.length; i++) {
            expect(Math.abs(rz.trend[i] - (a * ry.trend[i] + b))).toBeLessThanOrEqual(tol);
            expect(Math.abs(rz.seasonal[i] - a * ry.seasonal[i])).toBeLessThanOrEqual(tol);
            expect(Math.abs(rz.remainder[i] - a * ry.remainder[i])).toBeLessThanOrEqual(tol);
          }
        }
      ),
      { seed: 7, numRuns: 40 }
    );
  });

  it('stl of a constant series has that constant as trend and zero seasonal and remainder', () => {
    for (const robust of [false, true]) {
      const r = stl(new Float64Array(100).fill(3.5), { period: 7, robust, trendJump: 3 });
      for (let i = 0; i < 100; i++) {
        expect(r.trend[i]).toBeCloseTo(3.5, 12);
        expect(Math.abs(r.seasonal[i])).toBeLessThanOrEqual(1e-12);
        expect(Math.abs(r.remainder[i])).toBeLessThanOrEqual(1e-12);
      }
    }
  });

  it('stl recovers a pure sine season and linear trend', () => {
    const n = 480;
    const y = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      y[i] = 2 + 0.05 * i + Math.sin((2 * Math.PI * i) / 24);
    }
    const r = stl(y, { period: 24 });
    for (let i = 48; i < n - 48; i++) {
      expect(Math.abs(r.seasonal[i] - Math.sin((2 * Math.PI * i) / 24))).toBeLessThan(0.02);
      expect(Math.abs(r.trend[i] - (2 + 0.05 * i))).toBeLessThan(0.02);
    }
  });

  it('stl robust weights mark an outlier with weight 0 and keep it out of the trend', () => {
    const y = synthetic(240, 24, 9).map((v) => v);
    y[120] += 1000;
    const r = stl(y, { period: 24, robust: true });
    expect(r.weights[120]).toBe(0);
    expect(r.remainder[120]).toBeGreaterThan(900);
    const plain = stl(y, { period: 24 });
    expect(plain.weights.every((w) => w === 1)).toBe(true);
  });
});
