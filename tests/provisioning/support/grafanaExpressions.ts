/**
 * Grafana's server-side expressions as Grafana reads them from an alert rule's `data`: every expression model is
 * parsed into a typed command, and everything Grafana refuses (unknown type, reducer, reduce mode, evaluator,
 * missing parameters, malformed math, references to refIds that do not exist, self references, cycles) is an
 * Error with Grafana's reason. Written from Grafana's own rules, which docs/grafana-expressions.md states in our
 * words with the Grafana version and file each comes from. Strict where Grafana is strict, and no stricter: what
 * Grafana accepts (for example a reducer in capitals, or `mode: ''`) is accepted here. Two deliberate exceptions,
 * both documented there: SQL expressions are refused (their SQL is not modelled), and a recovery threshold's
 * unload evaluator is always checked (Grafana checks it only with its recovery-threshold toggle on).
 */
import { parseMathExpression } from './mathExpression';

/** The data source uid that marks a query as a server-side expression (`-100` is Grafana's legacy alias). */
export const EXPRESSION_DATASOURCE_UIDS = ['__expr__', '-100'];

export const EXPRESSION_TYPES = ['math', 'reduce', 'resample', 'classic_conditions', 'threshold', 'sql'] as const;
/** Reducers of the `reduce` expression (Grafana lower-cases the name before looking it up). */
export const REDUCERS = ['sum', 'mean', 'min', 'max', 'count', 'last', 'median'] as const;
/** Reduce modes besides strict (strict is `mode` absent or the empty string). */
export const REDUCE_MODES = ['dropNN', 'replaceNN'] as const;
/** Evaluator types of the `threshold` expression and the number of parameters each needs. */
export const THRESHOLD_TYPES: Readonly<Record<string, 1 | 2>> = {
  gt: 1,
  lt: 1,
  eq: 1,
  ne: 1,
  gte: 1,
  lte: 1,
  within_range: 2,
  outside_range: 2,
  within_range_included: 2,
  outside_range_included: 2,
};
/** Reducers and evaluators of `classic_conditions` (a different, older vocabulary). */
export const CLASSIC_REDUCERS = [
  'avg',
  'sum',
  'min',
  'max',
  'count',
  'last',
  'median',
  'diff',
  'diff_abs',
  'percent_diff',
  'percent_diff_abs',
  'count_non_null',
] as const;
export const CLASSIC_EVALUATORS: Readonly<Record<string, 0 | 1 | 2>> = {
  ...THRESHOLD_TYPES,
  no_value: 0,
};

export type ReduceMode = '' | (typeof REDUCE_MODES)[number];

export interface ThresholdEvaluator {
  type: string;
  params: number[];
}

export type ExpressionCommand =
  | { type: 'math'; refId: string; expression: string; needs: string[] }
  | {
      type: 'reduce';
      refId: string;
      needs: [string];
      reducer: (typeof REDUCERS)[number];
      mode: ReduceMode;
      replaceWithValue?: number;
    }
  | {
      type: 'threshold';
      refId: string;
      needs: [string];
      evaluator: ThresholdEvaluator;
      /** Recovery threshold: the instance stops firing only when this evaluator no longer holds. */
      unloadEvaluator?: ThresholdEvaluator;
    }
  | {
      type: 'classic_conditions';
      refId: string;
      needs: string[];
      conditions: Array<{ input: string; reducer: string; evaluator: ThresholdEvaluator; operator: string }>;
    }
  | { type: 'resample'; refId: string; needs: [string]; window: string; downsampler: string; upsampler: string };

/** One query of an alert rule's `data` as the provisioning file or the API gives it. */
export interface RuleQuery {
  refId: string;
  datasourceUid: string;
  model: Record<string, unknown>;
}

export class ExpressionError extends Error {
  constructor(
    readonly refId: string,
    message: string
  ) {
    super(`expression ${refId}: ${message}`);
  }
}

