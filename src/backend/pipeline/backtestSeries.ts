/**
 * Replays one variant of a `backtest` query on one series as the alert rule would have seen it
 * (docs/backtest.md). Each evaluation at t runs the query over [t − range − history, t], as Grafana's rule
 * evaluation does, and reads the rule's output over [t − range, t]:
 *
 *  - **One pass** for `auto` and `moving`, whose point t depends only on the points before it: the analysis runs
 *    once from the history before the first evaluation to the end, and each evaluation reads the points up to t.
 *    Flags of a minimum run (`flags.minDuration` with `moving`) are seen only once their run is long enough
 *    (replayAlertRule's settlePoints), as a live query returns them. For `moving` this is exactly the rule's
 *    answer whenever the history covers the moving window (as `history: auto` does; tested). For `auto` it is the
 *    detector running continuously: the rule starts it afresh from its history at each evaluation, the pass
 *    carries on from the first one, so its calibration has seen more by the end of a long backtest.
 *  - **Replayed** otherwise (`seasonal`, `stl`, `forecast`): the analysis runs at every evaluation on exactly
 *    the rule's window (a seasonal band uses the seasons the rule's history holds, a fit is refitted), which is
 *    costly and bounded by the caller (replayCost).
 *
 * Our own glue over analyseSeries and the backtest core (src/analytics/backtest).
 */
import { alertCondition } from '../../analytics/backtest/alertCondition';
import { AlertFiring, alertFirings } from '../../analytics/backtest/alertFirings';
import { reduceWindow } from '../../analytics/backtest/reduceWindow';
import { replayAlertRule } from '../../analytics/backtest/replayAlertRule';
import { OUTPUT_FIELDS } from '../../shared/frameConventions';
import type { BandMethod } from '../../shared/queryModel';
import type { ResolvedBacktest, ResolvedOptions } from '../../shared/validateQuery';
import { analyseSeries } from './analyseSeries';

export interface BacktestSeriesInput {
  /** Regular grid (t[i] = t[0] + i·stepMs) reaching back at least `historyMs + rule.rangeMs` before `fromMs`. */
  timestamps: Float64Array;
  values: Float64Array;
  stepMs: number;
}

export interface BacktestSeriesOptions {
  /** First and last evaluation instants (inclusive). */
  fromMs: number;
  toMs: number;
  /** Training history one evaluation fetches before its range (planWindow of the rule's window). */
  historyMs: number;
  rule: ResolvedBacktest['rule'];
  /** Run the analysis at every evaluation even for a prefix-stable method (the reference the one pass is checked against). */
  replay?: boolean;
}

/**
 * One firing with its side and the facts at its peak: the point of largest |score| on that side among the points
 * the rule read while firing.
 */
export interface BacktestFiring extends AlertFiring {
  /** +1 above the band, −1 below: the sign of the rule's output when it started firing (+1 when it was 0 or NaN). */
  direction: 1 | -1;
  peakMs: number;
  score: number;
  value: number;
  expected: number;
  lower: number;
  upper: number;
  /** The value this point of the season usually shows, where the peak was measured against it (method auto), else NaN. */
  usual: number;
  /** Which auto-detector signal carried the peak (autoDetect's `signal`), else NaN. */
  signal: number;
}

export interface BacktestSeriesResult {
  firings: BacktestFiring[];
  evaluations: number;
  /** Time the rule was firing within [fromMs, toMs]. */
  firingMs: number;
  /** How the analysis was run (see the file comment). */
  mode: 'one pass' | 'replayed';
  /** Method used (after a fallback) and requested, and the component measured against, for the window texts. */
  method?: BandMethod;
  component?: string;
  notices: string[];
}

/** Whether the backtest runs the analysis in one pass (see the file comment) rather than at every evaluation. */
export function isPrefixStable(o: ResolvedOptions): boolean {
  return o.method === 'auto' || o.method === 'moving';
}

