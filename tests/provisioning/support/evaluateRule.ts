/**
 * Evaluates an alert rule's `reduce` and `threshold` expressions on decoded frames the way Grafana does (the
 * rules are in docs/grafana-expressions.md): one number per series (a frame's value field with its labels), then
 * 1/0 per series. The expressions are first parsed by the checker (grafanaExpressions.ts), so a rule Grafana
 * would refuse is refused here before anything is evaluated.
 *
 * Values are `number | null`; null is Grafana's "no value" (a missing point, or a number it could not compute).
 */
import { Type } from 'apache-arrow';
import type { DecodedFrame } from '../../conformance/support/decodeFrame';
import { checkRulePipeline, ExpressionCommand, RuleQuery, ThresholdEvaluator } from './grafanaExpressions';

export interface Instance {
  labels: Record<string, string>;
  value: number | null;
}

type Reduce = Extract<ExpressionCommand, { type: 'reduce' }>;
type Threshold = Extract<ExpressionCommand, { type: 'threshold' }>;

const isNonNumber = (v: number | null) => v === null || !Number.isFinite(v);

/** One reducer over raw values in strict mode: nulls and NaN poison every reducer but `count` and `last`. */
function strictReduce(xs: ReadonlyArray<number | null>, reducer: Reduce['reducer']): number | null {
  const poisoned = xs.some((v) => v === null || Number.isNaN(v));
  const nums = xs as readonly number[];
  switch (reducer) {
    case 'count':
      return xs.length;
    case 'last':
      return xs.length === 0 ? NaN : xs[xs.length - 1];
    case 'sum':
      return poisoned ? NaN : nums.reduce((a, b) => a + b, 0);
    case 'mean':
      return poisoned ? NaN : nums.reduce((a, b) => a + b, 0) / xs.length;
    case 'min':
      return poisoned || xs.length === 0 ? NaN : Math.min(...nums);
    case 'max':
      return poisoned || xs.length === 0 ? NaN : Math.max(...nums);
    case 'median': {
      if (poisoned || xs.length === 0) {
        return NaN;
      }
      const s = [...nums].sort((a, b) => a - b);
      const mid = s.length >> 1;
      return s.length % 2 === 0 ? (s[mid - 1] + s[mid]) / 2 : s[mid];
    }
  }
}

/**
 * Grafana's reduce of one series. Strict (`mode` absent or ''): as strictReduce. `dropNN`: null, NaN and ±Inf
 * points are dropped first and a NaN result becomes no value. `replaceNN`: those points are replaced by
 * `replaceWithValue` first and a NaN result becomes that value.
 */
export function reduceValues(
  values: ReadonlyArray<number | null>,
  cmd: Pick<Reduce, 'reducer' | 'mode' | 'replaceWithValue'>
): number | null {
  if (cmd.mode === 'dropNN') {
    const r = strictReduce(
      values.filter((v) => !isNonNumber(v)),
      cmd.reducer
    );
    return r !== null && Number.isNaN(r) ? null : r;
  }
  if (cmd.mode === 'replaceNN') {
    const w = cmd.replaceWithValue!;
    const r = strictReduce(
      values.map((v) => (isNonNumber(v) ? w : v)),
      cmd.reducer
    );
    return r !== null && Number.isNaN(r) ? w : r;
  }
  return strictReduce(values, cmd.reducer);
}

/** One reduced number per frame's single value field; throws when a frame is not one time + one number field. */
export function reduceFrames(
  frames: readonly DecodedFrame[],
  cmd: Pick<Reduce, 'reducer' | 'mode' | 'replaceWithValue'>
) {
  return frames.map((f): Instance => {
    const values = f.fields.filter((x) => x.type.typeId !== Type.Timestamp);
    if (values.length !== 1) {
      throw new Error(`frame ${f.name ?? ''} has ${values.length} value fields; reduce needs exactly one`);
    }
    return { labels: values[0].labels ?? {}, value: reduceValues(values[0].values as Array<number | null>, cmd) };
  });
}

/** Grafana's threshold predicate: ranges exclude their bounds unless `_included`; NaN compares false. */
export function thresholdHolds(value: number, e: ThresholdEvaluator): boolean {
  const [a, b] = e.params;
  switch (e.type) {
    case 'gt':
      return value > a;
    case 'lt':
      return value < a;
    case 'eq':
      return value === a;
    case 'ne':
      return value !== a;
    case 'gte':
      return value >= a;
    case 'lte':
      return value <= a;
    case 'within_range':
      return value > a && value < b;
    case 'outside_range':
      return value < a || value > b;
    case 'within_range_included':
      return value >= a && value <= b;
    case 'outside_range_included':
      return value <= a || value >= b;
    default:
      throw new Error(`threshold evaluator "${e.type}" is unknown`);
  }
}

const labelKey = (labels: Record<string, string>) => JSON.stringify(Object.entries(labels).sort());

/**
 * 1/0 per instance; no value stays no value. With a recovery threshold (`unloadEvaluator`), an instance that was
 * firing at the previous evaluation keeps firing until the unload evaluator holds.
 */
export function thresholdInstances(
  input: readonly Instance[],
  cmd: Pick<Threshold, 'evaluator' | 'unloadEvaluator'>,
  firingBefore: ReadonlySet<string> = new Set()
): Instance[] {
  return input.map(({ labels, value }) => {
    if (value === null) {
      return { labels, value: null };
    }
    const wasFiring = cmd.unloadEvaluator !== undefined && firingBefore.has(labelKey(labels));
    const fires = wasFiring ? !thresholdHolds(value, cmd.unloadEvaluator!) : thresholdHolds(value, cmd.evaluator);
    return { labels, value: fires ? 1 : 0 };
  });
}

export interface RuleEvaluation {
  /** Every expression's instances by refId. */
  results: Map<string, Instance[]>;
  /** Labels of the condition's instances that fire (value 1). */
  firing: Array<Record<string, string>>;
}

/**
 * Checks the rule with the expression checker, then evaluates its expressions in dependency order on the frames
 * of its data source queries (`frames` by refId). Only reduce and threshold are evaluated; a rule using another
 * expression type is checked but refused here, so no untested evaluation is mistaken for a tested one.
 */
export function evaluateRule(
  data: readonly RuleQuery[],
  condition: string,
  frames: ReadonlyMap<string, readonly DecodedFrame[]>,
  firingBefore?: ReadonlySet<string>
): RuleEvaluation {
  const results = new Map<string, Instance[]>();
  for (const cmd of checkRulePipeline(data, condition)) {
    const [input] = cmd.needs;
    if (cmd.type === 'reduce') {
      const f = frames.get(input);
      if (!f) {
        throw new Error(`reduce ${cmd.refId} reads ${input}, which is not a data source query with frames here`);
      }
      results.set(cmd.refId, reduceFrames(f, cmd));
    } else if (cmd.type === 'threshold') {
      const reduced = results.get(input);
      if (!reduced) {
        throw new Error(`threshold ${cmd.refId} reads ${input}, which is not a reduce expression evaluated here`);
      }
      results.set(cmd.refId, thresholdInstances(reduced, cmd, firingBefore));
    } else {
      throw new Error(`${cmd.type} expression ${cmd.refId} passes the checker but is not evaluated by this support`);
    }
  }
  const out = results.get(condition);
  if (!out) {
    throw new Error(`condition ${condition} is not an expression evaluated here`);
  }
  return { results, firing: out.filter((i) => i.value === 1).map((i) => i.labels) };
}

export { labelKey };
