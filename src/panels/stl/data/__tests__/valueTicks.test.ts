import { valueTicks } from '../valueTicks';

test('valueTicks puts round values (1, 2, 2.5 or 5 × 10^k apart) inside the range, at most the count asked for', () => {
  expect(valueTicks(0, 100, 5)).toEqual({ ticks: [0, 20, 40, 60, 80, 100], step: 20, decimals: 0 });
  expect(valueTicks(3.2, 9.7, 3).ticks).toEqual([5, 7.5]);
  expect(valueTicks(3.2, 9.7, 3).decimals).toBe(1);
  expect(valueTicks(-0.013, 0.021, 4)).toEqual({ ticks: [-0.01, 0, 0.01, 0.02], step: 0.01, decimals: 2 });
  for (const [lo, hi, n] of [
    [12.3, 987.6, 4],
    [-5e-7, 3e-7, 3],
    [1e9, 1.3e9, 6],
    [0.5, 0.51, 2],
  ]) {
    const t = valueTicks(lo, hi, n);
    expect(t.ticks.length).toBeGreaterThanOrEqual(1);
    // A tick count ≤ maxCount + 1: both ends may land exactly on a multiple.
    expect(t.ticks.length).toBeLessThanOrEqual(n + 1);
    expect(t.ticks.every((v) => v >= lo && v <= hi)).toBe(true);
    expect(t.ticks.every((v) => Math.abs(v / t.step - Math.round(v / t.step)) < 1e-6)).toBe(true);
  }
});

test('valueTicks labels exactly: multiples of 0.1 come out as 0.3, not 0.30000000000000004', () => {
  expect(valueTicks(0.05, 0.35, 3).ticks).toEqual([0.1, 0.2, 0.3]);
});

test('valueTicks gives one tick for a flat series and none for bounds that are not numbers', () => {
  expect(valueTicks(4.5, 4.5, 5).ticks).toEqual([4.5]);
  expect(valueTicks(NaN, 1, 5).ticks).toEqual([]);
  expect(valueTicks(0, Infinity, 5).ticks).toEqual([]);
  expect(valueTicks(2, 1, 5).ticks).toEqual([]);
});
