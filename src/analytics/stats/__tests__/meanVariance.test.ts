import fc from 'fast-check';
import { meanVariance } from '../meanVariance';

describe('meanVariance', () => {
  it('gives the sample variance by default and the population variance with ddof 0', () => {
    // R: var(c(2, 4, 4, 4, 5, 5, 7, 9)) = 4.571429; population variance 4
    const x = [2, 4, 4, 4, 5, 5, 7, 9];
    const s = meanVariance(x);
    expect(s.mean).toBe(5);
    expect(s.variance).toBeCloseTo(32 / 7, 12);
    expect(s.count).toBe(8);
    expect(meanVariance(x, { ddof: 0 }).variance).toBe(4);
    expect(meanVariance(x, { ddof: 0 }).std).toBe(2);
  });

  it('meanVariance ignores NaN', () => {
    const s = meanVariance([NaN, 1, 2, NaN, 3]);
    expect(s).toEqual({ mean: 2, variance: 1, std: 1, count: 3 });
  });

  it('returns NaN variance when there are too few values and NaN mean when there are none', () => {
    expect(meanVariance([5]).variance).toBeNaN();
    expect(meanVariance([5]).mean).toBe(5);
    expect(meanVariance([]).mean).toBeNaN();
    expect(meanVariance([NaN]).count).toBe(0);
  });

  it('stays accurate with a large offset (where the naive Σx² formula cancels)', () => {
    const x = Array.from({ length: 1000 }, (_, i) => 1e9 + (i % 2 === 0 ? 1 : -1));
    expect(meanVariance(x, { ddof: 0 }).variance).toBeCloseTo(1, 9);
  });

  it('agrees with the two-pass formula on random inputs', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1e4, max: 1e4, noNaN: true }), { minLength: 2, maxLength: 100 }), (xs) => {
        const m = xs.reduce((a, b) => a + b, 0) / xs.length;
        const v = xs.reduce((a, b) => a + (b - m) * (b - m), 0) / (xs.length - 1);
        const s = meanVariance(xs);
        expect(s.mean).toBeCloseTo(m, 6);
        expect(Math.abs(s.variance - v)).toBeLessThanOrEqual(1e-9 * Math.max(1, v));
      })
    );
  });

  it('does not mutate its input', () => {
    const x = Float64Array.from([3, NaN, 1]);
    meanVariance(x);
    expect(Array.from(x)).toEqual([3, NaN, 1]);
  });
});
