/**
 * One alert-rule `reduce` over a window of a series, the way Grafana's server-side reduce expression does it in
 * strict mode (its default, `settings: { mode: '' }`): a NaN anywhere in the window makes `mean`, `sum`, `min`
 * and `max` NaN, `last` is the last value whatever it is, `count` counts every point. An empty window is no data
 * (NaN). Reducer semantics are documented in docs/alerting.md and docs/backtest.md. The input is not mutated.
 */

export type AlertReducer = 'last' | 'mean' | 'min' | 'max' | 'sum' | 'count';
export const ALERT_REDUCERS: readonly AlertReducer[] = ['last', 'mean', 'min', 'max', 'sum', 'count'];

/** Reduces `values[from..to]` (both inclusive); `to < from` is an empty window (NaN). */
export function reduceWindow(values: ArrayLike<number>, from: number, to: number, reducer: AlertReducer): number {
  if (to < from) {
    return NaN;
  }
  if (reducer === 'last') {
    return values[to];
  }
  if (reducer === 'count') {
    return to - from + 1;
  }
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  for (let i = from; i <= to; i++) {
    const v = values[i];
    if (v !== v) {
      return NaN;
    }
    sum += v;
    min = v < min ? v : min;
    max = v > max ? v : max;
  }
  switch (reducer) {
    case 'mean':
      return sum / (to - from + 1);
    case 'sum':
      return sum;
    case 'min':
      return min;
    case 'max':
      return max;
  }
}