/** Evaluations of a replay, and points each analyses: what the caller bounds before work. */
export function replayCost(
  options: Pick<BacktestSeriesOptions, 'fromMs' | 'toMs' | 'historyMs' | 'rule'>,
  stepMs: number
): { evaluations: number; pointsPerEvaluation: number } {
  const { fromMs, toMs, rule } = options;
  const first = Math.ceil(fromMs / rule.everyMs) * rule.everyMs;
  const evaluations = first > toMs ? 0 : Math.floor((toMs - first) / rule.everyMs) + 1;
  return { evaluations, pointsPerEvaluation: Math.floor((options.historyMs + rule.rangeMs) / stepMs) + 1 };
}

/** Index of the first grid point at or after `ms`. */
function indexAt(input: BacktestSeriesInput, ms: number): number {
  return Math.max(0, Math.ceil((ms - input.timestamps[0]) / input.stepMs));
}

/** Index of the last grid point at or before `ms`. */
function indexUpTo(input: BacktestSeriesInput, ms: number): number {
  return Math.min(input.timestamps.length - 1, Math.floor((ms - input.timestamps[0]) / input.stepMs));
}

export function backtestSeries(
  input: BacktestSeriesInput,
  o: ResolvedOptions,
  options: BacktestSeriesOptions
): BacktestSeriesResult {
  const run = isPrefixStable(o) && !options.replay ? onePass(input, o, options) : replayed(input, o, options);
  const { rule, fromMs, toMs } = options;
  // Where the peak is looked for: the points the rule read while firing.
  const lookBack = rule.reducer === 'last' ? 0 : rule.rangeMs;
  const firings: BacktestFiring[] = run.firings.map((f) => {
    const lo = indexAt(input, f.startMs - lookBack);
    const hi = f.open ? indexUpTo(input, f.endMs) : indexUpTo(input, f.endMs - 1);
    const direction = run.ruleValue[indexUpTo(input, f.startMs)] < 0 ? -1 : 1;
    let peak = -1;
    for (let i = Math.max(lo, 0); i <= hi; i++) {
      const s = run.score[i] * direction;
      if (s === s && (peak < 0 || s > run.score[peak] * direction)) {
        peak = i;
      }
    }
    const at = peak < 0 ? indexUpTo(input, f.startMs) : peak;
    return {
      ...f,
      direction,
      peakMs: input.timestamps[at],
      score: run.score[at],
      value: input.values[at],
      expected: run.expected[at],
      lower: run.lower[at],
      upper: run.upper[at],
      usual: run.usual[at],
      signal: run.signal[at],
    };
  });
  let firingMs = 0;
  for (const f of firings) {
    firingMs += Math.min(f.endMs, toMs) - Math.max(f.startMs, fromMs);
  }
  return {
    firings,
    evaluations: run.evaluations,
    firingMs,
    mode: run.mode,
    method: run.method,
    component: run.component,
    notices: run.notices,
  };
}

interface Run {
  firings: AlertFiring[];
  evaluations: number;
  mode: BacktestSeriesResult['mode'];
  /** Per grid point of the input (NaN where not known): the rule's output, and the analysis behind it. */
  ruleValue: Float64Array;
  score: Float64Array;
  expected: Float64Array;
  lower: Float64Array;
  upper: Float64Array;
  usual: Float64Array;
  signal: Float64Array;
  method?: BandMethod;
  component?: string;
  notices: string[];
}

function nanArray(n: number): Float64Array {
  return new Float64Array(n).fill(NaN);
}

