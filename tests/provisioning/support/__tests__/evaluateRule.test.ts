/**
 * Reduce and threshold evaluated as Grafana evaluates them (docs/grafana-expressions.md): strict mode poisons
 * every reducer but last and count, dropNN and replaceNN map non-numbers first, ranges exclude their bounds
 * unless `_included`, no value stays no value, and a recovery threshold holds a firing instance.
 */
import { labelKey, reduceValues, thresholdHolds, thresholdInstances } from '../evaluateRule';

const strict = (reducer: 'sum' | 'mean' | 'min' | 'max' | 'count' | 'last' | 'median') => ({
  reducer,
  mode: '' as const,
});

describe('reduceValues', () => {
  it.each([
    ['last ignores NaN and null before the final point', [NaN, null, 3], strict('last'), 3],
    ['last of a final null is no value', [1, null], strict('last'), null],
    ['last of nothing is NaN', [], strict('last'), NaN],
    ['mean is NaN with one null', [1, null, 3], strict('mean'), NaN],
    ['mean of nothing is NaN', [], strict('mean'), NaN],
    ['sum of nothing is 0', [], strict('sum'), 0],
    ['sum keeps +Inf as a number', [1, Infinity], strict('sum'), Infinity],
    ['max is NaN with one NaN', [1, NaN], strict('max'), NaN],
    ['count counts null and NaN points', [null, NaN, 1], strict('count'), 3],
    ['median of an even count is the mean of the middle two', [4, 1, 3, 2], strict('median'), 2.5],
  ] as const)('%s', (_, values, cmd, expected) => {
    const out = reduceValues(values, cmd);
    expect(out === null ? null : Number.isNaN(out) ? 'NaN' : out).toEqual(
      expected === null ? null : Number.isNaN(expected) ? 'NaN' : expected
    );
  });

  it('dropNN drops null, NaN and ±Inf, and an empty result is no value', () => {
    expect(reduceValues([1, null, NaN, Infinity, 3], { reducer: 'mean', mode: 'dropNN' })).toBe(2);
    expect(reduceValues([null, Infinity], { reducer: 'mean', mode: 'dropNN' })).toBeNull();
  });

  it('replaceNN replaces null, NaN and ±Inf, and a NaN result becomes the value', () => {
    expect(reduceValues([1, null, -Infinity], { reducer: 'sum', mode: 'replaceNN', replaceWithValue: 10 })).toBe(21);
    expect(reduceValues([], { reducer: 'mean', mode: 'replaceNN', replaceWithValue: -1 })).toBe(-1);
  });

  it('does not change its input', () => {
    const values = [3, null, 1];
    reduceValues(values, { reducer: 'median', mode: 'dropNN' });
    expect(values).toEqual([3, null, 1]);
  });
});

describe('threshold', () => {
  it.each([
    ['gt', [1], 1, false],
    ['gte', [1], 1, true],
    ['within_range', [0, 1], 1, false],
    ['within_range_included', [0, 1], 1, true],
    ['outside_range', [0, 1], 0, false],
    ['outside_range_included', [0, 1], 0, true],
    ['lt', [1], NaN, false],
    ['ne', [1], NaN, true],
  ] as const)('%s %j at %d holds: %s', (type, params, value, holds) => {
    expect(thresholdHolds(value, { type, params: [...params] })).toBe(holds);
  });

  it('no value stays no value', () => {
    expect(thresholdInstances([{ labels: {}, value: null }], { evaluator: { type: 'gt', params: [0] } })).toEqual([
      { labels: {}, value: null },
    ]);
  });

  it('a recovery threshold keeps a firing instance firing until the unload evaluator holds', () => {
    const cmd = { evaluator: { type: 'gt', params: [3.5] }, unloadEvaluator: { type: 'lt', params: [2] } };
    const a = { broker: 'a' };
    const b = { broker: 'b' };
    const before = new Set([labelKey(a)]);
    const out = thresholdInstances(
      [
        { labels: a, value: 3 },
        { labels: b, value: 3 },
      ],
      cmd,
      before
    );
    expect(out.map((i) => i.value)).toEqual([1, 0]);
    expect(thresholdInstances([{ labels: a, value: 1 }], cmd, before)[0].value).toBe(0);
  });
});
