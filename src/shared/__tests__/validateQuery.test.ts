import { LensQuery } from '../queryModel';
import { QUERY_DEFAULTS, QueryValidationError, validateQuery } from '../validateQuery';

const q = (extra: Partial<LensQuery>): LensQuery => ({ refId: 'A', expr: 'm', schemaVersion: 2, ...extra });

function failure(extra: Record<string, unknown>): QueryValidationError {
  try {
    validateQuery(q(extra as Partial<LensQuery>));
  } catch (e) {
    return e as QueryValidationError;
  }
  throw new Error('expected a validation error');
}

test('validateQuery defaults the sensitivity by method: the auto detector’s own, 3 for the σ bands', () => {
  expect(validateQuery(q({})).sensitivity).toBe(QUERY_DEFAULTS.autoSensitivity);
  for (const method of ['moving', 'seasonal', 'stl', 'forecast'] as const) {
    expect(validateQuery(q({ method })).sensitivity).toBe(3);
  }
  expect(validateQuery(q({ sensitivity: 2.5 })).sensitivity).toBe(2.5);
});

test('validateQuery fills every default of an empty version-2 query', () => {
  const o = validateQuery(q({}));
  expect(o).toEqual({
    queryType: 'analysis',
    bandSource: 'computed',
    outputs: ['raw', 'band'],
    method: 'auto',
    seasonality: { mode: 'auto' },
    historyMs: 'auto',
    exclusions: [],
    sensitivity: QUERY_DEFAULTS.autoSensitivity,
    direction: 'both',
    movingWindowMs: 3_600_000,
    flags: { minDurationMs: 0, fractionWindowMs: 900_000 },
    forecast: { horizonMs: 3_600_000, level: 0.95, model: 'auto' },
    threshold: undefined,
    outliers: { algorithm: 'mad', sensitivity: 0.5, percentPoints: 0 },
    change: { windowMs: 300_000 },
    correlate: {
      target: undefined,
      window: undefined,
      contextMs: 'auto',
      method: 'pearson',
      rank: 'cause',
      family: 'apart',
      preprocess: 'difference',
      maxLagMs: 0,
      limit: 1000,
      overlays: 20,
      serviceGraph: 'auto',
      serviceLabel: 'auto',
    },
  });
});

test('validateQuery resolves durations, dedupes and orders outputs and periods, and reads ISO exclusions', () => {
  const o = validateQuery(
    q({
      outputs: ['flag', 'raw', 'flag', 'timeToThreshold'],
      seasonality: ['1w', '1d', '1d'],
      history: '2w',
      threshold: { value: 180, window: '30m' },
      exclusions: [{ from: '2024-01-01T00:00:00Z', to: Date.UTC(2024, 0, 2), label: 'maintenance' }],
    })
  );
  expect(o.outputs).toEqual(['raw', 'flag', 'timeToThreshold']);
  expect(o.seasonality).toEqual({ mode: 'explicit', periodsMs: [86_400_000, 604_800_000] });
  expect(o.historyMs).toBe(14 * 86_400_000);
  expect(o.threshold).toEqual({ value: 180, direction: 'above', windowMs: 1_800_000 });
  expect(o.exclusions).toEqual([{ fromMs: Date.UTC(2024, 0, 1), toMs: Date.UTC(2024, 0, 2), label: 'maintenance' }]);
});

