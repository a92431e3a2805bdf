/**
 * Test helper: generated Prometheus `query_range` bodies, written the many ways a server or proxy may write the
 * same JSON (key order, whitespace, escaped characters, number spellings) and with the faults the JSON path must
 * word (error envelopes, other result types, histograms, off-grid samples, values that are not strings, repeated
 * keys, truncation). Used by the scanner's property test and by the bounded fuzz run in tests/fuzz.
 */
import fc from 'fast-check';
import { seededRandom } from '../../../../analytics/stats/seededRandom';

export const STEP_MS = 60_000;
export const START_MS = 1_704_672_000_000; // 2024-01-08T00:00:00Z, a multiple of the step

/** A JSON value with its spelling chosen: objects keep entry order and may repeat keys. */
type Node = { raw: string } | { str: string } | { arr: Node[] } | { obj: Array<[string, Node]> };

/** Sample value strings as Prometheus writes them, and spellings only a proxy or a bug would produce. */
const valueText = fc.oneof(
  { weight: 6, arbitrary: fc.double({ noNaN: true }).map((v) => String(v)) },
  {
    weight: 6,
    arbitrary: fc
      .tuple(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.integer({ min: 0, max: 20 }))
      .map(([v, d]) => v.toFixed(d)),
  },
  { weight: 3, arbitrary: fc.integer({ min: -1e9, max: 1e9 }).map(String) },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      'NaN',
      '+Inf',
      '-Inf',
      'Inf',
      'Infinity',
      '-Infinity',
      '-0',
      '0',
      '0.0',
      '00.5',
      '.5',
      '5.',
      '+.5',
      '+1.5',
      '-',
      '.',
      '',
      ' ',
      ' 2 ',
      '1e',
      '1e5',
      '1E-5',
      '0x1F',
      '0b11',
      '1_000',
      'abc',
      '9007199254740993',
      '9007199254740992.5',
      '123456789012345678901234567890',
      '1.7976931348623157e308',
      '4.9e-324',
      '0.000000000000000000000001',
      '0.0000000000000000000001',
      '1.5\n',
      'nan',
      '\u00a01'
    ),
  }
);

/** Label names and values: anything JSON can carry, including quotes, backslashes, controls and astral characters. */
const labelText = fc.oneof(
  { weight: 4, arbitrary: fc.stringMatching(/^[a-zA-Z_][a-zA-Z0-9_]{0,12}$/) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 12 }) },
  { weight: 1, arbitrary: fc.constantFrom('__proto__', 'constructor', 'toString', '', '"', '\\', 'a"b\\c\n') }
);

interface SeriesSpec {
  labels: Array<[string, string]>;
  /** Per grid step: undefined = no sample, else the value's JSON token (usually a string). */
  samples: Array<{ k: number; value: Node; offMs: number }>;
  histograms: boolean;
  keyOrder: number;
}

export interface BodySpec {
  points: number;
  series: SeriesSpec[];
  status: 'success' | 'error';
  resultType: string;
  warnings?: Node;
  infos?: Node;
  extraKey: boolean;
  fault: 'none' | 'truncate' | 'byte' | 'duplicate' | 'trailing' | 'bom';
  faultAt: number;
  layoutSeed: number;
}

const sampleValue: fc.Arbitrary<Node> = fc.oneof(
  { weight: 300, arbitrary: valueText.map((s) => ({ str: s })) },
  { weight: 1, arbitrary: fc.constantFrom<Node>({ raw: '1.5' }, { raw: 'null' }, { raw: 'true' }, { arr: [] }) }
);

