import fc from 'fast-check';
import { MAD_NORMAL_SCALE, mad } from '../mad';
import { naiveQuantile } from './sortedReference';

describe('mad', () => {
  it('matches R mad() on a known vector (scaled and raw)', () => {
    // R: mad(c(1, 2, 3, 4, 100)) = 1.4826; mad(..., constant = 1) = 1
    expect(mad([1, 2, 3, 4, 100])).toBeCloseTo(1.4826, 12);
    expect(mad([1, 2, 3, 4, 100], { scale: 1 })).toBe(1);
    // R: mad(c(1, 4, 9, 16)) = 1.4826 * median(|x - 6.5|) = 1.4826 * 4 = 5.9304
    expect(mad([1, 4, 9, 16])).toBeCloseTo(5.9304, 12);
  });

  it('uses the normal-consistency constant 1.4826 by default', () => {
    expect(MAD_NORMAL_SCALE).toBe(1.4826);
  });

  it('mad ignores NaN', () => {
    expect(mad([1, NaN, 2, 3, NaN, 4, 100], { scale: 1 })).toBe(1);
  });

  it('mad of an empty or all-NaN input is NaN, of a constant is 0', () => {
    expect(mad([])).toBeNaN();
    expect(mad([NaN, NaN])).toBeNaN();
    expect(mad([4, 4, 4])).toBe(0);
  });

  it('measures deviations from a given centre', () => {
    expect(mad([1, 2, 3], { center: 0, scale: 1 })).toBe(2);
  });

  it('agrees with a full-sort reference and is scale-equivariant', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1e3, max: 1e3, noNaN: true }), { minLength: 1, maxLength: 80 }),
        fc.double({ min: 0.01, max: 100, noNaN: true }),
        (xs, k) => {
          const m = naiveQuantile(xs, 0.5);
          const expected = naiveQuantile(
            xs.map((v) => Math.abs(v - m)),
            0.5
          );
          expect(mad(xs, { scale: 1 })).toBeCloseTo(expected, 8);
          expect(mad(xs.map((v) => k * v + 7))).toBeCloseTo(k * mad(xs), 5);
        }
      )
    );
  });

  it('does not mutate its input', () => {
    const x = Float64Array.from([5, 3, 1, 4, 2]);
    const copy = Float64Array.from(x);
    mad(x, { scratch: new Float64Array(5) });
    expect(x).toEqual(copy);
  });
});
