import { gaussian } from '../../../analytics/bands/__tests__/bandTestKit';
import { CHECKOUT_SPIKE } from '../../upstreams/demo/demoCatalog';
import { queryDemo } from '../../upstreams/demo/queryDemo';
import { LensQuery, QUERY_SCHEMA_VERSION } from '../../../shared/queryModel';
import { ResolvedBacktest, validateQuery } from '../../../shared/validateQuery';
import { backtestSeries, isPrefixStable } from '../backtestSeries';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const STEP = 5 * MIN;
/** A day holding one checkout spike (20 min every 53 h from 2024-01-01T07:00Z): the one at 2024-01-05T20:00Z. */
const SPIKE = Date.UTC(2024, 0, 1) + CHECKOUT_SPIKE.offsetMs + 2 * CHECKOUT_SPIKE.periodMs;
const FROM = SPIKE - 12 * HOUR;
const TO = SPIKE + 12 * HOUR;

function input(historyMs: number) {
  const r = queryDemo('demo_http_latency_seconds{service="checkout"}', {
    fromMs: FROM - historyMs - HOUR,
    toMs: TO,
    stepMs: STEP,
  })[0];
  return { timestamps: Float64Array.from(r.timestamps), values: Float64Array.from(r.values), stepMs: STEP };
}

function options(q: Partial<LensQuery>) {
  return validateQuery({
    refId: 'A',
    schemaVersion: QUERY_SCHEMA_VERSION,
    expr: 'x',
    queryType: 'anomalyWindows',
    ...q,
  });
}

const RULE: ResolvedBacktest['rule'] = {
  output: 'flag',
  rangeMs: HOUR,
  everyMs: STEP,
  reducer: 'last',
  evaluator: { type: 'outside_range', params: [0, 0] },
  forMs: 0,
};

const span = (fs: Array<{ startMs: number; endMs: number }>) => fs.map((f) => [f.startMs, f.endMs]);

