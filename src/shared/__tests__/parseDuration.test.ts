import { DurationError, formatDuration, parseDuration } from '../parseDuration';

// One grammar for every setting: everything the query options' grammar and the Prometheus settings' grammar
// (timeInterval, minInterval, incrementalQueryOverlapWindow) accepted before they were merged.
test.each([
  ['250ms', 250],
  ['30s', 30_000],
  ['5m', 300_000],
  ['1h30m', 5_400_000],
  ['1d', 86_400_000],
  ['1w', 604_800_000],
  [' 1.5h ', 5_400_000],
  ['15s', 15_000],
  ['1m30s', 90_000],
  ['500ms', 500],
  ['2h', 7_200_000],
  ['1y', 31_536_000_000],
  ['30', 30_000],
  ['0', 0],
  ['2.5', 2_500],
  ['1.5m', 90_000],
  ['1y2w', 31_536_000_000 + 2 * 604_800_000],
])('parseDuration reads %j as %d ms', (text, ms) => {
  expect(parseDuration(text)).toBe(ms);
});

test.each(['', ' ', 'm', 's', '-5m', '5 m', '1d2x', '1 day', '5 minutes', '10x', '.5m', '1e3s'])(
  'parseDuration rejects %j with the accepted form',
  (text) => {
    expect(() => parseDuration(text)).toThrow(DurationError);
    expect(() => parseDuration(text)).toThrow(/"5m"/);
  }
);

test('formatDuration writes the shortest text and round-trips through parseDuration', () => {
  expect(formatDuration(90_000)).toBe('1m30s');
  expect(formatDuration(3 * 86_400_000)).toBe('3d');
  expect(formatDuration(0)).toBe('0s');
  for (const ms of [1, 999, 61_000, 86_400_000 + 1000, 604_800_000 * 2 + 3_600_000]) {
    expect(parseDuration(formatDuration(ms))).toBe(ms);
  }
});
