/**
 * Correlations queries end to end in process (executeQueries over the demo upstream, Arrow decoded): the demo's
 * causal incident (orders-db slows down 2 minutes before each checkout spike) must come out first with lag +120 s,
 * the frames must have the contract's shape, and every way the query can be unusable must say so for its refId.
 */
import { CORRELATION_FRAME, OVERLAY_RANK_LABEL, OVERLAY_ROLE_LABEL } from '../../../shared/queryTypes';
import type { DataResponse } from '../../server/protoTypes';
import { decodeTable, TableFrame } from './decodeTable';
import { runOnDemo } from './runOnDemo';

const MIN = 60_000;
const HOUR = 60 * MIN;
// A checkout latency spike of the demo (every 53 h from 2024-01-01T07:00Z; k = 10) lasts 09:00–09:20.
const SPIKE = Date.UTC(2024, 0, 23, 9);
const FROM = SPIKE - HOUR;
const TO = SPIKE + HOUR;
const CHECKOUT = 'demo_http_latency_seconds{service="checkout"}';
const ALL = '{__name__=~"demo_.*"}';

async function run(json: Record<string, unknown>, from = FROM, to = TO): Promise<DataResponse> {
  const responses = await runOnDemo([
    { refId: 'A', json: { schemaVersion: 2, queryType: 'correlations', ...json }, fromMs: from, toMs: to },
  ]);
  return responses.A;
}

async function frames(json: Record<string, unknown>, from = FROM, to = TO): Promise<TableFrame[]> {
  const r = await run(json, from, to);
  expect(r.error ?? '').toBe('');
  return (r.frames ?? []).map(decodeTable);
}

const spikeQuery = (correlate: Record<string, unknown> = {}) => ({
  expr: ALL,
  correlate: {
    target: CHECKOUT,
    window: { from: SPIKE - 10 * MIN, to: SPIKE + 30 * MIN },
    maxLag: '10m',
    ...correlate,
  },
});

test('correlations rank the known cause first: orders-db leads the checkout spike by 120 s', async () => {
  const [table] = await frames(spikeQuery());
  expect(table.name).toBe(CORRELATION_FRAME.name);
  expect(table.field('series').values[0]).toBe('demo_db_query_latency_seconds{db="orders-db"}');
  expect(table.field('lag_seconds').values[0]).toBe(120);
  expect(table.field('direction').values[0]).toBe('with');
  expect(table.field('score').values[0] as number).toBeGreaterThan(0.8);
  // Far ahead of the rest, which only share the load shape.
  expect(Math.abs(table.field('score').values[1] as number)).toBeLessThan(0.5);
});

test('the correlations table has the contract fields in order, ranks best first and excludes the target', async () => {
  const [table] = await frames(spikeQuery());
  expect(table.fields.map((f) => f.name)).toEqual(Object.values(CORRELATION_FRAME.fields));
  const n = table.fields[0].values.length;
  // Every demo series but the target itself (the demo has 19 series).
  expect(n).toBe(18);
  expect(table.field('rank').values).toEqual(Array.from({ length: n }, (_, i) => i + 1));
  // Ranked by the cause score (outside the target's metric family first; the demo has none here).
  const cause = table.field('cause_score').values as number[];
  expect([...cause].sort((a, b) => b - a)).toEqual(cause);
  expect(table.field('series').values).not.toContain(CHECKOUT);
  expect(table.field('labels').values[0]).toBe('{db="orders-db"}');
  expect(table.field('explore_expr').values[0]).toBe('demo_db_query_latency_seconds{db="orders-db"}');
  // The co-movement is measured inside the window (the baseline before it feeds the change): 40 minutes at 1 m is 41
  // points, 40 differences, and the best lag of 2 steps pairs 38 of them.
  expect(table.field('overlap').values[0]).toBe(38);
  expect(table.meta.preferredVisualisationType).toBe('table');
  expect(table.meta.custom).toEqual({
    target: CHECKOUT,
    windowFromMs: SPIKE - 10 * MIN,
    windowToMs: SPIKE + 30 * MIN,
    stepMs: MIN,
    method: 'pearson',
    preprocess: 'difference',
    rank: 'cause',
    family: 'apart',
    noClearCause: false,
    maxLagSeconds: 600,
    serviceGraph: 'none (auto reads no service graph from demo)',
    candidates: 18,
  });
});