const seriesSpec = (points: number): fc.Arbitrary<SeriesSpec> =>
  fc.record({
    labels: fc.array(fc.tuple(labelText, labelText), { maxLength: 4 }),
    samples: fc
      .array(
        fc.record({
          k: fc.integer({ min: 0, max: Math.max(0, points - 1) }),
          value: sampleValue,
          offMs: fc.oneof(
            { weight: 300, arbitrary: fc.constant(0) },
            { weight: 1, arbitrary: fc.constantFrom(1, 500, -STEP_MS * (points + 1), STEP_MS * points) }
          ),
        }),
        { maxLength: points + 2 }
      )
      .map((xs) => xs.sort((a, b) => a.k - b.k)),
    histograms: fc.oneof({ weight: 30, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
    keyOrder: fc.integer({ min: 0, max: 5 }),
  });

/** Generated body specs: mostly well-formed success answers, some faults of each kind. */
export const bodySpec: fc.Arbitrary<BodySpec> = fc.integer({ min: 1, max: 12 }).chain((points) =>
  fc.record({
    points: fc.constant(points),
    series: fc.array(seriesSpec(points), { maxLength: 5 }),
    status: fc.oneof(
      { weight: 30, arbitrary: fc.constant('success' as const) },
      { weight: 1, arbitrary: fc.constant('error' as const) }
    ),
    resultType: fc.oneof(
      { weight: 30, arbitrary: fc.constant('matrix') },
      { weight: 1, arbitrary: fc.constantFrom('vector', 'scalar', 'matri\\u0078') }
    ),
    warnings: fc.option(
      fc.oneof(
        {
          weight: 5,
          arbitrary: fc.array(labelText, { maxLength: 3 }).map((ws): Node => ({ arr: ws.map((w) => ({ str: w })) })),
        },
        { weight: 1, arbitrary: fc.constantFrom<Node>({ str: 'one' }, { arr: [{ raw: '1' }] }, { raw: 'null' }) }
      ),
      { nil: undefined }
    ),
    infos: fc.option(
      fc.array(labelText, { maxLength: 2 }).map((ws): Node => ({ arr: ws.map((w) => ({ str: w })) })),
      { nil: undefined }
    ),
    extraKey: fc.boolean(),
    fault: fc.oneof(
      { weight: 24, arbitrary: fc.constant('none' as const) },
      {
        weight: 1,
        arbitrary: fc.constantFrom(
          'truncate' as const,
          'byte' as const,
          'duplicate' as const,
          'trailing' as const,
          'bom' as const
        ),
      }
    ),
    faultAt: fc.double({ min: 0, max: 1, noNaN: true }),
    layoutSeed: fc.integer(),
  })
);

function timestampToken(ms: number, rnd: () => number): string {
  const s = ms / 1000;
  const r = rnd();
  if (r < 0.7 || !Number.isInteger(s)) {
    return String(s);
  }
  if (r < 0.8) {
    return s.toFixed(3);
  }
  if (r < 0.9) {
    return s.toExponential().replace('+', rnd() < 0.5 ? '+' : '');
  }
  return `${s}.0E0`;
}

function stringToken(s: string, rnd: () => number): string {
  const plain = JSON.stringify(s);
  if (rnd() < 0.85) {
    return plain;
  }
  // Escape some ordinary characters too: legal JSON that a hand-written parser must decode.
  return plain.replace(/[a-z.0-9]/g, (c) => (rnd() < 0.5 ? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}` : c));
}

function emit(node: Node, rnd: () => number): string {
  const ws = () => (rnd() < 0.8 ? '' : [' ', '\n', '\t', '\r\n  '][Math.floor(rnd() * 4)]);
  if ('raw' in node) {
    return node.raw;
  }
  if ('str' in node) {
    return stringToken(node.str, rnd);
  }
  if ('arr' in node) {
    return `[${ws()}${node.arr.map((x) => emit(x, rnd)).join(`${ws()},${ws()}`)}${ws()}]`;
  }
  return `{${ws()}${node.obj.map(([k, v]) => `${stringToken(k, rnd)}${ws()}:${ws()}${emit(v, rnd)}`).join(`${ws()},${ws()}`)}${ws()}}`;
}

function rotate<T>(xs: T[], by: number): T[] {
  const k = xs.length === 0 ? 0 : by % xs.length;
  return xs.slice(k).concat(xs.slice(0, k));
}

/** The grid the body's samples are laid on (the request's aligned range and step). */
export function gridOf(spec: BodySpec): { startMs: number; endMs: number; stepMs: number } {
  return { startMs: START_MS, endMs: START_MS + (spec.points - 1) * STEP_MS, stepMs: STEP_MS };
}

/** Writes the body text of a spec. */
export function bodyText(spec: BodySpec): string {
  const rnd = seededRandom(spec.layoutSeed);
  const result: Node = {
    arr: spec.series.map((s) => {
      const entries: Array<[string, Node]> = [
        ['metric', { obj: s.labels.map(([k, v]) => [k, { str: v }] as [string, Node]) }],
        [
          'values',
          {
            arr: s.samples.map((x) => ({
              arr: [{ raw: timestampToken(START_MS + x.k * STEP_MS + x.offMs, rnd) }, x.value],
            })),
          },
        ],
      ];
      if (s.histograms) {
        entries.push(['histograms', { arr: [] }]);
      }
      return { obj: rotate(entries, s.keyOrder) };
    }),
  };
  const data: Array<[string, Node]> = [
    ['resultType', { str: spec.resultType }],
    ['result', result],
  ];
  if (spec.extraKey) {
    data.push([
      'stats',
      {
        obj: [
          ['timings', { obj: [['evalTotalTime', { raw: '0.001' }]] }],
          ['ok', { raw: 'true' }],
        ],
      },
    ]);
  }
  const top: Array<[string, Node]> = [
    ['status', { str: spec.status }],
    ['data', { obj: rotate(data, spec.layoutSeed & 3) }],
  ];
  if (spec.status === 'error') {
    top.push(['errorType', { str: 'execution' }], ['error', { str: 'query timed out' }]);
  }
  if (spec.warnings) {
    top.push(['warnings', spec.warnings]);
  }
  if (spec.infos) {
    top.push(['infos', spec.infos]);
  }
  if (spec.fault === 'duplicate') {
    top.push(['status', { str: 'success' }]);
  }
  let text = emit({ obj: rotate(top, (spec.layoutSeed >>> 2) & 7) }, rnd);
  const at = Math.floor(spec.faultAt * text.length);
  switch (spec.fault) {
    case 'truncate':
      text = text.slice(0, at);
      break;
    case 'byte':
      text = text.slice(0, at) + '{]",:\\x0 '[Math.floor(rnd() * 10)] + text.slice(at + 1);
      break;
    case 'trailing':
      text += rnd() < 0.5 ? ' x' : '{}';
      break;
    case 'bom':
      text = '\ufeff' + text;
      break;
  }
  return text;
}
