import fc from 'fast-check';
import { pearson } from '../pearson';

const pairOfSeries = fc.integer({ min: 3, max: 60 }).chain((n) =>
  fc.tuple(
    // Integers: subnormal doubles would collapse to a constant under k·x − 50 and make r undefined.
    fc.array(fc.integer({ min: -100, max: 100 }), { minLength: n, maxLength: n }),
    fc.array(fc.integer({ min: -100, max: 100 }), { minLength: n, maxLength: n })
  )
);

describe('pearson', () => {
  it('matches R cor() on a known pair', () => {
    // R: cor(c(1, 2, 3, 4, 5), c(2, 1, 4, 3, 5)) = 0.8
    expect(pearson([1, 2, 3, 4, 5], [2, 1, 4, 3, 5])).toBeCloseTo(0.8, 12);
  });

  it('is 1 for a positive linear map and -1 for a negative one', () => {
    const x = [1, 5, 2, 8, 3];
    expect(
      pearson(
        x,
        x.map((v) => 3 * v + 1)
      )
    ).toBeCloseTo(1, 12);
    expect(
      pearson(
        x,
        x.map((v) => -0.5 * v)
      )
    ).toBeCloseTo(-1, 12);
  });

  it('pearson drops pairs with a NaN on either side', () => {
    expect(pearson([1, NaN, 2, 3, 4], [2, 7, NaN, 6, 8])).toBeCloseTo(pearson([1, 3, 4], [2, 6, 8]), 12);
  });

  it('is NaN for a constant series or fewer than two complete pairs', () => {
    expect(pearson([1, 1, 1], [1, 2, 3])).toBeNaN();
    expect(pearson([1, NaN], [NaN, 2])).toBeNaN();
    expect(pearson([], [])).toBeNaN();
  });

  it('rejects series of different lengths', () => {
    expect(() => pearson([1, 2], [1])).toThrow(/lengths differ/);
  });

  it('is invariant to positive scale and offset, stays in [-1, 1] and is symmetric', () => {
    fc.assert(
      fc.property(pairOfSeries, fc.double({ min: 0.001, max: 1000, noNaN: true }), ([x, y], k) => {
        const r = pearson(x, y);
        fc.pre(!Number.isNaN(r));
        expect(Math.abs(r)).toBeLessThanOrEqual(1);
        expect(pearson(y, x)).toBeCloseTo(r, 10);
        expect(
          pearson(
            x.map((v) => k * v - 50),
            y
          )
        ).toBeCloseTo(r, 6);
      })
    );
  });

  it('does not mutate its inputs', () => {
    const x = Float64Array.from([1, 2, 3]);
    const y = Float64Array.from([3, 1, 2]);
    pearson(x, y);
    expect(Array.from(x)).toEqual([1, 2, 3]);
    expect(Array.from(y)).toEqual([3, 1, 2]);
  });
});
