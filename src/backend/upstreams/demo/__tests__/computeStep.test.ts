import { computeStep } from '../computeStep';

const H = 3_600_000;

test('computeStep takes the largest of interval, minStep and range/maxDataPoints, in whole seconds', () => {
  expect(computeStep({ fromMs: 0, toMs: H, intervalMs: 15_000, maxDataPoints: 1000 })).toBe(15_000);
  expect(computeStep({ fromMs: 0, toMs: 24 * H, intervalMs: 15_000, maxDataPoints: 100 })).toBe(864_000);
  expect(computeStep({ fromMs: 0, toMs: H, intervalMs: 15_000, maxDataPoints: 1000, minStepMs: 60_000 })).toBe(60_000);
  expect(computeStep({ fromMs: 0, toMs: H, intervalMs: 1500, maxDataPoints: 10_000 })).toBe(2000);
});

test('computeStep never goes below one second and copes with missing interval and maxDataPoints', () => {
  expect(computeStep({ fromMs: 0, toMs: 10_000, intervalMs: 1, maxDataPoints: 1_000_000 })).toBe(1000);
  expect(computeStep({ fromMs: 0, toMs: 1000 * H })).toBe(3_600_000);
  expect(computeStep({ fromMs: 5, toMs: 0, intervalMs: 0, maxDataPoints: 0 })).toBe(1000);
});
