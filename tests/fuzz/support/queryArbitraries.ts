/**
 * fast-check generators for `DataQuery` messages whose `json` bytes range from random bytes to near-valid Anomaly
 * Lens queries (src/shared/queryModel.ts): malformed JSON, wrong types, huge strings, deep nesting, unicode,
 * awkward numbers (1e308, -0, "NaN", 2^53+1), schemaVersion 1 and the not-yet-existing 2, every query type with
 * its `correlate` options (windows in and out of range, as ms text or ISO), plus awkward time ranges and
 * maxDataPoints. Our own generators.
 */
import fc from 'fast-check';

export const DEMO_METRIC_NAMES = [
  'demo_http_latency_seconds',
  'demo_db_query_latency_seconds',
  'demo_kafka_bytes_in',
  'demo_consumer_lag',
  'demo_cpu_utilization',
];

/** Fixed window: 2023-11-14T22:13:20Z minus one hour, so valid queries stay cheap (≤ 1000 points). */
export const T_END = 1_700_000_000_000;
export const T_START = T_END - 3_600_000;

const awkwardNumber = fc.oneof(
  fc.constantFrom(0, -0, 1, 2, -1, 1e308, -1e308, 5e-324, 2 ** 53 + 1, 0.5, 1.5, 1e21, 86_400_000),
  fc.double(),
  fc.integer()
);

const awkwardString = fc.oneof(
  fc.constantFrom('', ' ', 'NaN', 'Infinity', '-0', '1e308', 'null', '{}', '\u0000', '\ud800', '\u202e', '🦄'),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 })
);

/** Anything JSON can carry in a field. */
const anyJsonValue = fc.oneof(
  { weight: 3, arbitrary: awkwardNumber },
  { weight: 3, arbitrary: awkwardString },
  { weight: 1, arbitrary: fc.constantFrom(null, true, false, [], {}) },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }) }
);

const labelName = fc.oneof(
  fc.constantFrom('service', 'host', 'instance', 'topic', 'group', '__name__', 'le'),
  fc.stringMatching(/^[a-zA-Z_][a-zA-Z0-9_]{0,8}$/),
  awkwardString
);
const labelValue = fc.oneof(
  fc.constantFrom('checkout', 'web-1', '.*', '.+', '(', ')', '[', '*', '(a+)+$', '\\', '"', 'a|b', '(?<x>y)', '\\p{L}'),
  awkwardString
);
const matchOp = fc.constantFrom('=', '!=', '=~', '!~', '==', '~', '');

/** Selector-shaped text: mostly demo metrics with matchers, sometimes broken punctuation. */
export const selectorText = fc
  .tuple(
    fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...DEMO_METRIC_NAMES) }, { weight: 1, arbitrary: awkwardString }),
    fc.array(fc.tuple(labelName, matchOp, labelValue, fc.boolean()), { maxLength: 4 }),
    fc.constantFrom('{', '', '{{', '('),
    fc.constantFrom('}', '', '}}', ')', '},'),
    fc.constantFrom('', ' ', '\n', '[5m]', ' offset 1h', ' or up')
  )
  .map(([metric, matchers, open, close, tail]) => {
    const body = matchers.map(([l, op, v, quoted]) => (quoted ? `${l}${op}${JSON.stringify(v)}` : `${l}${op}${v}`));
    return matchers.length || open ? `${metric}${open}${body.join(',')}${close}${tail}` : `${metric}${tail}`;
  });

const durationText = fc.oneof(
  fc.constantFrom('0s', '0', '1m', '5m', '15m', '1h', '1w', '9w', '-1m', '1x', ''),
  awkwardString,
  awkwardNumber
);

/** Window times as epoch ms, ms text, ISO text or junk, inside and outside the fixed range. */
const windowTime = fc.oneof(
  fc.integer({ min: T_START - 600_000, max: T_END + 600_000 }),
  fc.integer({ min: T_START, max: T_END }).map(String),
  fc.integer({ min: T_START, max: T_END }).map((t) => new Date(t).toISOString()),
  anyJsonValue
);

