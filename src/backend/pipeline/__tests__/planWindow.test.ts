import { validateQuery } from '../../../shared/validateQuery';
import { planWindow } from '../planWindow';

const STEP = 60_000;
const DAY = 86_400_000;
const VISIBLE = { fromMs: 100 * DAY, toMs: 100 * DAY + 59 * STEP };
const opts = (q: object) => validateQuery({ refId: 'A', schemaVersion: 2, ...q });

test('planWindow fetches the history asked for when it is within maxHistory and the points limit', () => {
  const plan = planWindow(opts({ outputs: ['band'], method: 'moving', history: '2d' }), VISIBLE, STEP, 10_998, 3 * DAY);
  expect(plan.historyMs).toBe(2 * DAY);
  expect(plan.fetchFromMs).toBe(VISIBLE.fromMs - 2 * DAY);
  expect(plan.notices).toEqual([]);
});

test('planWindow shortens an explicit history to maxHistory with a notice naming the setting', () => {
  const plan = planWindow(opts({ outputs: ['band'], method: 'moving', history: '3d' }), VISIBLE, STEP, 10_998, DAY);
  expect(plan.historyMs).toBe(DAY);
  expect(plan.notices).toEqual([
    'Training history shortened from 3d to 1d: the data source setting maxHistory allows at most 1d. ' +
      'Ask for a shorter history, or raise maxHistory (up to 8w).',
  ]);
});

test('planWindow shortens an auto history to maxHistory too', () => {
  // Seasonal band with auto seasonality asks for 3 days.
  const o = opts({ outputs: ['band'], method: 'seasonal' });
  expect(planWindow(o, VISIBLE, STEP, 10_998).historyMs).toBe(3 * DAY);
  const capped = planWindow(o, VISIBLE, STEP, 10_998, 12 * 3_600_000);
  expect(capped.historyMs).toBe(12 * 3_600_000);
  expect(capped.notices[0]).toMatch(/^Training history shortened from 3d to 12h: the data source setting maxHistory/);
});

test('planWindow with maxHistory 0 fetches no history', () => {
  const plan = planWindow(opts({ outputs: ['band'], method: 'moving', history: '1h' }), VISIBLE, STEP, 10_998, 0);
  expect(plan.historyMs).toBe(0);
  expect(plan.fetchFromMs).toBe(VISIBLE.fromMs);
});

test('planWindow fits the history into maxPointsPerSeries after maxHistory, naming both limits', () => {
  const plan = planWindow(opts({ outputs: ['band'], method: 'moving', history: '3d' }), VISIBLE, STEP, 1000, 2 * DAY);
  // 60 visible points leave 940 for history (15h40m at 1 min).
  expect(plan.historyMs).toBe(940 * STEP);
  expect(plan.notices).toHaveLength(2);
  expect(plan.notices[0]).toMatch(/from 3d to 2d: the data source setting maxHistory/);
  expect(plan.notices[1]).toBe(
    'Training history shortened from 2d to 15h40m: at most 1000 points per series (maxPointsPerSeries) at step 1m. ' +
      'Raise the step (Min interval) or shorten the time range for a longer history.'
  );
});

test('planWindow keeps the 8-week default when no maxHistory is given', () => {
  const plan = planWindow(opts({ outputs: ['band'], method: 'moving', history: '8w' }), VISIBLE, 3_600_000, 10_998);
  expect(plan.historyMs).toBe(8 * 7 * DAY);
  expect(plan.notices).toEqual([]);
});

describe('the history of a query running the default detector starts on a whole hour', () => {
  const HOUR = 3_600_000;
  const auto = opts({ outputs: ['raw', 'band', 'flag'], method: 'auto' });

  it('starts up to an hour earlier, so evaluations within the hour share their first point', () => {
    const firsts = new Set<number>();
    for (let minute = 0; minute < 60; minute++) {
      const from = 100 * DAY + 7 * 60 * STEP + 13 * STEP + minute * STEP;
      const plan = planWindow(auto, { fromMs: from, toMs: from + 999 * STEP }, STEP, 11_000);
      expect(plan.fetchFromMs % HOUR).toBe(0);
      expect(plan.historyMs).toBeGreaterThanOrEqual(3 * DAY);
      expect(plan.historyMs).toBeLessThan(3 * DAY + HOUR);
      expect(plan.visibleFromMs - plan.fetchFromMs).toBe(plan.historyMs);
      firsts.add(plan.fetchFromMs);
    }
    // Minutes 0–46 of the sweep fall in one hour, 47–59 in the next.
    expect(firsts.size).toBe(2);
  });

  it('aligns to a multiple of the step when the step does not divide an hour', () => {
    const step = 7 * STEP;
    const plan = planWindow(auto, { fromMs: 100 * DAY + 5 * STEP, toMs: 101 * DAY }, step, 11_000);
    expect(plan.fetchFromMs % (step * Math.ceil(HOUR / step))).toBe(0);
    expect(plan.fetchFromMs % step).toBe(0);
  });

  it('keeps the bounds: no alignment past maxHistory or the points limit, and none for other methods', () => {
    const from = 100 * DAY + 13 * STEP;
    const capped = planWindow(auto, { fromMs: from, toMs: from + 59 * STEP }, STEP, 11_000, 3 * DAY);
    expect(capped.historyMs).toBe(3 * DAY);
    const full = planWindow(auto, { fromMs: from, toMs: from + 59 * STEP }, STEP, 60 + 3 * 1440);
    expect(full.historyMs).toBe(3 * DAY);
    const moving = planWindow(
      opts({ outputs: ['band'], method: 'moving' }),
      { fromMs: from, toMs: from + 59 * STEP },
      STEP,
      11_000
    );
    expect(moving.fetchFromMs).toBe(from - moving.historyMs);
    expect(moving.fetchFromMs % HOUR).not.toBe(0);
  });
});
