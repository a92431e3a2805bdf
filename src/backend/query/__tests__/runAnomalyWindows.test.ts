/**
 * Anomaly-window queries end to end in process (executeQueries over the demo upstream, Arrow decoded): the demo's
 * checkout spike must come out as a window with its explanation; quiet series give an empty frame with the fields.
 */
import { ANOMALY_WINDOW_FRAME } from '../../../shared/queryTypes';
import { decodeTable, TableFrame } from './decodeTable';
import { runOnDemo } from './runOnDemo';

const MIN = 60_000;
const HOUR = 60 * MIN;
// A checkout latency spike of the demo (every 53 h from 2024-01-01T07:00Z; k = 10): 09:00–09:20, peak 09:10.
const SPIKE = Date.UTC(2024, 0, 23, 9);
const CHECKOUT = 'demo_http_latency_seconds{service="checkout"}';

async function windows(json: Record<string, unknown>, from = SPIKE - 2 * HOUR, to = SPIKE + HOUR): Promise<TableFrame> {
  const r = (
    await runOnDemo([
      { refId: 'W', json: { schemaVersion: 2, queryType: 'anomalyWindows', ...json }, fromMs: from, toMs: to },
    ])
  ).W;
  expect(r.error ?? '').toBe('');
  expect(r.frames).toHaveLength(1);
  return decodeTable(r.frames![0]);
}

test('anomalyWindows returns the checkout spike as a window explained with expected value, band and σ', async () => {
  const t = await windows({ expr: CHECKOUT, method: 'moving', direction: 'above', sensitivity: 4, outputs: ['raw'] });
  expect(t.name).toBe(ANOMALY_WINDOW_FRAME.name);
  expect(t.fields.map((f) => f.name)).toEqual(Object.values(ANOMALY_WINDOW_FRAME.fields));
  const time = t.field('time').values as number[];
  const end = t.field('timeEnd').values as number[];
  const i = time.findIndex((s, k) => s <= SPIKE + 10 * MIN && end[k] >= SPIKE + 5 * MIN);
  expect(i).toBeGreaterThanOrEqual(0);
  expect(time[i]).toBeGreaterThanOrEqual(SPIKE);
  expect(t.field('title').values[i]).toBe(`${CHECKOUT} above its band`);
  expect(t.field('tags').values[i]).toBe('anomaly,above,moving');
  expect(t.field('series').values[i]).toBe(CHECKOUT);
  // direction above: a one-sided band, so only its upper edge is named.
  const text = t.field('text').values[i] as string;
  expect(text).toMatch(/observed \d+(\.\d+)? (ms|s), expected \d+(\.\d+)? ms \(band up to [\d.]+ ms\), \+\d+\.\dσ\./);
  expect(text).toContain('Method: moving average, deviation measured against the level.');
  const score = t.field('score').values[i] as number;
  expect(score).toBeGreaterThan(4);
  expect(t.field('value').values[i] as number).toBeGreaterThan(t.field('expected').values[i] as number);
  // Rows sorted by time.
  expect([...time].sort((a, b) => a - b)).toEqual(time);
});

test('anomalyWindows respects flags.minDuration: a 15-minute minimum leaves only long runs', async () => {
  const t = await windows({ expr: CHECKOUT, method: 'moving', sensitivity: 4, flags: { minDuration: '15m' } });
  const time = t.field('time').values as number[];
  const end = t.field('timeEnd').values as number[];
  time.forEach((s, k) => expect(end[k] - s).toBeGreaterThanOrEqual(15 * MIN));
});

test('anomalyWindows over quiet series is an empty frame that still has every field', async () => {
  const t = await windows(
    { expr: 'demo_cpu_utilization{host="web-1"}', method: 'moving', sensitivity: 20 },
    SPIKE - HOUR,
    SPIKE
  );
  expect(t.fields.map((f) => f.name)).toEqual(Object.values(ANOMALY_WINDOW_FRAME.fields));
  expect(t.fields.every((f) => f.values.length === 0)).toBe(true);
  expect(t.meta.custom).toMatchObject({ method: 'moving', sensitivity: 20, stepMs: MIN, series: 1 });
});

test('anomalyWindows says which method was used after a fallback', async () => {
  // STL needs two seasons; with no history there is none, so the moving band stands in and the text says so.
  const t = await windows({ expr: CHECKOUT, method: 'stl', seasonality: ['1d'], history: '0s', sensitivity: 4 });
  expect(t.meta.notices.some((n: { text: string }) => /STL needs two seasons/.test(n.text))).toBe(true);
  const texts = t.field('text').values as string[];
  expect(texts.length).toBeGreaterThan(0);
  expect(texts.every((x) => x.includes('Method: moving average (fallback: STL could not be used here)'))).toBe(true);
  expect((t.field('tags').values as string[]).every((x) => x.endsWith(',moving'))).toBe(true);
});
