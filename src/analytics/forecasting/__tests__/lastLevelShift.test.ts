import { lastLevelShift } from '../lastLevelShift';

const noise = (i: number) => Math.sin(i * 1.7) + 0.5 * Math.sin(i * 4.1);
const daily = (i: number) => 10 * Math.sin((2 * Math.PI * i) / 24);

describe('lastLevelShift', () => {
  it('finds a step up in a seasonal series within a few points of where it happened', () => {
    const y = Float64Array.from({ length: 24 * 12 }, (_, i) => 100 + daily(i) + noise(i) + (i >= 200 ? 40 : 0));
    const r = lastLevelShift(y, { window: 24 });
    // Splits are tried every ⌈w/8⌉ = 3 points.
    expect(Math.abs(r.index - 200)).toBeLessThanOrEqual(4);
    expect(r.size).toBeGreaterThan(35);
    expect(r.size).toBeLessThan(45);
  });

  it('takes the most recent of two shifts', () => {
    const y = Float64Array.from({ length: 400 }, (_, i) => noise(i) + (i >= 100 ? 30 : 0) - (i >= 300 ? 60 : 0));
    const r = lastLevelShift(y, { window: 20 });
    expect(Math.abs(r.index - 300)).toBeLessThanOrEqual(3);
    expect(r.size).toBeLessThan(-50);
  });

  it('does not call a steady trend, a season or a short spike a shift', () => {
    const trend = Float64Array.from({ length: 400 }, (_, i) => 0.5 * i + noise(i));
    expect(lastLevelShift(trend, { window: 20 }).index).toBe(-1);
    const seasonal = Float64Array.from({ length: 24 * 10 }, (_, i) => daily(i) + noise(i));
    expect(lastLevelShift(seasonal, { window: 24 }).index).toBe(-1);
    const spike = Float64Array.from({ length: 300 }, (_, i) => noise(i) + (i >= 150 && i < 153 ? 100 : 0));
    expect(lastLevelShift(spike, { window: 20 }).index).toBe(-1);
  });

  it('answers no shift for series shorter than three windows and skips NaN without mutating', () => {
    expect(lastLevelShift([1, 2, 3, 50, 50, 50], { window: 3 }).index).toBe(-1);
    const y = Float64Array.from({ length: 200 }, (_, i) => noise(i) + (i >= 120 ? 20 : 0));
    y[50] = NaN;
    const copy = Float64Array.from(y);
    expect(Math.abs(lastLevelShift(y, { window: 10 }).index - 120)).toBeLessThanOrEqual(2);
    expect(Array.from(y)).toEqual(Array.from(copy));
  });

  it('rejects a bad window', () => {
    expect(() => lastLevelShift([1, 2, 3], { window: 1 })).toThrow(RangeError);
  });
});
