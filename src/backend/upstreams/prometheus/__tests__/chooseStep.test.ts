import fc from 'fast-check';

import { chooseStep, PROMETHEUS_MAX_POINTS, rateIntervalMs, roundInterval } from '../chooseStep';
import { alignTimeRange } from '../alignTimeRange';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const T0 = Date.UTC(2026, 0, 1);

describe('roundInterval', () => {
  it.each([
    [5, 1],
    [12, 10],
    [2400, 2000],
    [16_000, 15_000],
    [70_000, 60_000],
    [400_000, 300_000],
    [2 * DAY, DAY],
    [10 * DAY, 7 * DAY],
    [30 * DAY, 30 * DAY],
    [100 * DAY, 365 * DAY],
    [500 * DAY, 365 * DAY],
  ])('rounds %d ms to %d ms like Grafana', (input, expected) => {
    expect(roundInterval(input)).toBe(expected);
  });
});

describe('chooseStep', () => {
  it('uses the rounded range/maxDataPoints when it is above intervalMs', () => {
    // 1 h / 1500 = 2.4 s → 2 s (≥ intervalMs 1 s).
    expect(chooseStep(1000, 1500, T0, T0 + HOUR)).toBe(2000);
  });

  it('uses intervalMs unrounded when range/maxDataPoints is below it', () => {
    expect(chooseStep(15_000, 1500, T0, T0 + HOUR)).toBe(15_000);
    expect(chooseStep(7000, 1500, T0, T0 + HOUR)).toBe(7000);
  });

  it('lets the query min interval replace intervalMs, as text or milliseconds', () => {
    expect(chooseStep(15_000, 1500, T0, T0 + HOUR, '1m')).toBe(60_000);
    expect(chooseStep(15_000, 1500, T0, T0 + HOUR, 5000)).toBe(5000);
    expect(chooseStep(15_000, 1500, T0, T0 + HOUR, '')).toBe(15_000);
  });

  it('falls back to the scrape interval when neither min interval nor intervalMs is given', () => {
    expect(chooseStep(0, 1500, T0, T0 + HOUR)).toBe(15_000);
    expect(chooseStep(NaN, 1500, T0, T0 + HOUR, undefined, 30_000)).toBe(30_000);
  });

  it('treats a missing maxDataPoints as 1500', () => {
    expect(chooseStep(1000, 0, T0, T0 + 6 * HOUR)).toBe(chooseStep(1000, 1500, T0, T0 + 6 * HOUR));
    expect(chooseStep(1000, 0, T0, T0 + 6 * HOUR)).toBe(15_000); // 14.4 s → 15 s
  });

  it('raises the step to the safe interval so Prometheus is asked for at most 11,000 points', () => {
    // 30 d with 100,000 requested points: 25.9 s would give 100k points; the safe interval 235.6 s → 5 m wins.
    expect(chooseStep(1000, 100_000, T0, T0 + 30 * DAY)).toBe(300_000);
  });

  it('never asks for more than 11,000 points after alignment', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 400 * DAY }),
        fc.integer({ min: 0, max: 10 * DAY }),
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.integer({ min: 0, max: 120_000 }),
        (range, offset, maxDataPoints, intervalMs) => {
          const from = T0 + offset;
          const step = chooseStep(intervalMs, maxDataPoints, from, from + range);
          const { startMs, endMs } = alignTimeRange(from, from + range, step);
          return step > 0 && (endMs - startMs) / step + 1 <= PROMETHEUS_MAX_POINTS;
        }
      ),
      { seed: 42, numRuns: 500 }
    );
  });

  it('refuses a range that ends before it starts', () => {
    expect(() => chooseStep(1000, 100, T0 + 1, T0)).toThrow(/Invalid time range/);
    expect(() => chooseStep(1000, 100, NaN, T0)).toThrow(/Invalid time range/);
  });

  it('refuses a min interval that is not a duration', () => {
    expect(() => chooseStep(1000, 100, T0, T0 + HOUR, '5 minutes')).toThrow(/"5 minutes" is not a duration/);
  });
});

describe('rateIntervalMs', () => {
  it('is four scrape intervals when the step is small', () => {
    expect(rateIntervalMs(15_000, 15_000)).toBe(60_000);
  });

  it('is step + scrape interval when the step is large', () => {
    expect(rateIntervalMs(120_000, 15_000)).toBe(135_000);
  });

  it('defaults the scrape interval to 15 s', () => {
    expect(rateIntervalMs(1000)).toBe(60_000);
  });
});