test.each([
  [{ outputs: [] }, 'outputs', /non-empty list/],
  [{ outputs: 'band' }, 'outputs', /non-empty list drawn from raw, band/],
  [{ method: 'prophet' }, 'method', /one of auto, moving, seasonal, stl, forecast; got "prophet"/],
  [{ seasonality: 'daily' }, 'seasonality', /"auto", "none" or a list of season lengths/],
  [{ seasonality: ['1d', '1w', '1h', '30m'] }, 'seasonality', /1 to 3 season lengths/],
  [{ seasonality: ['6w'] }, 'seasonality[0]', /between 2s and 5w/],
  [{ history: 'lots' }, 'history', /not a duration/],
  [{ sensitivity: -1 }, 'sensitivity', /\(0, 20\]; got -1/],
  [{ direction: 'up' }, 'direction', /above, below, both; got "up"/],
  [{ movingWindow: 60 }, 'movingWindow', /duration text/],
  [{ flags: { fractionWindow: '0s' } }, 'flags.fractionWindow', /between 1s and 1w/],
  [{ forecast: { horizon: '5w' } }, 'forecast.horizon', /between 1s and 4w/],
  [{ forecast: { model: 'arima' } }, 'forecast.model', /auto, linear, seasonal/],
  [{ threshold: { value: 'high' } }, 'threshold.value', /finite number/],
  [{ threshold: { value: 1, direction: 'both' } }, 'threshold.direction', /above, below/],
  [{ outliers: { algorithm: 'iforest' } }, 'outliers.algorithm', /mad, dbscan, zscore/],
  [{ outliers: { sensitivity: 1 } }, 'outliers.sensitivity', /\(0, 1\)/],
  [{ outliers: { percentPoints: 101 } }, 'outliers.percentPoints', /\[0, 100\]/],
  [{ change: [] }, 'change', /must be an object/],
  [
    { exclusions: [{ from: 'yesterday', to: 1 }] },
    'exclusions[0].from',
    /epoch milliseconds \(a number or its text\) or an ISO-8601/,
  ],
  [{ queryType: 'forecast' }, 'queryType', /one of analysis, correlations, anomalyWindows, backtest; got "forecast"/],
  [{ queryType: 'correlations' }, 'correlate.target', /is required for correlations queries/],
  [{ queryType: 'correlations', correlate: { target: '  ' } }, 'correlate.target', /is required/],
  [{ correlate: 'm' }, 'correlate', /must be an object/],
  [{ correlate: { target: 3 } }, 'correlate.target', /upstream query \(text\); got 3/],
  [{ correlate: { window: { from: 10 } } }, 'correlate.window.to', /epoch milliseconds/],
  [{ correlate: { window: { from: '$__from', to: 1 } } }, 'correlate.window.from', /got "\$__from"/],
  [{ correlate: { window: { from: 10, to: 10 } } }, 'correlate.window', /must end \(to\) after it starts/],
  [{ correlate: { context: 'soon' } }, 'correlate.context', /not a duration/],
  [{ correlate: { method: 'kendall' } }, 'correlate.method', /pearson, spearman; got "kendall"/],
  [{ correlate: { preprocess: 'log' } }, 'correlate.preprocess', /difference, detrend, none/],
  [{ correlate: { maxLag: '9w' } }, 'correlate.maxLag', /must lie between 0ms and 8w/],
  [{ correlate: { maxLag: 60 } }, 'correlate.maxLag', /duration text/],
  [{ correlate: { limit: 0 } }, 'correlate.limit', /whole number from 1 to 10000; got 0/],
  [{ correlate: { limit: 2.5 } }, 'correlate.limit', /whole number/],
  [{ correlate: { overlays: 101 } }, 'correlate.overlays', /whole number from 0 to 100; got 101/],
  [{ correlate: { serviceGraph: ' ' } }, 'correlate.serviceGraph', /auto, off, or an upstream query/],
  [{ correlate: { serviceGraph: true } }, 'correlate.serviceGraph', /client and server labels; got true/],
  [{ correlate: { serviceLabel: 'service name' } }, 'correlate.serviceLabel', /auto or a label name/],
  [{ exclusionTags: [1] }, 'exclusionTags', /annotation tags/],
])('validateQuery rejects %j naming the field and what is allowed', (extra, field, message) => {
  const e = failure(extra);
  expect(e).toBeInstanceOf(QueryValidationError);
  expect(e.field).toBe(field);
  expect(e.message.startsWith(`${field} `)).toBe(true);
  expect(e.message).toMatch(message);
});

test('validateQuery does not mutate the query', () => {
  const input = q({ outputs: ['flag', 'raw'], seasonality: ['1w', '1d'] });
  const copy = JSON.parse(JSON.stringify(input));
  validateQuery(input);
  expect(input).toEqual(copy);
});

test('validateQuery reads the query type: absent and empty are analysis', () => {
  expect(validateQuery(q({})).queryType).toBe('analysis');
  expect(validateQuery(q({ queryType: '' })).queryType).toBe('analysis');
  expect(validateQuery(q({ queryType: 'anomalyWindows' })).queryType).toBe('anomalyWindows');
});

test('validateQuery resolves correlate options: ms text, ISO and numbers for the window, durations in ms', () => {
  const o = validateQuery(
    q({
      queryType: 'correlations',
      correlate: {
        target: ' demo_http_latency_seconds{service="checkout"} ',
        window: { from: '1704067200000', to: '2024-01-01T01:00:00Z' },
        context: '15m',
        method: 'spearman',
        rank: 'comovement',
        family: 'mixed',
        preprocess: 'none',
        maxLag: '5m',
        limit: 10,
        overlays: 0,
        serviceGraph: ' max by (client, server) (calls_total) ',
        serviceLabel: 'container',
      },
    })
  );
  expect(o.correlate).toEqual({
    target: 'demo_http_latency_seconds{service="checkout"}',
    window: { fromMs: Date.UTC(2024, 0, 1), toMs: Date.UTC(2024, 0, 1, 1) },
    contextMs: 900_000,
    method: 'spearman',
    rank: 'comovement',
    family: 'mixed',
    preprocess: 'none',
    maxLagMs: 300_000,
    limit: 10,
    overlays: 0,
    serviceGraph: 'max by (client, server) (calls_total)',
    serviceLabel: 'container',
  });
  expect(() => validateQuery(q({ correlate: { rank: 'best' as never } }))).toThrow(/correlate.rank/);
  expect(validateQuery(q({ correlate: { context: 'auto' } })).correlate.contextMs).toBe('auto');
  expect(validateQuery(q({ correlate: { window: { from: 5, to: 6.5 }, maxLag: '0' } })).correlate).toMatchObject({
    window: { fromMs: 5, toMs: 6.5 },
    maxLagMs: 0,
  });
});

