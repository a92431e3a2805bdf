import { replayAlertRule } from '../replayAlertRule';

const MIN = 60_000;
const ts = Array.from({ length: 10 }, (_, i) => i * MIN);

describe('replayAlertRule', () => {
  it('evaluates `last` of the window every interval and fires while the flag is on', () => {
    const flag = [0, 0, 1, 1, 0, 0, 0, -1, 0, 0];
    const r = replayAlertRule(ts, flag, {
      fromMs: 0,
      toMs: 9 * MIN,
      everyMs: MIN,
      rangeMs: 10 * MIN,
      reducer: 'last',
      evaluator: { type: 'outside_range', params: [0, 0] },
    });
    expect(Array.from(r.reduced)).toEqual(flag);
    expect(r.firings.map((f) => [f.startMs / MIN, f.endMs / MIN])).toEqual([
      [2, 4],
      [7, 8],
    ]);
  });

  it('reduces over the rule range only: max over the last 2 minutes keeps a one-point flag for 3 evaluations', () => {
    const flag = [0, 0, 0, 1, 0, 0, 0, 0, 0, 0];
    const r = replayAlertRule(ts, flag, {
      fromMs: 0,
      toMs: 9 * MIN,
      everyMs: MIN,
      rangeMs: 2 * MIN,
      reducer: 'max',
      evaluator: { type: 'gt', params: [0] },
    });
    // At t = 3, 4, 5 min the window [t − 2m, t] holds minute 3.
    expect(Array.from(r.reduced)).toEqual([0, 0, 0, 1, 1, 1, 0, 0, 0, 0]);
    expect(r.firings.map((f) => [f.startMs / MIN, f.endMs / MIN])).toEqual([[3, 6]]);
  });

  it('evaluates on multiples of the interval, with points up to the evaluation time only', () => {
    const flag = [0, 0, 0, 1, 1, 1, 0, 0, 0, 0];
    const r = replayAlertRule(ts, flag, {
      fromMs: 30_000,
      toMs: 9 * MIN,
      everyMs: 2 * MIN,
      rangeMs: 0,
      reducer: 'last',
      evaluator: { type: 'gt', params: [0] },
    });
    expect(Array.from(r.times).map((t) => t / MIN)).toEqual([2, 4, 6, 8]);
    expect(r.firings.map((f) => [f.startMs / MIN, f.endMs / MIN])).toEqual([[4, 6]]);
  });

  it('applies the pending period', () => {
    const flag = [0, 1, 1, 1, 1, 0, 1, 1, 0, 0];
    const r = replayAlertRule(ts, flag, {
      fromMs: 0,
      toMs: 9 * MIN,
      everyMs: MIN,
      rangeMs: 0,
      reducer: 'last',
      evaluator: { type: 'gt', params: [0] },
      forMs: 2 * MIN,
    });
    // Pending from 1, fires at 3, resolves at 5; the run 6–7 is too short.
    expect(r.firings.map((f) => [f.startMs / MIN, f.endMs / MIN])).toEqual([[3, 5]]);
  });

  it('does not see a minimum-run flag before its run has lasted settlePoints', () => {
    // The whole-pass flags of a 3-point minimum run: minutes 2–5 flagged (the run reached 3 points at minute 4).
    const flag = [0, 0, 1, 1, 1, 1, 0, 0, 0, 0];
    const common = {
      fromMs: 0,
      toMs: 9 * MIN,
      everyMs: MIN,
      rangeMs: 5 * MIN,
      evaluator: { type: 'gt' as const, params: [0] },
      settlePoints: 3,
    };
    const last = replayAlertRule(ts, flag, { ...common, reducer: 'last' });
    expect(Array.from(last.reduced)).toEqual([0, 0, 0, 0, 1, 1, 0, 0, 0, 0]);
    expect(last.firings.map((f) => [f.startMs / MIN, f.endMs / MIN])).toEqual([[4, 6]]);
    const sum = replayAlertRule(ts, flag, { ...common, reducer: 'sum' });
    // At 4 the run (2–4) is seen whole: 3; at 9 the window [4, 9] holds minutes 4 and 5.
    expect(Array.from(sum.reduced)).toEqual([0, 0, 0, 0, 3, 4, 4, 4, 3, 2]);
  });

  it('treats an empty window as no data and leaves its inputs alone', () => {
    const flag = Float64Array.from([1, 1]);
    const r = replayAlertRule([5 * MIN, 6 * MIN], flag, {
      fromMs: 0,
      toMs: 6 * MIN,
      everyMs: MIN,
      rangeMs: 0,
      reducer: 'count',
      evaluator: { type: 'gt', params: [0] },
    });
    expect(Array.from(r.reduced)).toEqual([NaN, NaN, NaN, NaN, NaN, 1, 1]);
    expect(r.firings).toHaveLength(1);
    expect(Array.from(flag)).toEqual([1, 1]);
  });
});
