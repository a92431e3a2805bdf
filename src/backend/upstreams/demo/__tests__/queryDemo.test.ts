import { CHECKOUT_CAUSE_LEAD_MS, CHECKOUT_SPIKE, DEMO_METRICS, incidentPhase, loadShape } from '../demoCatalog';
import { alignedTimestamps, MAX_POINTS_PER_SERIES, queryDemo } from '../queryDemo';

const DAY = 86_400_000;
const HOUR = 3_600_000;
const FROM = Date.UTC(2026, 0, 5); // a Monday

test('demo series values are a pure function of (series, timestamp): overlapping ranges at different steps agree', () => {
  const coarse = queryDemo('demo_http_latency_seconds', { fromMs: FROM, toMs: FROM + DAY, stepMs: 15 * 60_000 });
  const fine = queryDemo('demo_http_latency_seconds', {
    fromMs: FROM + 7 * 60_000,
    toMs: FROM + 2 * DAY,
    stepMs: 60_000,
  });
  expect(coarse).toHaveLength(4);
  let compared = 0;
  for (let s = 0; s < coarse.length; s++) {
    const byTime = new Map<number, number>();
    fine[s].timestamps.forEach((t, i) => byTime.set(t, fine[s].values[i]));
    coarse[s].timestamps.forEach((t, i) => {
      if (byTime.has(t)) {
        expect(coarse[s].values[i]).toBe(byTime.get(t));
        compared++;
      }
    });
  }
  expect(compared).toBeGreaterThan(300);
});

test('demo timestamps are aligned to multiples of the step and stay inside the range', () => {
  const ts = alignedTimestamps({ fromMs: 1_000_500, toMs: 1_010_000, stepMs: 2000 });
  expect(Array.from(ts)).toEqual([1_002_000, 1_004_000, 1_006_000, 1_008_000, 1_010_000]);
  expect(alignedTimestamps({ fromMs: 1001, toMs: 1999, stepMs: 1000 })).toHaveLength(0);
});

test('demo queries refuse more points per series than the limit, saying how to fix it', () => {
  expect(() => alignedTimestamps({ fromMs: 0, toMs: MAX_POINTS_PER_SERIES * 1000, stepMs: 1000 })).toThrow(
    /would return 11001 points per series \(limit 11000\).*raise the step/
  );
  expect(() => alignedTimestamps({ fromMs: 10, toMs: 0, stepMs: 1000 })).toThrow(/ends .* before it starts/);
  expect(() => alignedTimestamps({ fromMs: 0, toMs: 10, stepMs: 0 })).toThrow(/step must be a positive/);
});

test('demo queries filter series by label matchers and reject unknown metrics with the list of metrics', () => {
  expect(
    queryDemo('demo_cpu_utilization{host=~"web-.*"}', { fromMs: FROM, toMs: FROM, stepMs: 1000 }).map(
      (r) => r.series.labels.host
    )
  ).toEqual(['web-1', 'web-2', 'web-3']);
  expect(queryDemo('demo_cpu_utilization{host="nope"}', { fromMs: FROM, toMs: FROM, stepMs: 1000 })).toEqual([]);
  expect(() => queryDemo('demo_disk', { fromMs: FROM, toMs: FROM, stepMs: 1000 })).toThrow(
    /unknown demo metric "demo_disk"; available: demo_http_latency_seconds/
  );
});

test('demo load has a daily cycle (afternoon above night) and quieter weekends', () => {
  expect(loadShape(FROM + 14 * HOUR)).toBeGreaterThan(3 * loadShape(FROM + 2 * HOUR));
  expect(loadShape(FROM + 5 * DAY + 14 * HOUR)).toBeCloseTo(0.6 * loadShape(FROM + 14 * HOUR), 10);
});

function mean(values: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < values.length; i++) {
    s += values[i];
  }
  return s / values.length;
}

test('demo kafka-3 carries about a tenth of the other brokers load', () => {
  const r = queryDemo('demo_kafka_bytes_in', { fromMs: FROM, toMs: FROM + DAY, stepMs: 5 * 60_000 });
  const means = Object.fromEntries(r.map((s) => [s.series.labels.broker, mean(s.values)]));
  for (const b of ['kafka-1', 'kafka-2', 'kafka-4']) {
    expect(means['kafka-3'] / means[b]).toBeGreaterThan(0.08);
    expect(means['kafka-3'] / means[b]).toBeLessThan(0.12);
  }
});

