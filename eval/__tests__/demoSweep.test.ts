import { main } from '../cli/demoSweep';
import { classifyOnsets, demoSweep, falseOnsetsByWeekday } from '../demoSweep';

const STEP = 180_000;
const time = Array.from({ length: 20 }, (_, j) => j * STEP);

test('an onset within two steps of an incident is not false; one farther away is', () => {
  const flag = new Array(20).fill(0);
  flag[3] = 1; // 2 steps before the incident's onset at step 5
  flag[4] = 1; // continues the event: not an onset
  flag[9] = 1; // inside the incident (steps 5–8) and 1 step after its end
  flag[12] = -1; // 4 steps after its end: false
  flag[0] = 1; // a flagged first point counts as an onset
  const c = classifyOnsets(time, flag, [{ onsetMs: 5 * STEP, endMs: 8 * STEP }], STEP);
  expect(c.falseOnsets).toEqual([0, 12 * STEP]);
  expect(c.caught).toEqual([false]); // nothing flagged in (onset, onset + 2 steps]
});

test('an incident is caught only by a flag in the two steps after its onset', () => {
  const at = (j: number) => {
    const flag = new Array(20).fill(0);
    flag[j] = 1;
    return classifyOnsets(time, flag, [{ onsetMs: 5 * STEP, endMs: 15 * STEP }], STEP).caught;
  };
  expect(at(5)).toEqual([false]);
  expect(at(6)).toEqual([true]);
  expect(at(7)).toEqual([true]);
  expect(at(8)).toEqual([false]);
});

test('an incident whose onset lies outside the dashboard is not judged', () => {
  const c = classifyOnsets(time, new Array(20).fill(0), [{ onsetMs: 30 * STEP, endMs: 40 * STEP }], STEP);
  expect(c.caught).toEqual([]);
});

test('the sweep runs the default query on the demo: the checkout spike of 2026-03-12 is flagged in time', async () => {
  const r = await demoSweep([Date.UTC(2026, 2, 13)], ['demo_http_latency_seconds']);
  expect(r.seriesDashboards).toBe(4);
  expect(r.incidents).toEqual([
    expect.objectContaining({
      series: 'demo_http_latency_seconds{service="checkout"}',
      onsetMs: Date.UTC(2026, 2, 12, 22),
      flaggedWithinTwoSteps: true,
    }),
  ]);
  const byDay = falseOnsetsByWeekday(r);
  expect(byDay.map(([d]) => d)).toEqual(['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun']);
  expect(byDay.reduce((a, [, n]) => a + n, 0)).toBe(r.series.reduce((a, s) => a + s.falseOnsets.length, 0));
});

test('the sweep CLI rejects options', async () => {
  await expect(main(['--', '--data', 'x'])).rejects.toThrow(/unexpected argument --data/);
});
