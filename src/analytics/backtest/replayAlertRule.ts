/**
 * Replays an alert rule over a series as Grafana would have evaluated it: every `everyMs` (evaluation times on
 * multiples of `everyMs` from `fromMs` to `toMs`) the rule's query returns the points of the last `rangeMs`
 * (timestamps in [t − rangeMs, t]), `reduce` makes one number of them (reduceWindow), `threshold` decides
 * (alertCondition), and the pending period turns the decisions into firings (alertFirings).
 *
 * `values` must be what a query evaluated at t returns for the points up to t: prefix-stable outputs (a score, or
 * the default detector's flags, which never change once emitted) are. Flags from a minimum-run filter are final
 * only once their run is long enough: `settlePoints` says how long, and at each evaluation a run of equal non-zero
 * values still shorter than that at its last point is seen as zeros, as the live query would have returned it.
 *
 * NaN policy: NaN values take part in the reduce as Grafana's strict mode does (reduceWindow); an evaluation with
 * no point in its window is no data and does not meet the condition. Inputs are not mutated.
 */
import { AlertEvaluator, alertCondition } from './alertCondition';
import { AlertFiring, alertFirings } from './alertFirings';
import { AlertReducer, reduceWindow } from './reduceWindow';

export interface AlertRuleReplayOptions {
  /** First and last instant evaluated (inclusive). */
  fromMs: number;
  toMs: number;
  /** Evaluation interval (the rule group's `interval`), ms > 0. */
  everyMs: number;
  /** The query's range (`relativeTimeRange.from`), ms ≥ 0. */
  rangeMs: number;
  reducer: AlertReducer;
  evaluator: AlertEvaluator;
  /** Pending period, ms; default 0. */
  forMs?: number;
  /** Points a non-zero run must have lasted to be seen (see above); default 1. */
  settlePoints?: number;
}

export interface AlertRuleReplay {
  /** Evaluation times. */
  times: Float64Array;
  /** The reduced number at each evaluation (NaN: no data). */
  reduced: Float64Array;
  firings: AlertFiring[];
}

/** Most evaluations one replay may make (a week at 1-second intervals is 604,800). */
export const MAX_EVALUATIONS = 1_000_000;

export function replayAlertRule(
  timestamps: ArrayLike<number>,
  values: ArrayLike<number>,
  options: AlertRuleReplayOptions
): AlertRuleReplay {
  const { fromMs, toMs, everyMs, rangeMs, reducer, evaluator } = options;
  const settle = options.settlePoints ?? 1;
  if (timestamps.length !== values.length) {
    throw new RangeError(`replayAlertRule: ${timestamps.length} timestamps but ${values.length} values`);
  }
  if (!(everyMs > 0) || !(rangeMs >= 0) || !(toMs >= fromMs)) {
    throw new RangeError('replayAlertRule: needs everyMs > 0, rangeMs ≥ 0 and toMs ≥ fromMs');
  }
  if (!Number.isInteger(settle) || settle < 1) {
    throw new RangeError(`replayAlertRule: settlePoints must be a whole number ≥ 1, got ${settle}`);
  }
  const firstEval = Math.ceil(fromMs / everyMs) * everyMs;
  const count = firstEval > toMs ? 0 : Math.floor((toMs - firstEval) / everyMs) + 1;
  if (count > MAX_EVALUATIONS) {
    throw new RangeError(`replayAlertRule: ${count} evaluations, over ${MAX_EVALUATIONS}`);
  }
  const n = values.length;
  // Start of the run of equal non-zero values each point belongs to (−1 for zeros and NaN).
  const runStart = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const v = values[i];
    runStart[i] = v === 0 || v !== v ? -1 : i > 0 && values[i - 1] === v ? runStart[i - 1] : i;
  }
  const times = new Float64Array(count);
  const reduced = new Float64Array(count);
  const condition: boolean[] = new Array(count);
  let scratch = new Float64Array(0);
  let lo = 0;
  let hi = -1;
  for (let k = 0; k < count; k++) {
    const t = firstEval + k * everyMs;
    times[k] = t;
    while (hi + 1 < n && timestamps[hi + 1] <= t) {
      hi++;
    }
    while (lo < n && timestamps[lo] < t - rangeMs) {
      lo++;
    }
    let x: number;
    const s = hi >= 0 ? runStart[hi] : -1;
    if (s >= 0 && hi - s + 1 < settle) {
      // The run at the window's end is not long enough yet: the live query returned zeros for it.
      const len = hi - lo + 1;
      if (scratch.length < len) {
        scratch = new Float64Array(len);
      }
      for (let i = lo; i <= hi; i++) {
        scratch[i - lo] = i >= s ? 0 : values[i];
      }
      x = reduceWindow(scratch, 0, len - 1, reducer);
    } else {
      x = reduceWindow(values, lo, hi, reducer);
    }
    reduced[k] = x;
    condition[k] = alertCondition(x, evaluator);
  }
  return { times, reduced, firings: alertFirings(times, condition, { forMs: options.forMs ?? 0, endMs: toMs }) };
}
