import { countPerDay, DAY_MS } from '../countPerDay';

describe('countPerDay', () => {
  it('counts starts per UTC day over every day the range touches', () => {
    const from = 2 * DAY_MS + 3_600_000; // day 2, 01:00
    const to = 4 * DAY_MS + 60_000; // day 4, 00:01
    const starts = [from, 2 * DAY_MS + 5, 3 * DAY_MS, 3 * DAY_MS + 10, to, to + 1];
    const r = countPerDay(starts, from, to);
    expect(Array.from(r.dayStartMs)).toEqual([2 * DAY_MS, 3 * DAY_MS, 4 * DAY_MS]);
    // 2*DAY+5 is before the range and to+1 after it.
    expect(Array.from(r.counts)).toEqual([1, 2, 1]);
  });

  it('refuses a range that ends before it starts', () => {
    expect(() => countPerDay([], 10, 5)).toThrow(RangeError);
  });
});
