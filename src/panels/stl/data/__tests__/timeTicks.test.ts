import { timeTicks } from '../timeTicks';

const H = 3600_000;
const D = 24 * H;
const T = Date.UTC(2026, 11, 5, 7, 43, 20);

test('timeTicks puts ticks on round hours for a six-hour range, at most the count asked for', () => {
  const t = timeTicks(T, T + 6 * H, 6);
  expect(t.stepMs).toBe(H);
  expect(t.ticks.map((x) => new Date(x).toISOString().slice(11, 16))).toEqual([
    '08:00',
    '09:00',
    '10:00',
    '11:00',
    '12:00',
    '13:00',
  ]);
  expect(t.format).toBe('HH:mm');
});

test('timeTicks counts in local time: with a +5:30 zone the ticks fall on the local round hours', () => {
  const offset = 5.5 * H;
  const t = timeTicks(T, T + 12 * H, 4, () => offset);
  expect(t.stepMs).toBe(3 * H);
  for (const x of t.ticks) {
    expect(((x + offset) % (3 * H)) / H).toBe(0);
  }
});

test('timeTicks labels days on a week and stays within the range', () => {
  const t = timeTicks(T, T + 7 * D, 4);
  expect(t.stepMs).toBe(2 * D);
  expect(t.format).toBe('MM-DD');
  expect(t.ticks.every((x) => x >= T && x <= T + 7 * D && x % D === 0)).toBe(true);
  expect(t.ticks.length).toBeLessThanOrEqual(4);
});

test('timeTicks shows the day beside the hour when hour ticks cross midnight', () => {
  expect(timeTicks(T, T + 2 * D, 6).format).toBe('MM-DD HH:mm');
});

test('timeTicks gives the single time of an empty range and nothing for bad bounds', () => {
  expect(timeTicks(T, T, 5).ticks).toEqual([T]);
  expect(timeTicks(NaN, T, 5).ticks).toEqual([]);
});