export function isExpressionQuery(q: Pick<RuleQuery, 'datasourceUid'>): boolean {
  return EXPRESSION_DATASOURCE_UIDS.includes(q.datasourceUid);
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const goType = (v: unknown) => (v === null ? 'nil' : Array.isArray(v) ? 'array' : typeof v);

/** Grafana decodes evaluator params as a list of float64: a missing list is empty, a non-number is an error. */
function evaluatorOf(refId: string, raw: unknown, field: string): ThresholdEvaluator {
  if (raw === undefined || raw === null) {
    return { type: '', params: [] };
  }
  if (!isObject(raw)) {
    throw new ExpressionError(refId, `${field} must be an object, got ${goType(raw)}`);
  }
  if (raw.type !== undefined && typeof raw.type !== 'string') {
    throw new ExpressionError(refId, `${field}.type must be a string, got ${goType(raw.type)}`);
  }
  const params = raw.params ?? [];
  if (!Array.isArray(params) || params.some((p) => p !== null && typeof p !== 'number')) {
    throw new ExpressionError(refId, `${field}.params must be a list of numbers`);
  }
  return { type: (raw.type as string | undefined) ?? '', params: params.map((p) => (p === null ? 0 : p)) };
}

function checkThresholdEvaluator(refId: string, e: ThresholdEvaluator, field: string): void {
  const needed = THRESHOLD_TYPES[e.type];
  if (needed === undefined) {
    throw new ExpressionError(
      refId,
      `${field}: expected threshold function to be one of [${Object.keys(THRESHOLD_TYPES).join(', ')}], got "${e.type}"`
    );
  }
  if (e.params.length < needed) {
    throw new ExpressionError(
      refId,
      `${field}: incorrect number of arguments for threshold function '${e.type}': got ${e.params.length} but need ${needed}`
    );
  }
}

function stringField(refId: string, model: Record<string, unknown>, key: string, missing: string): string {
  const v = model[key];
  if (v === undefined) {
    throw new ExpressionError(refId, missing);
  }
  if (typeof v !== 'string') {
    throw new ExpressionError(refId, `${key} is expected to be a string, got ${goType(v)}`);
  }
  return v;
}

function parseReduce(refId: string, model: Record<string, unknown>): ExpressionCommand {
  const input = stringField(
    refId,
    model,
    'expression',
    'no expression ID is specified to reduce. Must be a reference to an existing query or expression'
  ).replace(/^\$/, '');
  const reducerName = stringField(refId, model, 'reducer', 'no reducer specified').toLowerCase();
  let mode: ReduceMode = '';
  let replaceWithValue: number | undefined;
  if ('settings' in model) {
    const settings = model.settings;
    if (!isObject(settings)) {
      throw new ExpressionError(refId, `field settings must be an object, got ${goType(settings)}`);
    }
    if ('mode' in settings && settings.mode !== '') {
      if (settings.mode === 'dropNN') {
        mode = 'dropNN';
      } else if (settings.mode === 'replaceNN') {
        mode = 'replaceNN';
        if (!('replaceWithValue' in settings)) {
          throw new ExpressionError(refId, "setting replaceWithValue must be specified when mode is 'replaceNN'");
        }
        if (typeof settings.replaceWithValue !== 'number') {
          throw new ExpressionError(
            refId,
            `setting replaceWithValue must be a number, got ${goType(settings.replaceWithValue)}`
          );
        }
        replaceWithValue = settings.replaceWithValue;
      } else {
        throw new ExpressionError(
          refId,
          `reducer mode '${String(settings.mode)}' is not supported. Supported only: [dropNN,replaceNN]`
        );
      }
    }
  }
  if (!(REDUCERS as readonly string[]).includes(reducerName)) {
    throw new ExpressionError(refId, `reduction ${reducerName} not implemented`);
  }
  return {
    type: 'reduce',
    refId,
    needs: [input],
    reducer: reducerName as (typeof REDUCERS)[number],
    mode,
    ...(replaceWithValue === undefined ? {} : { replaceWithValue }),
  };
}

function parseThreshold(refId: string, model: Record<string, unknown>): ExpressionCommand {
  if (model.expression !== undefined && typeof model.expression !== 'string') {
    throw new ExpressionError(refId, `failed to parse the threshold command: expression must be a string`);
  }
  // Unlike reduce, threshold takes `expression` as the refId itself: a leading `$` is part of the name.
  const input = (model.expression as string | undefined) ?? '';
  if (input === '') {
    throw new ExpressionError(refId, `no variable specified to reference for refId ${refId}`);
  }
  const conditions = model.conditions ?? [];
  if (!Array.isArray(conditions) || conditions.some((c) => c !== null && !isObject(c))) {
    throw new ExpressionError(refId, 'failed to parse the threshold command: conditions must be a list of objects');
  }
  if (conditions.length !== 1) {
    throw new ExpressionError(refId, 'threshold expression requires exactly one condition');
  }
  const condition = (conditions[0] ?? {}) as Record<string, unknown>;
  const evaluator = evaluatorOf(refId, condition.evaluator, 'evaluator');
  checkThresholdEvaluator(refId, evaluator, 'invalid condition');
  let unloadEvaluator: ThresholdEvaluator | undefined;
  if (condition.unloadEvaluator !== undefined && condition.unloadEvaluator !== null) {
    unloadEvaluator = evaluatorOf(refId, condition.unloadEvaluator, 'unloadEvaluator');
    checkThresholdEvaluator(refId, unloadEvaluator, 'invalid unloadCondition');
  }
  return {
    type: 'threshold',
    refId,
    needs: [input],
    evaluator,
    ...(unloadEvaluator ? { unloadEvaluator } : {}),
  };
}

function parseClassic(refId: string, model: Record<string, unknown>): ExpressionCommand {
  const raw = model.conditions ?? [];
  if (!Array.isArray(raw) || raw.some((c) => !isObject(c))) {
    throw new ExpressionError(refId, 'classic condition body must be a list of objects');
  }
  const conditions = (raw as Array<Record<string, unknown>>).map((c, i) => {
    const operator = isObject(c.operator) && typeof c.operator.type === 'string' ? c.operator.type : '';
    if (i > 0 && operator !== 'and' && operator !== 'or') {
      throw new ExpressionError(refId, `condition ${i + 1} operator must be \`and\` or \`or\``);
    }
    const params = isObject(c.query) && Array.isArray(c.query.params) ? c.query.params : [];
    if (params.length === 0 || params[0] === '' || typeof params[0] !== 'string') {
      throw new ExpressionError(refId, `condition ${i + 1} is missing the query RefID argument`);
    }
    const reducer = isObject(c.reducer) && typeof c.reducer.type === 'string' ? c.reducer.type : '';
    if (!(CLASSIC_REDUCERS as readonly string[]).includes(reducer)) {
      throw new ExpressionError(refId, `invalid reducer '${reducer}' in condition ${i + 1}`);
    }
    const evaluator = evaluatorOf(refId, c.evaluator, 'evaluator');
    const needed = CLASSIC_EVALUATORS[evaluator.type];
    if (needed === undefined) {
      throw new ExpressionError(refId, `evaluator invalid evaluator type: ${evaluator.type}`);
    }
    if (needed === 1 && evaluator.params.length === 0) {
      throw new ExpressionError(refId, `evaluator '${evaluator.type}' is missing the threshold parameter`);
    }
    if (needed === 2 && evaluator.params.length !== 2) {
      throw new ExpressionError(refId, 'ranged evaluator requires 2 parameters');
    }
    return { input: params[0] as string, reducer, evaluator, operator };
  });
  return { type: 'classic_conditions', refId, needs: conditions.map((c) => c.input), conditions };
}

function parseResample(refId: string, model: Record<string, unknown>): ExpressionCommand {
  const input = stringField(
    refId,
    model,
    'expression',
    'no expression ID to resample. must be a reference to an existing query or expression'
  ).replace(/^\$/, '');
  const window = stringField(refId, model, 'window', 'no time duration specified for the window in resample command');
  if (!/^(\d+(\.\d+)?(ms|s|m|h|d|w|y))+$/.test(window)) {
    throw new ExpressionError(refId, `failed to parse resample "window" duration field "${window}"`);
  }
  const downsampler = stringField(refId, model, 'downsampler', 'no downsampler function specified in resample command');
  const upsampler = stringField(refId, model, 'upsampler', 'no upsampler specified in resample command');
  return { type: 'resample', refId, needs: [input], window, downsampler, upsampler };
}

/** Parses one expression model (a query whose data source is `__expr__`) as Grafana does; throws on rejection. */
export function parseExpression(refId: string, model: Record<string, unknown>): ExpressionCommand {
  if (!('type' in model)) {
    throw new ExpressionError(refId, 'no expression command type in query');
  }
  if (typeof model.type !== 'string') {
    throw new ExpressionError(refId, `expected expression command type to be a string, got ${goType(model.type)}`);
  }
  switch (model.type) {
    case 'math': {
      const expression = stringField(refId, model, 'expression', 'command is missing an expression');
      try {
        return { type: 'math', refId, expression, needs: parseMathExpression(expression).varNames };
      } catch (e) {
        throw new ExpressionError(refId, `invalid math command: ${(e as Error).message}`);
      }
    }
    case 'reduce':
      return parseReduce(refId, model);
    case 'threshold':
      return parseThreshold(refId, model);
    case 'classic_conditions':
      return parseClassic(refId, model);
    case 'resample':
      return parseResample(refId, model);
    case 'sql':
      // SQL expressions are valid in Grafana but their SQL is not modelled here: refuse rather than pass unchecked.
      throw new ExpressionError(refId, 'sql expressions are not checked by this checker; none of our rules use them');
    default:
      throw new ExpressionError(refId, `'${model.type}' is not a recognized expression type`);
  }
}

/**
 * Checks a rule's whole `data` as Grafana builds its evaluation pipeline: refIds present and unique, every
 * expression parses, every referenced refId exists, no expression references itself, classic conditions read
 * only data source queries, there is no cycle, and the condition names one of the refIds. Returns the parsed
 * expressions by refId, in an order in which each comes after what it reads.
 */
export function checkRulePipeline(data: readonly RuleQuery[], condition: string): ExpressionCommand[] {
  const byRef = new Map<string, RuleQuery>();
  data.forEach((q, i) => {
    if (!q.refId) {
      throw new Error(`refID is not specified for data query/expression at index ${i}`);
    }
    if (byRef.has(q.refId)) {
      throw new Error(`refID '${q.refId}' is already used by another query/expression`);
    }
    byRef.set(q.refId, q);
  });
  if (!byRef.has(condition)) {
    throw new Error(`condition ${condition} does not exist, must be one of [${[...byRef.keys()].sort().join(',')}]`);
  }
  const commands = new Map<string, ExpressionCommand>();
  for (const q of data.filter(isExpressionQuery)) {
    commands.set(q.refId, parseExpression(q.refId, q.model));
  }
  for (const cmd of commands.values()) {
    for (const ref of cmd.needs) {
      const needed = byRef.get(ref);
      if (!needed) {
        throw new ExpressionError(cmd.refId, `unable to find dependent node '${ref}'`);
      }
      if (ref === cmd.refId) {
        throw new ExpressionError(
          cmd.refId,
          `expression '${ref}' cannot reference itself. Must be query or another expression`
        );
      }
      if (cmd.type === 'classic_conditions' && isExpressionQuery(needed)) {
        throw new ExpressionError(
          cmd.refId,
          `only data source queries may be inputs to a classic condition, ${ref} is an expression`
        );
      }
    }
  }
  // Depth-first order; a node met again while still open closes a cycle.
  const order: ExpressionCommand[] = [];
  const state = new Map<string, 'open' | 'done'>();
  const visit = (refId: string, path: string[]) => {
    const cmd = commands.get(refId);
    if (!cmd || state.get(refId) === 'done') {
      return;
    }
    if (state.get(refId) === 'open') {
      throw new Error(`expressions form a cycle: ${[...path, refId].join(' → ')}`);
    }
    state.set(refId, 'open');
    for (const ref of cmd.needs) {
      visit(ref, [...path, refId]);
    }
    state.set(refId, 'done');
    order.push(cmd);
  };
  for (const refId of commands.keys()) {
    visit(refId, []);
  }
  return order;
}