test('demo checkout latency spikes at its scheduled incident and other services do not', () => {
  // Find the first incident start after FROM by scanning minutes.
  let start = FROM;
  while (incidentPhase(start, 53 * HOUR, 7 * HOUR, 20 * 60_000) !== 0) {
    start += 60_000;
  }
  const peak = start + 10 * 60_000;
  const before = start - HOUR;
  const at = (expr: string, t: number) => queryDemo(expr, { fromMs: t, toMs: t, stepMs: 60_000 })[0].values[0];
  expect(at('demo_http_latency_seconds{service="checkout"}', peak)).toBeGreaterThan(
    3 * at('demo_http_latency_seconds{service="checkout"}', before)
  );
  expect(at('demo_http_latency_seconds{service="cart"}', peak)).toBeLessThan(
    2 * at('demo_http_latency_seconds{service="cart"}', before)
  );
});

test('demo analytics consumer lag builds up slowly past 180 s and then recovers', () => {
  let start = FROM;
  while (incidentPhase(start, 31 * HOUR, 3 * HOUR, 4 * HOUR) !== 0) {
    start += 60_000;
  }
  const r = queryDemo('demo_consumer_lag{group="analytics"}', {
    fromMs: start,
    toMs: start + 5 * HOUR,
    stepMs: 10 * 60_000,
  })[0];
  const v = Array.from(r.values);
  // Rising through the build-up (each half hour higher than the previous), crossing 180 s near the end.
  for (let i = 3; i < 24; i += 3) {
    expect(v[i]).toBeGreaterThan(v[i - 3]);
  }
  expect(v[23]).toBeGreaterThan(180);
  expect(v[12]).toBeLessThan(180);
  expect(v[26]).toBeLessThan(20);
});

test('demo catalogue series have unique label sets and finite values', () => {
  for (const m of DEMO_METRICS) {
    const keys = new Set(m.series.map((s) => s.key));
    expect(keys.size).toBe(m.series.length);
    for (const s of m.series) {
      for (let t = FROM; t < FROM + 7 * DAY; t += 37 * 60_000) {
        expect(Number.isFinite(s.value(t))).toBe(true);
      }
    }
  }
});

test('demo orders-db slows down 2 minutes before each checkout spike and the other databases do not', () => {
  let start = FROM;
  while (incidentPhase(start, CHECKOUT_SPIKE.periodMs, CHECKOUT_SPIKE.offsetMs, CHECKOUT_SPIKE.durationMs) !== 0) {
    start += 60_000;
  }
  expect(CHECKOUT_CAUSE_LEAD_MS).toBe(2 * 60_000);
  const range = { fromMs: start - 30 * 60_000, toMs: start + 30 * 60_000, stepMs: 60_000 };
  const db = queryDemo('demo_db_query_latency_seconds', range);
  const checkout = queryDemo('demo_http_latency_seconds{service="checkout"}', range)[0].values;
  const orders = db.find((r) => r.series.labels.db === 'orders-db')!.values;
  const argmax = (v: Float64Array) => v.indexOf(Math.max(...v));
  // Both peak mid-incident; the cause 2 points (minutes) earlier.
  expect(argmax(checkout)).toBe(40);
  expect(argmax(orders)).toBe(38);
  expect(orders[38]).toBeGreaterThan(5 * orders[0]);
  for (const r of db.filter((x) => x.series.labels.db !== 'orders-db')) {
    expect(Math.max(...r.values)).toBeLessThan(1.6 * Math.min(...r.values));
  }
});

test('demo selectors without a metric name pick series across metrics by __name__ matchers', () => {
  const range = { fromMs: FROM, toMs: FROM, stepMs: 1000 };
  const names = (expr: string) =>
    queryDemo(expr, range).map((r) => `${r.metric.name} ${Object.values(r.series.labels)}`);
  expect(names('{__name__=~"demo_(db_query|http)_latency_seconds", service!="search"}')).toEqual([
    'demo_http_latency_seconds checkout',
    'demo_http_latency_seconds cart',
    'demo_http_latency_seconds payments',
    'demo_db_query_latency_seconds orders-db',
    'demo_db_query_latency_seconds catalog-db',
    'demo_db_query_latency_seconds sessions-db',
    'demo_db_query_latency_seconds inventory-db',
  ]);
  expect(names('{__name__=~"nothing_.*"}')).toEqual([]);
  expect(names('demo_cpu_utilization{__name__!="demo_cpu_utilization"}')).toEqual([]);
});
