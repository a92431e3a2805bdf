import fc from 'fast-check';
import { lineTimeToThreshold } from '../lineTimeToThreshold';
import { timeToThreshold } from '../timeToThreshold';

const path = (last: number, slope: number, horizon: number) =>
  Float64Array.from({ length: horizon }, (_, i) => last + slope * (i + 1));

test('lineTimeToThreshold answers what timeToThreshold answers on the filled path, to the bit', () => {
  const value = fc.double({ min: -1e6, max: 1e6, noNaN: true });
  fc.assert(
    fc.property(
      value,
      fc.oneof(fc.double({ min: -1e3, max: 1e3, noNaN: true }), fc.constant(0)),
      value,
      fc.option(value, { nil: undefined }),
      fc.integer({ min: 1, max: 600 }),
      fc.constantFrom<'above' | 'below'>('above', 'below'),
      (last, slope, threshold, current, horizon, direction) => {
        const options = { direction, current, stepMs: 15_000 };
        const expected = timeToThreshold(path(last, slope, horizon), threshold, options);
        expect(lineTimeToThreshold({ last, slope }, horizon, threshold, options)).toEqual(expected);
      }
    ),
    { numRuns: 5000 }
  );
});

test('lineTimeToThreshold: a lag of 100 s rising 50 s per hour meets 180 s in 1.6 h; falling, never', () => {
  const perMinute = 50 / 60;
  const r = lineTimeToThreshold({ last: 100, slope: perMinute }, 240, 180, {
    current: 100,
    stepMs: 60_000,
  });
  expect(r.ms / 3_600_000).toBeCloseTo(1.6, 9);
  expect(lineTimeToThreshold({ last: 100, slope: -1 }, 240, 180, { current: 100 }).steps).toBe(Infinity);
  expect(lineTimeToThreshold({ last: 100, slope: -1 }, 240, 50, { current: 100, direction: 'below' }).steps).toBe(50);
});

test('lineTimeToThreshold: NaN for a path without finite values, 0 when the current value already crosses', () => {
  expect(lineTimeToThreshold({ last: NaN, slope: 1 }, 10, 5).steps).toBeNaN();
  expect(lineTimeToThreshold({ last: NaN, slope: 1 }, 10, 5, { current: 6 }).steps).toBe(0);
});
