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
  [{ queryType: 'forecast' }, 'queryType', /one of analysis, correlations, anomalyWindows; got "forecast"/],
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
