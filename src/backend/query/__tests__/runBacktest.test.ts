/**
 * Backtest queries end to end in process (executeQueries over the demo upstream, Arrow decoded): the frames'
 * shapes, the chunked fetch, the counts and scores recomputed by hand from the firings and the demo's known
 * checkout spikes, variants side by side, and the bounds that answer before any work.
 */
import { CHECKOUT_SPIKE } from '../../upstreams/demo/demoCatalog';
import { BACKTEST_SUMMARY_FRAME, BACKTEST_WINDOW_FRAME } from '../../../shared/queryTypes';
import { decodeTable, TableFrame } from './decodeTable';
import { runOnDemo } from './runOnDemo';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const CHECKOUT = 'demo_http_latency_seconds{service="checkout"}';
const TO = Date.UTC(2024, 0, 22);
const FROM = TO - 7 * DAY;

/** The demo's checkout spikes (20 minutes every 53 h from 2024-01-01T07:00Z) that overlap [from, to]. */
function spikes(from: number, to: number): Array<{ from: number; to: number }> {
  const out = [];
  for (let t = Date.UTC(2024, 0, 1) + CHECKOUT_SPIKE.offsetMs; t <= to; t += CHECKOUT_SPIKE.periodMs) {
    if (t + CHECKOUT_SPIKE.durationMs >= from) {
      out.push({ from: t, to: t + CHECKOUT_SPIKE.durationMs });
    }
  }
  return out;
}

async function run(queries: Array<{ refId: string; json: Record<string, unknown>; from?: number; to?: number }>) {
  return runOnDemo(
    queries.map((q) => ({
      refId: q.refId,
      json: { schemaVersion: 2, queryType: 'backtest', minStepMs: MIN, ...q.json },
      fromMs: q.from ?? FROM,
      toMs: q.to ?? TO,
    }))
  );
}

async function backtest(json: Record<string, unknown>, from = FROM, to = TO): Promise<TableFrame[]> {
  const r = (await run([{ refId: 'B', json, from, to }])).B;
  expect(r.error ?? '').toBe('');
  return r.frames!.map(decodeTable);
}

const num = (t: TableFrame, name: string) => t.field(name).values as number[];

