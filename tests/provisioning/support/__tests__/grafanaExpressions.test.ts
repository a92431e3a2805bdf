/**
 * The expression checker refuses what Grafana refuses and accepts what Grafana's own rule editor writes. Each
 * refusal row names the part of Grafana's message the checker must give (docs/grafana-expressions.md lists the
 * rules with their source).
 */
import { parseMathExpression } from '../mathExpression';
import { checkRulePipeline, parseExpression, RuleQuery } from '../grafanaExpressions';

const A: RuleQuery = { refId: 'A', datasourceUid: 'anomalylens-demo', model: { refId: 'A', expr: 'up' } };
const expr = (refId: string, model: Record<string, unknown>): RuleQuery => ({
  refId,
  datasourceUid: '__expr__',
  model: { refId, ...model },
});
/** What Grafana's editor saves for each expression (as its rule export shows): the classic-condition stub, the
 * expression data source and the default interval and points ride along in every expression model. */
const editorExtras = (refId: string) => ({
  datasource: { type: '__expr__', uid: '__expr__' },
  intervalMs: 1000,
  maxDataPoints: 43200,
  conditions: [
    {
      evaluator: { params: [0], type: 'gt' },
      operator: { type: 'and' },
      query: { params: [refId] },
      reducer: { params: [], type: 'last' },
      type: 'query',
    },
  ],
});
const reduceB = (extra: Record<string, unknown> = {}) =>
  expr('B', { type: 'reduce', expression: 'A', reducer: 'last', ...extra });
const thresholdC = (evaluator: unknown, extra: Record<string, unknown> = {}) =>
  expr('C', { type: 'threshold', expression: 'B', conditions: [{ evaluator }], ...extra });

interface Case {
  name: string;
  data: RuleQuery[];
  condition?: string;
}