/** `correlate` options (queryType correlations), each field present or absent, well typed or not. */
const correlateObject = fc.record(
  {
    target: fc.oneof({ weight: 4, arbitrary: selectorText }, { weight: 1, arbitrary: anyJsonValue }),
    window: fc.oneof(fc.record({ from: windowTime, to: windowTime }, { requiredKeys: [] }), anyJsonValue),
    context: durationText,
    method: fc.oneof(fc.constantFrom('pearson', 'spearman', 'kendall'), anyJsonValue),
    preprocess: fc.oneof(fc.constantFrom('difference', 'detrend', 'none', 'log'), anyJsonValue),
    maxLag: durationText,
    limit: fc.oneof(fc.constantFrom(1, 5, 1000, 10_000, 10_001, 0), anyJsonValue),
    overlays: fc.oneof(fc.constantFrom(0, 1, 20, 100, 101), anyJsonValue),
  },
  { requiredKeys: [] }
);

const queryTypeValue = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom('analysis', 'correlations', 'anomalyWindows', '') },
  { weight: 1, arbitrary: anyJsonValue }
);

/** A query object: each field present or absent, well typed or not. */
const queryObject = fc.record(
  {
    refId: fc.oneof(fc.constantFrom('A', 'B', ''), awkwardString),
    schemaVersion: fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom(1, 2, undefined) },
      { weight: 1, arbitrary: anyJsonValue }
    ),
    expr: fc.oneof({ weight: 6, arbitrary: selectorText }, { weight: 1, arbitrary: anyJsonValue }),
    legendFormat: fc.oneof(
      fc.constantFrom('{{service}}', '{{', '}}', '{{__proto__}}', '{{constructor}}', '{{ host }}'),
      anyJsonValue
    ),
    minStepMs: fc.oneof(fc.constantFrom(1000, 60_000, 0.001), anyJsonValue),
    intervalMs: anyJsonValue,
    maxDataPoints: anyJsonValue,
    datasource: fc.constantFrom({ type: 'seedlabs-anomalylens-datasource', uid: 'x' }, null, 'x'),
    hide: fc.boolean(),
    queryType: queryTypeValue,
    correlate: fc.oneof({ weight: 4, arbitrary: correlateObject }, { weight: 1, arbitrary: anyJsonValue }),
    ['__proto__' as string]: fc.constantFrom({ polluted: true }, null),
  },
  { requiredKeys: [] }
);

/** Well-typed queries over the demo catalogue (valid selectors, sometimes an unknown label or value). */
const nearValidQuery = fc.record(
  {
    refId: fc.constantFrom('A', 'B'),
    schemaVersion: fc.constantFrom(1, undefined),
    expr: fc
      .tuple(
        fc.constantFrom(...DEMO_METRIC_NAMES),
        fc.option(
          fc.tuple(fc.constantFrom('service', 'host', 'nope'), fc.constantFrom('=', '!=', '=~', '!~'), labelValue)
        )
      )
      .map(([m, matcher]) => (matcher ? `${m}{${matcher[0]}${matcher[1]}${JSON.stringify(matcher[2])}}` : m)),
    legendFormat: fc.constantFrom('{{service}}', '{{host}} {{nope}}', '', undefined),
    minStepMs: fc.constantFrom(1000, 30_000, 60_000, undefined),
    queryType: fc.constantFrom('analysis', 'correlations', 'anomalyWindows', undefined),
    correlate: fc.record(
      {
        target: fc.constantFrom(
          'demo_http_latency_seconds{service="checkout"}',
          'demo_db_query_latency_seconds',
          'demo_cpu_utilization{host="nope"}'
        ),
        window: fc
          .tuple(fc.integer({ min: T_START - 60_000, max: T_END }), fc.integer({ min: 0, max: 3_600_000 }))
          .map(([from, len]) => ({ from: String(from), to: from + len })),
        context: fc.constantFrom('0s', '5m', '1h'),
        maxLag: fc.constantFrom('0s', '1m', '10m', '1h'),
        method: fc.constantFrom('pearson', 'spearman'),
        preprocess: fc.constantFrom('difference', 'detrend', 'none'),
        limit: fc.constantFrom(1, 10, 1000),
        overlays: fc.constantFrom(0, 3, 100),
      },
      { requiredKeys: [] }
    ),
  },
  { requiredKeys: ['expr'] }
);

function deepNesting(depth: number, open: string, close: string): string {
  return open.repeat(depth) + close.repeat(depth);
}