function onePass(input: BacktestSeriesInput, o: ResolvedOptions, options: BacktestSeriesOptions): Run {
  const { rule, historyMs } = options;
  const n = input.timestamps.length;
  const start = indexAt(input, options.fromMs - rule.rangeMs - historyMs);
  const visibleStart = Math.min(n - start, Math.round(historyMs / input.stepMs));
  const a = analyseSeries(
    {
      timestamps: input.timestamps.subarray(start),
      values: input.values.subarray(start),
      visibleStart,
      stepMs: input.stepMs,
    },
    o
  );
  const offset = start + visibleStart;
  const placed = (part: Float64Array | undefined) => {
    const out = nanArray(n);
    if (part) {
      out.set(part, offset);
    }
    return out;
  };
  const full = (field: (typeof OUTPUT_FIELDS)[keyof typeof OUTPUT_FIELDS]) => placed(a.fields.get(field));
  const score = full(OUTPUT_FIELDS.score);
  const ruleValues = rule.output === 'score' ? score : full(OUTPUT_FIELDS.flag);
  const settlePoints = a.method === 'auto' ? 1 : Math.max(1, Math.round(o.flags.minDurationMs / input.stepMs));
  const r = replayAlertRule(input.timestamps, ruleValues, {
    fromMs: options.fromMs,
    toMs: options.toMs,
    everyMs: rule.everyMs,
    rangeMs: rule.rangeMs,
    reducer: rule.reducer,
    evaluator: rule.evaluator,
    forMs: rule.forMs,
    settlePoints,
  });
  return {
    firings: r.firings,
    evaluations: r.times.length,
    mode: 'one pass',
    ruleValue: ruleValues,
    score,
    expected: full(OUTPUT_FIELDS.expected),
    lower: full(OUTPUT_FIELDS.lower),
    upper: full(OUTPUT_FIELDS.upper),
    usual: placed(a.usual),
    signal: placed(a.signal),
    method: a.method,
    component: a.component,
    notices: a.notices,
  };
}

function replayed(input: BacktestSeriesInput, o: ResolvedOptions, options: BacktestSeriesOptions): Run {
  const { rule, historyMs } = options;
  const n = input.timestamps.length;
  const { evaluations } = replayCost(options, input.stepMs);
  const first = Math.ceil(options.fromMs / rule.everyMs) * rule.everyMs;
  const times = new Float64Array(evaluations);
  const condition: boolean[] = new Array(evaluations);
  const ruleValue = nanArray(n);
  const score = nanArray(n);
  const expected = nanArray(n);
  const lower = nanArray(n);
  const upper = nanArray(n);
  const usual = nanArray(n);
  const signal = nanArray(n);
  const notices = new Set<string>();
  let method: BandMethod | undefined;
  let component: string | undefined;
  for (let k = 0; k < evaluations; k++) {
    const t = first + k * rule.everyMs;
    times[k] = t;
    const hi = indexUpTo(input, t);
    const lo = indexAt(input, t - rule.rangeMs);
    const start = indexAt(input, t - rule.rangeMs - historyMs);
    if (hi < lo) {
      condition[k] = false;
      continue;
    }
    const a = analyseSeries(
      {
        timestamps: input.timestamps.subarray(start, hi + 1),
        values: input.values.subarray(start, hi + 1),
        visibleStart: lo - start,
        stepMs: input.stepMs,
      },
      o
    );
    a.notices.forEach((x) => notices.add(x));
    method = a.method;
    component = a.component;
    const s = a.fields.get(OUTPUT_FIELDS.score)!;
    const values = rule.output === 'score' ? s : a.fields.get(OUTPUT_FIELDS.flag)!;
    const x = reduceWindow(values, 0, values.length - 1, rule.reducer);
    condition[k] = alertCondition(x, rule.evaluator);
    // The last point of each evaluation is what it judged; the peak of a firing is looked for among these.
    const last = s.length - 1;
    ruleValue[hi] = values[last];
    score[hi] = s[last];
    expected[hi] = a.fields.get(OUTPUT_FIELDS.expected)![last];
    lower[hi] = a.fields.get(OUTPUT_FIELDS.lower)![last];
    upper[hi] = a.fields.get(OUTPUT_FIELDS.upper)![last];
    usual[hi] = a.usual?.[last] ?? NaN;
    signal[hi] = a.signal?.[last] ?? NaN;
  }
  return {
    firings: alertFirings(times, condition, { forMs: rule.forMs, endMs: options.toMs }),
    evaluations,
    mode: 'replayed',
    ruleValue,
    score,
    expected,
    lower,
    upper,
    usual,
    signal,
    method,
    component,
    notices: [...notices],
  };
}