test('correlations add overlay frames for the target and the top candidates over window plus context', async () => {
  const all = await frames(spikeQuery({ overlays: 3, context: '15m', limit: 5 }));
  expect(all).toHaveLength(1 + 1 + 3);
  const [table, target, ...candidates] = all;
  expect(table.fields[0].values).toHaveLength(5);
  expect(table.meta.custom.candidates).toBe(18);
  const value = (f: TableFrame) => f.fields[1];
  expect(value(target).name).toBe('value');
  expect(value(target).labels).toEqual({ service: 'checkout', [OVERLAY_ROLE_LABEL]: 'correlation_target' });
  expect(value(target).config).toMatchObject({ unit: 's' });
  expect(candidates.map((f) => value(f).labels![OVERLAY_RANK_LABEL])).toEqual(['1', '2', '3']);
  expect(value(candidates[0]).labels).toEqual({
    db: 'orders-db',
    [OVERLAY_ROLE_LABEL]: 'correlation_candidate',
    [OVERLAY_RANK_LABEL]: '1',
  });
  // Analysed range: 15 m of context before the 40 m window, one point per minute, both ends included.
  const time = target.fields[0].values as number[];
  expect(time[0]).toBe(SPIKE - 25 * MIN);
  expect(time[time.length - 1]).toBe(SPIKE + 30 * MIN);
  expect(time).toHaveLength(56);
  expect(value(candidates[0]).values).toHaveLength(56);
});

test('correlations read the window as epoch-ms text (interpolated ${__from}) and default it to the query range', async () => {
  const [asText] = await frames(
    spikeQuery({ window: { from: String(SPIKE - 10 * MIN), to: new Date(SPIKE + 30 * MIN).toISOString() } })
  );
  expect(asText.meta.custom.windowFromMs).toBe(SPIKE - 10 * MIN);
  expect(asText.field('series').values[0]).toBe('demo_db_query_latency_seconds{db="orders-db"}');
  const [whole] = await frames({ expr: 'demo_db_query_latency_seconds', correlate: { target: CHECKOUT } });
  expect(whole.meta.custom).toMatchObject({ windowFromMs: FROM, windowToMs: TO, maxLagSeconds: 0 });
  expect(whole.field('series').values[0]).toBe('demo_db_query_latency_seconds{db="orders-db"}');
  expect(whole.field('lag_seconds').values[0]).toBe(0);
});

test('a target query with several series uses the first by name and says so', async () => {
  const [table] = await frames({
    expr: 'demo_db_query_latency_seconds',
    correlate: { target: 'demo_http_latency_seconds' },
  });
  expect(table.meta.custom.target).toBe('demo_http_latency_seconds{service="cart"}');
  expect(table.meta.notices[0].text).toMatch(/returned 4 series; correlated with the first by name, .*cart/);
});

test.each([
  [{ correlate: {} }, /correlate.target is required for correlations queries/],
  [
    { correlate: { target: 'demo_cpu_utilization{host="nope"}' } },
    /target query \(correlate.target\) returned no series/,
  ],
  [
    { correlate: { target: CHECKOUT, window: { from: FROM - HOUR, to: FROM + HOUR } } },
    /correlate.window \(.*\) must lie inside the query's time range/,
  ],
  [
    { correlate: { target: CHECKOUT, context: '0s', window: { from: SPIKE, to: SPIKE + 3 * MIN } } },
    /hold 4 points at step 1m; correlations need at least 6/,
  ],
  [
    { correlate: { target: CHECKOUT, context: '0s', maxLag: '31m' } },
    /correlate.maxLag must be at most a quarter .*2h1m → 30m15s\); got 31m/,
  ],
  [
    { expr: 'demo_cpu_utilization{host="nope"}', correlate: { target: CHECKOUT } },
    /candidate query \(expr\) returned no series;/,
  ],
  [{ expr: CHECKOUT, correlate: { target: CHECKOUT } }, /returned no series other than the target/],
  [{ correlate: { target: 'demo_nope' } }, /unknown demo metric "demo_nope"/],
])('correlations answer %j with a 400 that says what to change', async (json, message) => {
  const r = await run({ expr: ALL, ...json });
  expect(r.status).toBe(400);
  expect(r.error).toMatch(/^query A: /);
  expect(r.error).toMatch(message);
  expect(r.frames ?? []).toHaveLength(0);
});