const REJECTED: Array<Case & { because: string }> = [
  {
    name: 'reduce mode strict (strict is written as an absent or empty mode)',
    data: [A, reduceB({ settings: { mode: 'strict' } }), thresholdC({ type: 'gt', params: [1] })],
    because: "reducer mode 'strict' is not supported. Supported only: [dropNN,replaceNN]",
  },
  {
    name: 'reduce mode in other capitals (modes are matched exactly)',
    data: [A, reduceB({ settings: { mode: 'dropnn' } }), thresholdC({ type: 'gt', params: [1] })],
    because: "reducer mode 'dropnn' is not supported",
  },
  {
    name: 'reduce mode null',
    data: [A, reduceB({ settings: { mode: null } }), thresholdC({ type: 'gt', params: [1] })],
    because: "reducer mode 'null' is not supported",
  },
  {
    name: 'reduce settings that are not an object',
    data: [A, reduceB({ settings: 'dropNN' }), thresholdC({ type: 'gt', params: [1] })],
    because: 'field settings must be an object',
  },
  {
    name: 'replaceNN without replaceWithValue',
    data: [A, reduceB({ settings: { mode: 'replaceNN' } }), thresholdC({ type: 'gt', params: [1] })],
    because: "setting replaceWithValue must be specified when mode is 'replaceNN'",
  },
  {
    name: 'replaceNN with a string replaceWithValue',
    data: [
      A,
      reduceB({ settings: { mode: 'replaceNN', replaceWithValue: '0' } }),
      thresholdC({ type: 'gt', params: [1] }),
    ],
    because: 'setting replaceWithValue must be a number',
  },
  {
    name: 'unknown reducer (avg is a classic-condition reducer, not a reduce one)',
    data: [A, reduceB({ reducer: 'avg' }), thresholdC({ type: 'gt', params: [1] })],
    because: 'reduction avg not implemented',
  },
  {
    name: 'reduce without a reducer',
    data: [A, expr('B', { type: 'reduce', expression: 'A' }), thresholdC({ type: 'gt', params: [1] })],
    because: 'no reducer specified',
  },
  {
    name: 'reduce of a refId that does not exist',
    data: [A, reduceB({ expression: 'Z' }), thresholdC({ type: 'gt', params: [1] })],
    because: "unable to find dependent node 'Z'",
  },
  {
    name: 'unknown evaluator type',
    data: [A, reduceB(), thresholdC({ type: 'above', params: [1] })],
    because: 'expected threshold function to be one of',
  },
  {
    name: 'evaluator without its parameter',
    data: [A, reduceB(), thresholdC({ type: 'gt', params: [] })],
    because: "incorrect number of arguments for threshold function 'gt': got 0 but need 1",
  },
  {
    name: 'range evaluator with one parameter',
    data: [A, reduceB(), thresholdC({ type: 'within_range', params: [1] })],
    because: 'got 1 but need 2',
  },
  {
    name: 'evaluator parameter given as a string',
    data: [A, reduceB(), thresholdC({ type: 'gt', params: ['1'] })],
    because: 'params must be a list of numbers',
  },
  {
    name: 'threshold with two conditions',
    data: [
      A,
      reduceB(),
      expr('C', {
        type: 'threshold',
        expression: 'B',
        conditions: [{ evaluator: { type: 'gt', params: [1] } }, { evaluator: { type: 'lt', params: [0] } }],
      }),
    ],
    because: 'threshold expression requires exactly one condition',
  },
  {
    name: 'recovery threshold with an unknown evaluator type',
    data: [
      A,
      reduceB(),
      expr('C', {
        type: 'threshold',
        expression: 'B',
        conditions: [{ evaluator: { type: 'gt', params: [1] }, unloadEvaluator: { type: 'below', params: [0] } }],
      }),
    ],
    because: 'invalid unloadCondition',
  },
  {
    name: 'threshold written with $ (threshold takes the refId itself, so "$B" names no query)',
    data: [A, reduceB(), thresholdC({ type: 'gt', params: [1] }, { expression: '$B' })],
    because: "unable to find dependent node '$B'",
  },
  {
    name: 'math with a dangling $ref',
    data: [A, reduceB(), expr('C', { type: 'math', expression: '$B > 1 && $D < 2' })],
    because: "unable to find dependent node 'D'",
  },
  {
    name: 'math referencing itself',
    data: [A, expr('C', { type: 'math', expression: '$C + $A' })],
    because: 'cannot reference itself',
  },
  {
    name: 'math with a bare refId (references need $)',
    data: [A, expr('C', { type: 'math', expression: 'A > 1' })],
    because: 'non existent function A',
  },
  {
    name: 'math with a dangling operator',
    data: [A, expr('C', { type: 'math', expression: '$A >' })],
    because: 'unexpected EOF',
  },
  {
    name: 'math with an unknown function',
    data: [A, expr('C', { type: 'math', expression: 'sqrt($A)' })],
    because: 'non existent function sqrt',
  },
  {
    name: 'math function with the wrong number of arguments',
    data: [A, expr('C', { type: 'math', expression: 'abs()' })],
    because: 'wrong number of arguments for abs: expected 1, got 0',
  },
  {
    name: 'math with an operator Grafana does not have',
    data: [A, expr('C', { type: 'math', expression: '$A ^ 2' })],
    because: 'invalid character "^"',
  },
  {
    name: 'math without an expression',
    data: [A, expr('C', { type: 'math' })],
    because: 'command is missing an expression',
  },
  {
    name: 'expressions in a cycle',
    data: [A, expr('B', { type: 'math', expression: '$C + 1' }), expr('C', { type: 'math', expression: '$B * 2' })],
    because: 'cycle',
  },
  {
    name: 'unknown expression type',
    data: [A, expr('B', { type: 'reducer', expression: 'A', reducer: 'last' })],
    condition: 'B',
    because: "'reducer' is not a recognized expression type",
  },
  {
    name: 'expression without a type',
    data: [A, expr('B', { expression: 'A', reducer: 'last' })],
    condition: 'B',
    because: 'no expression command type in query',
  },
  {
    name: 'classic condition reading an expression',
    data: [
      A,
      reduceB(),
      expr('C', {
        type: 'classic_conditions',
        conditions: [
          {
            evaluator: { type: 'gt', params: [1] },
            query: { params: ['B'] },
            reducer: { type: 'avg' },
            operator: { type: 'and' },
          },
        ],
      }),
    ],
    because: 'only data source queries may be inputs to a classic condition',
  },
  {
    name: 'classic condition with a reduce-style reducer name it does not have',
    data: [
      A,
      expr('C', {
        type: 'classic_conditions',
        conditions: [
          {
            evaluator: { type: 'gt', params: [1] },
            query: { params: ['A'] },
            reducer: { type: 'mean' },
            operator: { type: 'and' },
          },
        ],
      }),
    ],
    because: "invalid reducer 'mean' in condition 1",
  },
  {
    name: 'condition naming no refId of the rule',
    data: [A, reduceB(), thresholdC({ type: 'gt', params: [1] })],
    condition: 'D',
    because: 'condition D does not exist, must be one of [A,B,C]',
  },
  {
    name: 'two queries with the same refId',
    data: [A, reduceB(), { ...reduceB(), model: { ...reduceB().model, reducer: 'max' } }],
    condition: 'B',
    because: "refID 'B' is already used",
  },
];

