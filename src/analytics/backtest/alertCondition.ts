/**
 * The `threshold` expression of an alert rule on one reduced number, with Grafana's evaluator types:
 * `gt` x > a, `lt` x < a, `gte` x ≥ a, `lte` x ≤ a, `within_range` a < x < b, `outside_range` x < a or x > b.
 * NaN (no data, or a NaN in a strict reduce) never meets the condition: a rule with `noDataState: NoData` does not
 * fire on it. The evaluator names are Grafana's (docs/grafana-expressions.md).
 */

export type AlertEvaluatorType = 'gt' | 'lt' | 'gte' | 'lte' | 'within_range' | 'outside_range';
export const ALERT_EVALUATOR_TYPES: readonly AlertEvaluatorType[] = [
  'gt',
  'lt',
  'gte',
  'lte',
  'within_range',
  'outside_range',
];

export interface AlertEvaluator {
  type: AlertEvaluatorType;
  /** One bound (`gt`, `lt`, `gte`, `lte`) or two, low then high (the ranges). */
  params: number[];
}

/** How many `params` each evaluator takes. */
export function evaluatorArity(type: AlertEvaluatorType): 1 | 2 {
  return type === 'within_range' || type === 'outside_range' ? 2 : 1;
}

export function alertCondition(x: number, e: AlertEvaluator): boolean {
  if (x !== x) {
    return false;
  }
  const [a, b] = e.params;
  switch (e.type) {
    case 'gt':
      return x > a;
    case 'lt':
      return x < a;
    case 'gte':
      return x >= a;
    case 'lte':
      return x <= a;
    case 'within_range':
      return x > a && x < b;
    case 'outside_range':
      return x < a || x > b;
  }
}
