import { timeToThreshold } from '../timeToThreshold';

describe('timeToThreshold', () => {
  it('interpolates the crossing between the current value and the forecast steps', () => {
    // From 1 (now) rising by 1 per step: crosses 3.5 at 2.5 steps.
    const r = timeToThreshold([2, 3, 4, 5], 3.5, { current: 1, stepMs: 60_000 });
    expect(r.steps).toBeCloseTo(2.5, 12);
    expect(r.index).toBe(2);
    expect(r.ms).toBeCloseTo(150_000, 6);
  });

  it('answers "at this trend the lag crosses 3 min in 47 min" from a linear path', () => {
    const minute = 60_000;
    // Lag now 1 min, growing 2.55 s per minute: 3 min after 47.06 minutes.
    const path = Array.from({ length: 120 }, (_, i) => minute + (i + 1) * 2550);
    const r = timeToThreshold(path, 3 * minute, { current: minute, stepMs: minute });
    expect(Math.round(r.ms / minute)).toBe(47);
  });

  it('is 0 when the current value already crosses and Infinity when the horizon never does', () => {
    expect(timeToThreshold([5, 6], 3, { current: 4 }).steps).toBe(0);
    expect(timeToThreshold([1, 2, 2.9], 3).steps).toBe(Infinity);
    expect(timeToThreshold([1, 2, 2.9], 3).index).toBe(-1);
  });

  it('handles the below direction', () => {
    const r = timeToThreshold([8, 6, 4], 5, { current: 10, direction: 'below' });
    expect(r.steps).toBeCloseTo(2.5, 12);
  });

  it('returns the first step without interpolation when no current value is given', () => {
    expect(timeToThreshold([4, 5], 3).steps).toBe(1);
    expect(timeToThreshold([1, 5], 3).steps).toBeCloseTo(1.5, 12);
  });

  it('skips NaN steps, interpolating across them, and is NaN for an all-NaN path', () => {
    expect(timeToThreshold([1, NaN, 5], 3).steps).toBeCloseTo(2, 12);
    expect(timeToThreshold([NaN, NaN], 3).steps).toBeNaN();
    expect(timeToThreshold([], 3).steps).toBeNaN();
    expect(timeToThreshold([NaN], 3, { current: 5 }).steps).toBe(0);
  });

  it('rejects a non-finite threshold and an unknown direction', () => {
    expect(() => timeToThreshold([1], NaN)).toThrow(/threshold/);
    expect(() => timeToThreshold([1], 1, { direction: 'sideways' as 'above' })).toThrow(/direction/);
  });
});
