import { nearestIndex } from '../nearestIndex';

describe('nearestIndex', () => {
  const times = [0, 10, 20, 40];

  it('finds the closest time, ties going to the earlier point', () => {
    expect(nearestIndex(times, 0)).toBe(0);
    expect(nearestIndex(times, 4)).toBe(0);
    expect(nearestIndex(times, 5)).toBe(0);
    expect(nearestIndex(times, 6)).toBe(1);
    expect(nearestIndex(times, 31)).toBe(3);
    expect(nearestIndex(times, 30)).toBe(2);
  });

  it('clamps to the ends and answers -1 for no points or no time', () => {
    expect(nearestIndex(times, -100)).toBe(0);
    expect(nearestIndex(times, 1e9)).toBe(3);
    expect(nearestIndex([], 5)).toBe(-1);
    expect(nearestIndex(times, NaN)).toBe(-1);
  });

  it('agrees with a linear scan on many points', () => {
    const t = Array.from({ length: 1000 }, (_, i) => i * 7 + (i % 3));
    for (let q = -10; q < 7100; q += 13) {
      let best = 0;
      for (let i = 1; i < t.length; i++) {
        if (Math.abs(t[i] - q) < Math.abs(t[best] - q)) {
          best = i;
        }
      }
      expect(nearestIndex(t, q)).toBe(best);
    }
  });
});