describe('backtestSeries', () => {
  it('runs auto and moving in one pass, the other methods at every evaluation', () => {
    expect(isPrefixStable(options({}))).toBe(true);
    expect(isPrefixStable(options({ method: 'moving' }))).toBe(true);
    expect(isPrefixStable(options({ method: 'seasonal', seasonality: ['1d'] }))).toBe(false);
    expect(isPrefixStable(options({ method: 'seasonal' }))).toBe(false);
    expect(isPrefixStable(options({ method: 'stl', seasonality: ['1d'] }))).toBe(false);
    expect(isPrefixStable(options({ method: 'forecast' }))).toBe(false);
  });

  it.each([
    ['moving', { method: 'moving' }, HOUR, 'last'],
    ['moving with a 10-minute minimum run', { method: 'moving', flags: { minDuration: '10m' } }, HOUR, 'last'],
    [
      'moving with a 10-minute minimum run, sum over the range',
      { method: 'moving', flags: { minDuration: '10m' } },
      HOUR,
      'sum',
    ],
  ] as Array<[string, Partial<LensQuery>, number, ResolvedBacktest['rule']['reducer']]>)(
    'one pass gives the firings of running the query at every evaluation (%s)',
    (_name, q, historyMs, reducer) => {
      const o = options(q);
      const data = input(historyMs);
      const rule = { ...RULE, reducer };
      const one = backtestSeries(data, o, { fromMs: FROM, toMs: TO, historyMs, rule });
      const every = backtestSeries(data, o, { fromMs: FROM, toMs: TO, historyMs, rule, replay: true });
      expect(one.mode).toBe('one pass');
      expect(every.mode).toBe('replayed');
      expect(one.evaluations).toBe(289);
      expect(one.firings.length).toBeGreaterThan(0);
      expect(span(one.firings)).toEqual(span(every.firings));
    }
  );

  it('fires on the checkout spike with the default detector and explains the peak', () => {
    const r = backtestSeries(input(3 * DAY), options({}), { fromMs: FROM, toMs: TO, historyMs: 3 * DAY, rule: RULE });
    const onSpike = r.firings.filter((f) => f.startMs >= SPIKE && f.startMs <= SPIKE + CHECKOUT_SPIKE.durationMs);
    expect(onSpike).toHaveLength(1);
    const f = onSpike[0];
    expect(f.score).toBeGreaterThan(1);
    expect(f.value).toBeGreaterThan(f.expected);
    expect(f.peakMs).toBeGreaterThanOrEqual(f.startMs);
    expect(f.peakMs).toBeLessThan(f.endMs);
    expect(r.method).toBe('auto');
  });

  it('replays a seasonal band at every evaluation with the seasons the rule’s history holds, and catches the spike', () => {
    const o = options({ method: 'seasonal', seasonality: ['1d'] });
    const r = backtestSeries(input(DAY), o, { fromMs: FROM, toMs: TO, historyMs: DAY, rule: RULE });
    expect(r.mode).toBe('replayed');
    expect(r.method).toBe('seasonal');
    expect(r.firings.some((f) => f.startMs >= SPIKE && f.startMs <= SPIKE + CHECKOUT_SPIKE.durationMs)).toBe(true);
  });

  it('runs the default detector continuously; its exact per-evaluation replay fires on the same spike', () => {
    const data = input(3 * DAY);
    const o = options({});
    const one = backtestSeries(data, o, { fromMs: FROM, toMs: TO, historyMs: 3 * DAY, rule: RULE });
    const every = backtestSeries(data, o, { fromMs: FROM, toMs: TO, historyMs: 3 * DAY, rule: RULE, replay: true });
    const onSpike = (fs: typeof one.firings) =>
      fs.filter((f) => f.startMs >= SPIKE && f.startMs <= SPIKE + CHECKOUT_SPIKE.durationMs).map((f) => f.startMs);
    expect(onSpike(one.firings)).toEqual(onSpike(every.firings));
  });

  it('gives the usual value at that time of the season for a firing the same-phase signal carried, one pass or replayed', () => {
    // Every day 20, and 80 from 08:20 to 13:20 UTC (noise σ 2); on the last day the plateau never comes.
    const missing = Date.UTC(2024, 0, 11);
    const start = missing - 8 * DAY;
    const timestamps = Float64Array.from({ length: (9 * DAY) / STEP }, (_, i) => start + i * STEP);
    const g = gaussian(4);
    const values = Float64Array.from(timestamps, (t) => {
      const inDay = t % DAY;
      return (inDay >= 500 * MIN && inDay < 800 * MIN && t < missing ? 80 : 20) + 2 * g();
    });
    const window = { fromMs: missing + 8 * HOUR, toMs: missing + 10 * HOUR, historyMs: 7 * DAY, rule: RULE };
    for (const replay of [false, true]) {
      const r = backtestSeries({ timestamps, values, stepMs: STEP }, options({}), { ...window, replay });
      const f = r.firings.find((x) => x.startMs >= missing + 500 * MIN && x.startMs < missing + 520 * MIN);
      expect(f).toBeDefined();
      expect(f!.direction).toBe(-1);
      expect(f!.usual).toBeGreaterThan(75);
      expect(f!.usual).toBeLessThan(85);
    }
  });

  it('holds the pending period: with for 10m a firing starts two evaluations after the condition first holds', () => {
    const o = options({ method: 'moving' });
    const data = input(HOUR);
    const now = backtestSeries(data, o, { fromMs: FROM, toMs: TO, historyMs: HOUR, rule: RULE });
    const later = backtestSeries(data, o, {
      fromMs: FROM,
      toMs: TO,
      historyMs: HOUR,
      rule: { ...RULE, forMs: 10 * MIN },
    });
    const long = now.firings.filter((f) => f.endMs - f.startMs > 10 * MIN);
    expect(later.firings.map((f) => f.startMs)).toEqual(long.map((f) => f.startMs + 10 * MIN));
  });
});