test('validateQuery ignores outputs of correlations and anomalyWindows queries and sets what they compute', () => {
  const target = { target: 'm' };
  expect(validateQuery(q({ queryType: 'correlations', correlate: target, outputs: [] })).outputs).toEqual(['raw']);
  const w = validateQuery(q({ queryType: 'anomalyWindows', outputs: ['bogus' as never] }));
  expect(w.outputs).toEqual(['band', 'score', 'flag']);
});

describe('validateQuery of a backtest query', () => {
  const bt = (backtest: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
    ({ queryType: 'backtest', backtest, ...extra }) as Record<string, unknown>;

  test('defaults to one variant as saved, a rule firing on any flag every minute over the last hour', () => {
    const o = validateQuery(q({ queryType: 'backtest', sensitivity: 2 }));
    expect(o.outputs).toEqual(['band', 'score', 'flag']);
    const b = o.backtest!;
    expect(b.variants).toHaveLength(1);
    expect(b.variants[0]).toMatchObject({ name: 'variant 1', settings: 'as saved' });
    expect(b.variants[0].options.sensitivity).toBe(2);
    expect(b.rule).toEqual({
      output: 'flag',
      rangeMs: 3_600_000,
      everyMs: 60_000,
      reducer: 'last',
      evaluator: { type: 'outside_range', params: [0, 0] },
      forMs: 0,
    });
    expect(b.incidents).toEqual([]);
    expect(b.matchBeforeMs).toBe(900_000);
    expect(validateQuery(q({})).backtest).toBeUndefined();
  });

  test('resolves each variant as the query with its keys replaced, flags merged key by key', () => {
    const o = validateQuery(
      q({
        queryType: 'backtest',
        method: 'moving',
        flags: { fractionWindow: '5m' },
        backtest: {
          variants: [{}, { name: 'strict', sensitivity: 4, flags: { minDuration: '5m' } }, { method: 'auto' }],
          rule: { reducer: 'max', range: '15m', every: '5m', for: '10m' },
          incidents: [{ from: 0, to: '1970-01-01T00:01:00Z', label: 'outage' }],
          matchBefore: '0',
        },
      })
    );
    const [a, b, c] = o.backtest!.variants;
    expect(a.options.method).toBe('moving');
    expect(b).toMatchObject({ name: 'strict', settings: 'sensitivity 4, flags.minDuration 5m' });
    expect(b.options.sensitivity).toBe(4);
    expect(b.options.flags).toEqual({ minDurationMs: 300_000, fractionWindowMs: 300_000 });
    expect(c).toMatchObject({ name: 'variant 3', settings: 'method auto' });
    expect(c.options.sensitivity).toBe(QUERY_DEFAULTS.autoSensitivity);
    expect(o.backtest!.rule).toMatchObject({ reducer: 'max', rangeMs: 900_000, everyMs: 300_000, forMs: 600_000 });
    expect(o.backtest!.incidents).toEqual([{ fromMs: 0, toMs: 60_000, label: 'outage' }]);
    expect(o.backtest!.matchBeforeMs).toBe(0);
  });

  test.each([
    [bt({ variants: [{}, {}, {}, {}, {}] }), 'backtest.variants must be a list of at most 4 variants'],
    [bt({ variants: [{ expr: 'other' }] }), 'backtest.variants[0].expr is not an option a variant may change'],
    [bt({ variants: [{}, { sensitivity: -1 }] }), 'backtest.variants[1].sensitivity must be a number in (0, 20]'],
    [bt({ variants: [{ name: 'x' }, { name: 'x' }] }), 'backtest.variants must have distinct names'],
    [bt({ rule: { output: 'score' } }), 'backtest.rule.evaluator is required when the rule reads the score'],
    [bt({ rule: { evaluator: { type: 'within_range', params: [1] } } }), 'backtest.rule.evaluator.params must be two'],
    [bt({ rule: { reducer: 'avg' } }), 'backtest.rule.reducer must be one of last, mean, min, max, sum, count'],
    [bt({ rule: { every: '0s' } }), 'backtest.rule.every must lie between 1s and 1d'],
    [bt({ rule: { for: '2d' } }), 'backtest.rule.for must lie between 0ms and 1d'],
    [bt({ incidents: [{ from: 10, to: 5 }] }), 'backtest.incidents[0] ends (to) before it starts (from)'],
    [bt({ incidentTags: 'incident' }), 'backtest.incidentTags must be a list of annotation tags'],
    [bt({}, { bandSource: 'recorded' }), 'bandSource must be computed for a backtest'],
    [bt({}, { sensitivity: 'high' }), 'sensitivity must be a number'],
  ])('rejects %j with a message naming the field', (extra, message) => {
    expect(failure(extra).message).toContain(message);
  });
});
