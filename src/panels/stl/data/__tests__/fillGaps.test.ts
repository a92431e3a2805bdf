import { fillGaps } from '../fillGaps';

describe('fillGaps', () => {
  it('drops leading and trailing missing values', () => {
    const r = fillGaps([1, 2, 3, 4, 5], [null, 1, 2, 3, null])!;
    expect(r.times).toEqual([2, 3, 4]);
    expect(Array.from(r.values)).toEqual([1, 2, 3]);
    expect(r.filled).toEqual([]);
    expect(r.missingFraction).toBe(0);
  });

  it('fills interior runs by linear interpolation and reports them', () => {
    const r = fillGaps([0, 1, 2, 3, 4], [0, null, null, 6, 8])!;
    expect(Array.from(r.values)).toEqual([0, 2, 4, 6, 8]);
    expect(r.filled).toEqual([1, 2]);
    expect(r.missingFraction).toBeCloseTo(0.4);
  });

  it('returns null when every value is missing', () => {
    expect(fillGaps([0, 1], [null, null])).toBeNull();
  });

  it('does not mutate its inputs', () => {
    const times = [0, 1, 2];
    const values = [1, null, 3];
    fillGaps(times, values);
    expect(times).toEqual([0, 1, 2]);
    expect(values).toEqual([1, null, 3]);
  });
});
