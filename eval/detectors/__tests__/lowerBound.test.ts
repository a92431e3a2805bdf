import { lowerBound } from '../lowerBound';

test('lowerBound gives the first index whose value is ≥ x, before equal values, and the length past the end', () => {
  const sorted = [1, 2, 2, 2, 5];
  expect([0, 1, 2, 3, 5, 6].map((x) => lowerBound(sorted, x))).toEqual([0, 0, 1, 4, 4, 5]);
  expect(lowerBound([], 3)).toBe(0);
});