/** The bytes of `DataQuery.json`. */
export const queryJsonBytes: fc.Arbitrary<Buffer> = fc.oneof(
  { weight: 60, arbitrary: nearValidQuery.map((o) => Buffer.from(JSON.stringify(o))) },
  { weight: 200, arbitrary: queryObject.map((o) => Buffer.from(JSON.stringify(o) ?? 'undefined')) },
  // Valid object text with one byte flipped or the tail cut: malformed JSON near a good shape.
  {
    weight: 60,
    arbitrary: fc
      .tuple(queryObject, fc.nat(), fc.integer({ min: 0, max: 255 }), fc.boolean())
      .map(([o, at, byte, cut]) => {
        const b = Buffer.from(JSON.stringify(o));
        if (b.length === 0) {
          return b;
        }
        if (cut) {
          return b.subarray(0, at % b.length);
        }
        b[at % b.length] = byte;
        return b;
      }),
  },
  { weight: 40, arbitrary: fc.uint8Array({ maxLength: 64 }).map((a) => Buffer.from(a)) },
  { weight: 40, arbitrary: fc.jsonValue({ maxDepth: 4 }).map((v) => Buffer.from(JSON.stringify(v) ?? '')) },
  {
    weight: 20,
    arbitrary: fc
      .constantFrom(
        '',
        'null',
        '[]',
        '"expr"',
        '1e308',
        '-0',
        'NaN',
        '{"expr":"demo_cpu_utilization","expr":42}',
        '{"schemaVersion":1e308,"expr":"demo_cpu_utilization"}',
        '{"schemaVersion":-0,"expr":"demo_cpu_utilization"}',
        '{"schemaVersion":"1","expr":"demo_cpu_utilization"}',
        '{"schemaVersion":1.0000000000000002,"expr":"demo_cpu_utilization"}',
        '{"expr":"demo_cpu_utilization","minStepMs":1e-320}',
        '{"expr":"demo_cpu_utilization","minStepMs":1e308}',
        '\ufeff{"expr":"demo_cpu_utilization"}'
      )
      .map((s) => Buffer.from(s)),
  },
  // Rare and costly (about 1 case in 320 each): deep nesting (JSON.parse must not overflow the stack into an uncaught RangeError).
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.integer({ min: 1, max: 200_000 }), fc.constantFrom(['[', ']'], ['{"a":', '}'], ['{"expr":[', ']}']))
      .map(([d, [o, c]]) => Buffer.from(deepNesting(d, o, c))),
  },
  // Rare and costly: huge strings (up to a 1 MiB expr, a 1 MiB legend).
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.integer({ min: 1, max: 1 << 20 }), fc.constantFrom('expr', 'legendFormat', 'refId', 'unknownKey'))
      .map(([n, key]) => Buffer.from(JSON.stringify({ expr: 'demo_cpu_utilization', [key]: 'x'.repeat(n) + '{"' }))),
  }
);

/** Time range, interval and maxDataPoints as Grafana (or a broken client) might send them. */
export const queryWindow = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.constant({ fromEpochMS: T_START, toEpochMS: T_END, intervalMS: 15_000, maxDataPoints: 240 }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      fromEpochMS: fc.oneof(fc.constantFrom(0, -1, T_START, 8.64e15, -8.64e15), fc.integer()),
      toEpochMS: fc.oneof(fc.constantFrom(0, T_END, 8.64e15, Number.MAX_SAFE_INTEGER), fc.integer()),
      intervalMS: fc.oneof(fc.constantFrom(0, -1, 1, 2 ** 31), fc.integer()),
      maxDataPoints: fc.oneof(fc.constantFrom(0, -1, 1, 1e6, 2 ** 31 - 1), fc.integer()),
    }),
  }
);

/** One `DataQuery` message as the gRPC layer hands it over. */
export const dataQuery = fc
  .tuple(fc.constantFrom('A', 'B', 'C', ''), queryJsonBytes, queryWindow)
  .map(([refId, json, w]) => ({
    refId,
    json,
    queryType: '',
    maxDataPoints: w.maxDataPoints,
    intervalMS: w.intervalMS,
    timeRange: { fromEpochMS: w.fromEpochMS, toEpochMS: w.toEpochMS },
  }));
