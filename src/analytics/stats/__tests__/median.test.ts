import fc from 'fast-check';
import { median } from '../median';
import { naiveQuantile } from './sortedReference';

describe('median', () => {
  it('is the middle value for odd counts and the mean of the middle two for even counts', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([7])).toBe(7);
  });

  it('median ignores NaN', () => {
    expect(median([NaN, 9, 1, NaN, 5])).toBe(5);
  });

  it('median of an empty or all-NaN input is NaN', () => {
    expect(median([])).toBeNaN();
    expect(median([NaN])).toBeNaN();
  });

  it('agrees with a full sort on random inputs, including heavy ties', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -5, max: 5 }), { minLength: 1, maxLength: 200 }), (xs) => {
        expect(median(xs)).toBe(naiveQuantile(xs, 0.5));
      })
    );
  });

  it('does not mutate its input, with or without scratch', () => {
    const x = [9, 8, 7, 6, 5, 4, 3, 2, 1];
    const copy = x.slice();
    median(x);
    median(x, { scratch: new Float64Array(9) });
    expect(x).toEqual(copy);
  });

  it('works on sorted, reversed and constant inputs of hot-loop size', () => {
    const n = 10001;
    const up = Float64Array.from({ length: n }, (_, i) => i);
    const down = Float64Array.from({ length: n }, (_, i) => n - 1 - i);
    const flat = new Float64Array(n).fill(3);
    expect(median(up)).toBe(5000);
    expect(median(down)).toBe(5000);
    expect(median(flat)).toBe(3);
  });
});
