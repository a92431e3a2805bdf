import { flaggedWindows } from '../flaggedWindows';

test('flaggedWindows turns runs of one flag into windows with the peak at the largest |score|', () => {
  const flags = [0, 1, 1, 1, 0, 0, -1, -1, 0];
  const score = [0, 3.5, 6, 4, 1, 0, -3.2, -5, 0];
  expect(flaggedWindows(flags, score)).toEqual([
    { start: 1, end: 3, direction: 1, peak: 2 },
    { start: 6, end: 7, direction: -1, peak: 7 },
  ]);
});

test('flaggedWindows joins runs of one direction across short gaps, never across a change of direction', () => {
  const flags = [1, 0, 1, 0, 0, 1, -1, 0, -1];
  const score = [4, 2, 5, 1, 1, 4, -4, 0, -6];
  expect(flaggedWindows(flags, score, { maxGapPoints: 1 })).toEqual([
    { start: 0, end: 2, direction: 1, peak: 2 },
    { start: 5, end: 5, direction: 1, peak: 5 },
    { start: 6, end: 8, direction: -1, peak: 8 },
  ]);
  expect(flaggedWindows(flags, score, { maxGapPoints: 2 })[0]).toEqual({ start: 0, end: 5, direction: 1, peak: 2 });
});

test('flaggedWindows ignores NaN scores for the peak and returns nothing without flags', () => {
  expect(flaggedWindows([1, 1], [NaN, 3])).toEqual([{ start: 0, end: 1, direction: 1, peak: 1 }]);
  expect(flaggedWindows([0, 0, NaN], [1, 2, 3])).toEqual([]);
  expect(flaggedWindows([], [])).toEqual([]);
});

test('flaggedWindows rejects a negative or fractional gap and does not mutate its inputs', () => {
  expect(() => flaggedWindows([1], [1], { maxGapPoints: -1 })).toThrow(/maxGapPoints must be a whole number/);
  const flags = Int8Array.from([1, 0, 1]);
  const score = Float64Array.from([3, 0, 4]);
  flaggedWindows(flags, score, { maxGapPoints: 1 });
  expect(Array.from(flags)).toEqual([1, 0, 1]);
  expect(Array.from(score)).toEqual([3, 0, 4]);
});
