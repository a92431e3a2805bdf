import fc from 'fast-check';
import { localPolynomialFit } from '../localPolynomialFit';

const regular = (n: number, stepMs = 1000) => Array.from({ length: n }, (_, i) => i * stepMs);

describe('localPolynomialFit', () => {
  it('reproduces the Savitzky–Golay (1964) convolution weights on a regular grid', () => {
    // Window 5, order 2: smoothing (−3, 12, 17, 12, −3)/35, first derivative (−2, −1, 0, 1, 2)/10.
    const y = [3, -1, 4, 1, -5, 9, 2, 6];
    const ts = regular(y.length);
    const smooth = localPolynomialFit(y, ts, { halfWindow: 2, order: 2 });
    const slope = localPolynomialFit(y, ts, { halfWindow: 2, order: 2, deriv: 1 });
    for (let i = 2; i < y.length - 2; i++) {
      const w = y.slice(i - 2, i + 3);
      expect(smooth[i]).toBeCloseTo((-3 * w[0] + 12 * w[1] + 17 * w[2] + 12 * w[3] - 3 * w[4]) / 35, 10);
      expect(slope[i]).toBeCloseTo((-2 * w[0] - w[1] + w[3] + 2 * w[4]) / 10, 10);
    }
  });

  it('is exact for polynomials up to its order on irregular timestamps, ends included', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 200, max: 3000 }), { minLength: 9, maxLength: 30 }),
        fc.double({ min: -3, max: 3, noNaN: true }),
        fc.double({ min: -3, max: 3, noNaN: true }),
        (gaps, a, c) => {
          const ts = gaps.reduce<number[]>((acc, g) => [...acc, (acc.length ? acc[acc.length - 1] : 0) + g], []);
          const s = ts.map((t) => t / 1000);
          const y = s.map((x) => a * x * x * x + c * x);
          const d1 = localPolynomialFit(y, ts, { halfWindow: 3, order: 3, deriv: 1 });
          const d2 = localPolynomialFit(y, ts, { halfWindow: 3, order: 3, deriv: 2 });
          s.forEach((x, i) => {
            expect(d1[i]).toBeCloseTo(3 * a * x * x + c, 4);
            expect(d2[i]).toBeCloseTo(6 * a * x, 4);
          });
        }
      ),
      { numRuns: 50 }
    );
  });

  it('leaves NaN samples out of each fit and is NaN at them', () => {
    const ts = regular(12);
    const y = ts.map((t) => 2 * (t / 1000) + 1);
    y[5] = NaN;
    const d = localPolynomialFit(y, ts, { halfWindow: 2, order: 1, deriv: 1 });
    expect(d[5]).toBeNaN();
    [0, 1, 2, 3, 4, 6, 7, 8, 9, 10, 11].forEach((i) => expect(d[i]).toBeCloseTo(2, 10));
  });

  it('returns all NaN when the series is shorter than the window', () => {
    expect(Array.from(localPolynomialFit([1, 2, 3], regular(3), { halfWindow: 2 })).every(Number.isNaN)).toBe(true);
  });

  it('rejects bad options', () => {
    const y = [1, 2, 3, 4, 5];
    const ts = regular(5);
    expect(() => localPolynomialFit(y, ts, { halfWindow: 0 })).toThrow(/halfWindow/);
    expect(() => localPolynomialFit(y, ts, { halfWindow: 1, order: 3 })).toThrow(/order/);
    expect(() => localPolynomialFit(y, ts, { order: 1, deriv: 2 })).toThrow(/deriv/);
  });
});