describe('backtest query', () => {
  jest.setTimeout(60_000);

  it('replays the default detector over 7 days in chunks and scores it against the demo spikes by the stated rule', async () => {
    const incidents = spikes(FROM, TO);
    expect(incidents).toHaveLength(3);
    const [summary, daily, windows] = await backtest({
      expr: CHECKOUT,
      backtest: { incidents: incidents.map((i, k) => ({ ...i, label: `spike ${k + 1}` })) },
    });
    expect(summary.name).toBe(BACKTEST_SUMMARY_FRAME.name);
    expect(summary.fields.map((f) => f.name)).toEqual(Object.values(BACKTEST_SUMMARY_FRAME.fields));
    // 7 days at 1 minute plus the rule's hour and 3 days of history: 14,461 points, two chunks of ≤ 10,998.
    expect(summary.meta.executedQueryString).toContain('2 chunks');
    expect(summary.meta.custom.modes).toEqual({ 'variant 1': 'one pass' });
    expect(windows.fields.map((f) => f.name)).toEqual(Object.values(BACKTEST_WINDOW_FRAME.fields));

    const start = num(windows, 'time');
    const end = num(windows, 'timeEnd');
    const fired = start.length;
    expect(num(summary, 'fired')).toEqual([fired]);
    expect(num(summary, 'fired_per_day')[0]).toBeCloseTo(fired / 7, 12);
    // Days: the 7 UTC days of the range plus the day holding `to` (midnight).
    expect(num(daily, 'time')).toEqual(Array.from({ length: 8 }, (_, d) => FROM + d * DAY));
    expect(num(daily, 'variant 1').reduce((a, b) => a + b, 0)).toBe(fired);
    for (let i = 0; i < fired; i++) {
      expect(start[i]).toBeGreaterThanOrEqual(FROM);
      expect(start[i] % MIN).toBe(0);
      expect(end[i]).toBeGreaterThan(start[i]);
    }

    // By hand: a firing counts when it starts at most 15 minutes before a spike or during it.
    const counts = start.map((s) => incidents.findIndex((i) => s >= i.from - 15 * MIN && s <= i.to));
    const caught = incidents.filter((_, k) => counts.includes(k));
    expect(num(summary, 'caught')).toEqual([caught.length]);
    expect(num(summary, 'precision')[0]).toBeCloseTo(counts.filter((k) => k >= 0).length / fired, 12);
    expect(num(summary, 'recall')[0]).toBeCloseTo(caught.length / 3, 12);
    // The default detector catches every spike, within 10 minutes of its start.
    expect(caught).toHaveLength(3);
    const delays = incidents.map(
      (inc) => Math.min(...start.filter((s) => s >= inc.from - 15 * MIN && s <= inc.to)) - inc.from
    );
    delays.sort((a, b) => a - b);
    expect(num(summary, 'median_delay_seconds')).toEqual([delays[1] / 1000]);
    expect(delays[2]).toBeLessThanOrEqual(10 * MIN);
    const tags = windows.field('tags').values as string[];
    const labels = windows.field('incident').values as string[];
    counts.forEach((k, i) => {
      expect(labels[i]).toBe(k >= 0 ? `spike ${k + 1}` : '');
      expect(tags[i]).toBe(`backtest,variant 1,${k >= 0 ? 'incident' : 'false-alarm'}`);
    });
    const text = windows.field('text').values[counts.indexOf(0)] as string;
    expect(text).toMatch(
      /Peak at .*: observed .* expected .*σ\. Method: calibrated auto detector.*Counts for incident spike 1\./
    );
  });

  it('compares variants side by side: a higher sensitivity fires less, an unchanged variant fires alike', async () => {
    const [summary, , a, b, c] = await backtest(
      {
        expr: CHECKOUT,
        method: 'moving',
        backtest: {
          variants: [{ name: 'A' }, { name: 'B', sensitivity: 6 }, { name: 'C' }],
          rule: { reducer: 'last' },
          incidents: spikes(TO - 2 * DAY, TO),
        },
      },
      TO - 2 * DAY
    );
    expect(summary.field('variant').values).toEqual(['A', 'B', 'C']);
    expect(summary.field('settings').values).toEqual(['as saved', 'sensitivity 6', 'as saved']);
    const fired = num(summary, 'fired');
    expect(fired[1]).toBeLessThan(fired[0]);
    expect(num(a, 'time')).toEqual(num(c, 'time'));
    expect(b.meta.custom.variant).toBe('B');
    expect(b.field('variant').values.every((v) => v === 'B')).toBe(true);
  });

  it('gives the figures of the worked example in docs/backtest.md', async () => {
    const [summary] = await backtest({
      expr: CHECKOUT,
      backtest: {
        incidents: spikes(FROM, TO),
        variants: [
          { name: 'default' },
          { name: 'sensitivity 5', sensitivity: 5 },
          { name: 'moving', method: 'moving' },
          { name: 'moving, 5m', method: 'moving', flags: { minDuration: '5m' } },
        ],
      },
    });
    expect(num(summary, 'fired')).toEqual([4, 3, 63, 3]);
    expect(num(summary, 'caught')).toEqual([3, 3, 3, 3]);
    expect(num(summary, 'median_delay_seconds')).toEqual([120, 120, 60, 300]);
    expect(num(summary, 'precision').map((p) => Math.round(p * 100) / 100)).toEqual([0.75, 1, 0.05, 1]);
  });

  it('joins chunks without a seam: a moving-band backtest over 7 days has the firings of one over its last 2', async () => {
    // Three days of history make 7 days at 1 minute two chunks; the moving band only looks back one hour.
    const json = { expr: CHECKOUT, method: 'moving', history: '3d' };
    const [long, , lw] = await backtest(json);
    const [short, , sw] = await backtest(json, TO - 2 * DAY);
    expect(long.meta.executedQueryString).toContain('2 chunks');
    expect(short.meta.executedQueryString).toContain('1 chunk)');
    const tail = num(lw, 'time').filter((t) => t >= TO - 2 * DAY);
    expect(tail.length).toBeGreaterThan(0);
    expect(tail).toEqual(num(sw, 'time'));
  });

  it('answers clear per-query errors before any work, leaving the other queries of the request alone', async () => {
    const r = await run([
      { refId: 'long', json: { expr: CHECKOUT }, from: TO - 60 * DAY },
      { refId: 'fine', json: { expr: CHECKOUT }, from: TO - DAY },
      { refId: 'step', json: { expr: CHECKOUT, minStepMs: undefined } },
      { refId: 'stl', json: { expr: CHECKOUT, method: 'stl', seasonality: ['1d'] } },
      { refId: 'bad', json: { expr: CHECKOUT, backtest: { rule: { reducer: 'avg' } } } },
    ]);
    expect(r.long.status).toBe(400);
    expect(r.long.error).toContain('the backtest range is 8w4d, over the limit of 8w');
    expect(r.fine.error ?? '').toBe('');
    expect(r.step.status).toBe(400);
    // 1-second steps: 7 days + the rule's hour + the history that fits the hour's 10,998 points (7,397) + 1.
    expect(r.step.error).toContain('the backtest needs 615798 points per series');
    expect(r.step.error).toContain('set a larger minStepMs');
    expect(r.stl.status).toBe(400);
    expect(r.stl.error).toContain('evaluate less often (backtest.rule.every)');
    expect(r.bad.status).toBe(400);
    expect(r.bad.error).toContain('query bad: backtest.rule.reducer must be one of');
  });
});