const ACCEPTED: Case[] = [
  {
    name: 'the editor’s reduce (strict: mode "") and threshold, with the fields the editor adds',
    data: [
      A,
      reduceB({ settings: { mode: '' }, ...editorExtras('B') }),
      thresholdC({ type: 'gt', params: [0.6] }, editorExtras('C')),
    ],
  },
  {
    name: 'reduce without settings (strict) and with settings but no mode',
    data: [
      A,
      reduceB(),
      expr('D', { type: 'reduce', expression: 'A', reducer: 'max', settings: {} }),
      thresholdC({ type: 'lt', params: [1] }),
    ],
  },
  {
    name: 'reduce dropNN, and $-prefixed reduce input (reduce strips the $)',
    data: [A, reduceB({ expression: '$A', settings: { mode: 'dropNN' } }), thresholdC({ type: 'gte', params: [1] })],
  },
  {
    name: 'reduce replaceNN with a value',
    data: [
      A,
      reduceB({ settings: { mode: 'replaceNN', replaceWithValue: 0 } }),
      thresholdC({ type: 'ne', params: [0] }),
    ],
  },
  {
    name: 'reducer names in capitals (Grafana lower-cases them) and median',
    data: [
      A,
      reduceB({ reducer: 'Mean' }),
      expr('D', { type: 'reduce', expression: 'A', reducer: 'median' }),
      thresholdC({ type: 'lte', params: [1] }),
    ],
  },
  {
    name: 'every evaluator type, range ones with both bounds',
    data: [
      A,
      reduceB(),
      ...['gt', 'lt', 'eq', 'ne', 'gte', 'lte'].map((type, i) =>
        expr(`T${i}`, { type: 'threshold', expression: 'B', conditions: [{ evaluator: { type, params: [1] } }] })
      ),
      ...['within_range', 'outside_range', 'within_range_included', 'outside_range_included'].map((type, i) =>
        expr(`R${i}`, { type: 'threshold', expression: 'B', conditions: [{ evaluator: { type, params: [0, 1] } }] })
      ),
    ],
    condition: 'T0',
  },
  {
    name: 'a recovery threshold as the editor writes it (unloadEvaluator)',
    data: [
      A,
      reduceB(),
      thresholdC(
        { type: 'gt', params: [3.5] },
        {
          conditions: [{ evaluator: { type: 'gt', params: [3.5] }, unloadEvaluator: { type: 'lt', params: [2] } }],
        }
      ),
    ],
  },
  {
    name: 'math over references with functions, braces and every operator',
    data: [
      A,
      reduceB(),
      expr('C', {
        type: 'math',
        expression: '(abs($B - 1) > 0.5 && ${A} < 3) || !is_nan($B) && $B ** 2 % 3 != -1e3 && $B >= .5 && $B <= 0x10',
      }),
    ],
  },
  {
    name: 'math on constants only',
    data: [A, expr('C', { type: 'math', expression: 'inf() > 1' })],
  },
  {
    name: 'classic conditions as the editor writes them',
    data: [
      A,
      expr('C', {
        type: 'classic_conditions',
        conditions: [
          {
            evaluator: { type: 'gt', params: [1] },
            operator: { type: 'and' },
            query: { params: ['A'] },
            reducer: { type: 'avg', params: [] },
            type: 'query',
          },
          {
            evaluator: { type: 'no_value', params: [] },
            operator: { type: 'or' },
            query: { params: ['A'] },
            reducer: { type: 'last', params: [] },
            type: 'query',
          },
        ],
      }),
    ],
  },
  {
    name: 'resample with a window, downsampler and upsampler',
    data: [
      A,
      expr('B', { type: 'resample', expression: 'A', window: '1m', downsampler: 'mean', upsampler: 'fillna' }),
      expr('C', { type: 'reduce', expression: 'B', reducer: 'last' }),
    ],
  },
];

describe('expression checker', () => {
  it.each(REJECTED.map((c) => [c.name, c] as const))('rejects %s', (_, c) => {
    expect(() => checkRulePipeline(c.data, c.condition ?? 'C')).toThrow(c.because);
  });

  it.each(ACCEPTED.map((c) => [c.name, c] as const))('accepts %s', (_, c) => {
    const commands = checkRulePipeline(c.data, c.condition ?? 'C');
    expect(commands.length).toBe(c.data.filter((q) => q.datasourceUid === '__expr__').length);
  });

  it('orders expressions after what they read', () => {
    const order = checkRulePipeline([expr('C', { type: 'math', expression: '$B * 2' }), reduceB(), A], 'C').map(
      (c) => c.refId
    );
    expect(order).toEqual(['B', 'C']);
  });

  it('parses the reduce settings into mode and value', () => {
    expect(parseExpression('B', { type: 'reduce', expression: '$A', reducer: 'LAST' })).toEqual({
      type: 'reduce',
      refId: 'B',
      needs: ['A'],
      reducer: 'last',
      mode: '',
    });
    expect(
      parseExpression('B', {
        type: 'reduce',
        expression: 'A',
        reducer: 'sum',
        settings: { mode: 'replaceNN', replaceWithValue: -1 },
      })
    ).toMatchObject({ mode: 'replaceNN', replaceWithValue: -1 });
  });

  it('math reports its references, with ${…} names kept as written', () => {
    expect(parseMathExpression('$A + ${B C} * $A_1').varNames).toEqual(['A', 'B C', 'A_1']);
  });
});
