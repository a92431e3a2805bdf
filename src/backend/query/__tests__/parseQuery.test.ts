import { QUERY_SCHEMA_VERSION } from '../../../shared/queryModel';
import { MAX_QUERY_JSON_DEPTH } from '../jsonNestingPath';
import { MAX_EXPR_LENGTH, MAX_LEGEND_FORMAT_CHARS, parseQueryJson } from '../parseQuery';
import { LensError } from '../../errors/LensError';

function errorOf(json: string): LensError {
  try {
    parseQueryJson('A', json);
  } catch (e) {
    return e as LensError;
  }
  throw new Error(`expected ${json} to fail`);
}

test('parseQuery accepts a current query and ignores the keys Grafana adds', () => {
  const q = parseQueryJson(
    'A',
    Buffer.from(
      JSON.stringify({
        refId: 'A',
        datasource: { uid: 'x' },
        intervalMs: 1000,
        schemaVersion: 1,
        expr: '  demo_cpu_utilization ',
        legendFormat: '{{host}}',
        minStepMs: 30000,
      })
    )
  );
  expect(q).toMatchObject({
    refId: 'A',
    schemaVersion: 1,
    expr: 'demo_cpu_utilization',
    legendFormat: '{{host}}',
    minStepMs: 30000,
  });
  // A version-1 query keeps its meaning after migration: the raw series only.
  expect(q.options.outputs).toEqual(['raw']);
});

test('parseQuery treats a missing schemaVersion as version 1 and an empty legendFormat as absent', () => {
  const q = parseQueryJson('B', '{"expr":"m","legendFormat":""}');
  expect(q).toMatchObject({ refId: 'B', schemaVersion: 1, expr: 'm' });
  expect(q.legendFormat).toBeUndefined();
  expect(q.options.outputs).toEqual(['raw']);
});

test.each([
  ['{"expr":', /malformed/],
  ['[1]', /must be an object, got array/],
  ['null', /must be an object, got null/],
  ['{}', /expr is missing/],
  ['{"expr":"   "}', /expr is empty/],
  ['{"expr":5}', /expr must be a string, got number/],
  ['{"expr":"m","legendFormat":3}', /legendFormat must be a string/],
  ['{"expr":"m","minStepMs":-1}', /minStepMs must be a positive number/],
  ['{"expr":"m","minStepMs":"60s"}', /minStepMs must be a positive number/],
  ['{"expr":"m","schemaVersion":0}', /schemaVersion must be a positive integer/],
  ['{"expr":"m","schemaVersion":1.5}', /schemaVersion must be a positive integer/],
  [`{"expr":"m","schemaVersion":${QUERY_SCHEMA_VERSION + 1}}`, /newer than this plugin understands.*update/],
  ['{"expr":"m","schemaVersion":2,"outputs":["band","halo"]}', /outputs may only contain raw, band, .*got "halo"/],
  [
    '{"expr":"m","schemaVersion":2,"method":"arima"}',
    /method must be one of auto, moving, seasonal, stl, forecast; got "arima"/,
  ],
  ['{"expr":"m","schemaVersion":2,"sensitivity":0}', /sensitivity must be a number in \(0, 20\]; got 0/],
  ['{"expr":"m","schemaVersion":2,"seasonality":["1 day"]}', /seasonality\[0\] .*use a number and a unit/],
  [
    '{"expr":"m","schemaVersion":2,"outputs":["timeToThreshold"]}',
    /threshold.value is required when outputs include timeToThreshold/,
  ],
  ['{"expr":"m","schemaVersion":2,"forecast":{"level":95}}', /forecast.level must be a number in \(0, 1\); got 95/],
  ['{"expr":"m","schemaVersion":2,"exclusions":[{"from":20,"to":10}]}', /exclusions\[0\] ends \(to\) before it starts/],
  ['{"expr":"m","schemaVersion":2,"history":"9w"}', /history must lie between 1s and 8w; got "9w"/],
])('parseQuery rejects %s as a 400 downstream error with a message saying what to fix', (json, message) => {
  const e = errorOf(json);
  expect(e).toBeInstanceOf(LensError);
  expect(e.status).toBe(400);
  expect(e.errorSource).toBe('downstream');
  expect(e.message).toMatch(/^query A: /);
  expect(e.message).toMatch(message);
});

test('parseQuery decodes UTF-8, not ASCII', () => {
  expect(parseQueryJson('A', Buffer.from('{"expr":"m{l=\\"é\\"}"}', 'utf8')).expr).toBe('m{l="é"}');
});

test('an expr over the length limit is refused with the limit named, without echoing the text', () => {
  const huge = 'x'.repeat(MAX_EXPR_LENGTH + 1);
  expect(() => parseQueryJson('A', JSON.stringify({ expr: huge }))).toThrow(
    new RegExp(`expr is ${MAX_EXPR_LENGTH + 1} characters long; the limit is ${MAX_EXPR_LENGTH}`)
  );
  try {
    parseQueryJson('A', JSON.stringify({ expr: huge }));
  } catch (e) {
    expect((e as Error).message.length).toBeLessThan(200);
  }
});

test('parseQuery takes the protocol queryType when the JSON has none, and the JSON one otherwise', () => {
  const target = { schemaVersion: 2, expr: 'demo_up', correlate: { target: 'demo_up{service="a"}' } };
  expect(parseQueryJson('A', JSON.stringify(target), 'correlations').options.queryType).toBe('correlations');
  expect(
    parseQueryJson('A', JSON.stringify({ ...target, queryType: 'anomalyWindows' }), 'correlations').options.queryType
  ).toBe('anomalyWindows');
  expect(parseQueryJson('A', JSON.stringify(target), '').options.queryType).toBe('analysis');
});

test('query JSON nested deeper than the limit is a 400 naming the field, even 5,000 levels deep', () => {
  // Written as text: JSON.stringify itself cannot write 5,000 levels on a small stack.
  const e = errorOf(`{"expr":"up","options":${'{"x":'.repeat(5000)}1${'}'.repeat(5000)}}`);
  expect(e).toBeInstanceOf(LensError);
  expect(e.status).toBe(400);
  expect(e.message).toMatch(
    new RegExp(
      `^query A: the query JSON nests more than ${MAX_QUERY_JSON_DEPTH} levels of objects and arrays \\(field ` +
        `options\\.x\\.x.*\\); the limit is ${MAX_QUERY_JSON_DEPTH}: remove the nesting or resave the query`
    )
  );
  expect(e.message.length).toBeLessThan(400);
  // Grafana's own nesting (datasource, a few levels of options) is far inside it.
  expect(() =>
    parseQueryJson('A', JSON.stringify({ expr: 'up', datasource: { type: 't', uid: 'u' }, extra: [[{ a: [1] }]] }))
  ).not.toThrow();
});

test('a legendFormat over the limit is refused with the limit named', () => {
  expect(
    parseQueryJson('A', JSON.stringify({ expr: 'up', legendFormat: 'l'.repeat(MAX_LEGEND_FORMAT_CHARS) })).legendFormat
  ).toHaveLength(MAX_LEGEND_FORMAT_CHARS);
  const e = errorOf(JSON.stringify({ expr: 'up', legendFormat: '{{host}}'.repeat(175_000) }));
  expect(e.status).toBe(400);
  expect(e.message).toBe(
    `query A: legendFormat is 1400000 characters long; the limit is ${MAX_LEGEND_FORMAT_CHARS}: shorten the Legend`
  );
});
