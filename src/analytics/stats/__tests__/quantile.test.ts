import fc from 'fast-check';
import { quantile } from '../quantile';
import { naiveQuantile } from './sortedReference';

const finiteArray = fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 60 });

describe('quantile', () => {
  it('matches R type 7 on known values', () => {
    // R: quantile(1:10, c(0, .25, .33, .5, .9, 1)) → 1, 3.25, 3.97, 5.5, 9.1, 10
    const x = [10, 3, 7, 1, 5, 2, 9, 4, 8, 6];
    expect(quantile(x, 0)).toBe(1);
    expect(quantile(x, 0.25)).toBeCloseTo(3.25, 12);
    expect(quantile(x, 0.33)).toBeCloseTo(3.97, 12);
    expect(quantile(x, 0.5)).toBeCloseTo(5.5, 12);
    expect(quantile(x, 0.9)).toBeCloseTo(9.1, 12);
    expect(quantile(x, 1)).toBe(10);
  });

  it('agrees with a full-sort type-7 reference on random inputs', () => {
    fc.assert(
      fc.property(finiteArray, fc.double({ min: 0, max: 1, noNaN: true }), (xs, p) => {
        const expected = naiveQuantile(xs, p);
        expect(quantile(xs, p)).toBeCloseTo(expected, 6);
      })
    );
  });

  it('quantile ignores NaN', () => {
    expect(quantile([NaN, 1, 2, NaN, 3], 0.5)).toBe(2);
  });

  it('quantile of an all-NaN or empty input is NaN', () => {
    expect(quantile([], 0.5)).toBeNaN();
    expect(quantile([NaN, NaN], 0.1)).toBeNaN();
  });

  it('rejects p outside [0, 1]', () => {
    expect(() => quantile([1, 2], 1.5)).toThrow(RangeError);
    expect(() => quantile([1, 2], NaN)).toThrow(/p must be in/);
  });

  it('does not mutate its input and reuses a scratch buffer', () => {
    const x = Float64Array.from([5, 1, 4, 2, 3]);
    const copy = Float64Array.from(x);
    const scratch = new Float64Array(8);
    expect(quantile(x, 0.25, { scratch })).toBe(2);
    expect(quantile(x, 0.75, { scratch })).toBe(4);
    expect(x).toEqual(copy);
  });

  it('rejects a scratch buffer shorter than the input', () => {
    expect(() => quantile([1, 2, 3], 0.5, { scratch: new Float64Array(2) })).toThrow(/scratch buffer too short/);
  });

  it('handles many ties and infinities', () => {
    expect(quantile([2, 2, 2, 2, 1, 3], 0.5)).toBe(2);
    expect(quantile([-Infinity, 1, Infinity], 0.5)).toBe(1);
    expect(quantile([Infinity, Infinity], 0.3)).toBe(Infinity);
  });
});
