import fc from 'fast-check';
import { argsortInto } from '../argsortInto';

describe('argsortInto', () => {
  it('orders the non-NaN positions by value, stably, leaving NaN out', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.integer({ min: -5, max: 5 }), fc.constant(NaN)), { maxLength: 120 }), (xs) => {
        const order = new Uint32Array(xs.length);
        const m = argsortInto(xs, xs.length, order, new Uint32Array(xs.length));
        const expected = xs
          .map((v, i) => [v, i] as const)
          .filter(([v]) => !Number.isNaN(v))
          .sort((a, b) => a[0] - b[0] || a[1] - b[1])
          .map(([, i]) => i);
        expect(Array.from(order.subarray(0, m))).toEqual(expected);
      })
    );
  });

  it('does not mutate its input', () => {
    const x = [3, 1, 2];
    argsortInto(x, 3, new Uint32Array(3), new Uint32Array(3));
    expect(x).toEqual([3, 1, 2]);
  });
});
