import fc from 'fast-check';
import { gradient } from '../gradient';

/** Strictly increasing irregular epoch-ms timestamps from positive gaps. */
const irregularTimes = fc
  .array(fc.integer({ min: 100, max: 5000 }), { minLength: 3, maxLength: 40 })
  .map((gaps) =>
    gaps.reduce<number[]>((acc, g) => [...acc, (acc.length ? acc[acc.length - 1] : 1_700_000_000_000) + g], [])
  );

describe('gradient', () => {
  it('is exact for a quadratic at interior points on irregular timestamps (second-order formula)', () => {
    fc.assert(
      fc.property(
        irregularTimes,
        fc.double({ min: -5, max: 5, noNaN: true }),
        fc.double({ min: -5, max: 5, noNaN: true }),
        (ts, a, b) => {
          const t0 = ts[0];
          const f = ts.map((t) => a * ((t - t0) / 1000) ** 2 + b * ((t - t0) / 1000));
          const g = gradient(f, ts);
          for (let i = 1; i < ts.length - 1; i++) {
            const s = (ts[i] - t0) / 1000;
            expect(g[i]).toBeCloseTo(2 * a * s + b, 5);
          }
        }
      )
    );
  });

  it('uses one-sided differences at the ends, as numpy.gradient(edge_order=1)', () => {
    // numpy.gradient([1, 4, 9, 16], [0, 1, 2, 3]) = [3, 4, 6, 7]
    expect(Array.from(gradient([1, 4, 9, 16], [0, 1000, 2000, 3000]))).toEqual([3, 4, 6, 7]);
  });

  it('is per second for millisecond timestamps', () => {
    expect(Array.from(gradient([0, 10, 20], [0, 500, 1000]))).toEqual([20, 20, 20]);
  });

  it('falls back to one-sided differences next to a NaN and is NaN at it', () => {
    const g = gradient([0, 1, NaN, 3, 4, 5], [0, 1000, 2000, 3000, 4000, 5000]);
    expect(g[1]).toBe(1); // only the left neighbour
    expect(g[2]).toBeNaN();
    expect(g[3]).toBe(1); // only the right neighbour
    expect(Array.from(gradient([NaN, 1, NaN], [0, 1, 2]))).toEqual([NaN, NaN, NaN]);
  });

  it('returns NaN for fewer than two points and rejects bad timestamps', () => {
    expect(gradient([5], [0])[0]).toBeNaN();
    expect(() => gradient([1, 2], [0])).toThrow(/differ in length/);
    expect(() => gradient([1, 2], [5, 5])).toThrow(/strictly increasing/);
    expect(() => gradient([1, 2], [0, NaN])).toThrow(/finite/);
  });
});
