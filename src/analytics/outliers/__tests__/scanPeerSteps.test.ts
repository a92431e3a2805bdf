import { toTimeMajor } from '../peerGroup';
import { PeerStepRule, scanPeerSteps } from '../scanPeerSteps';

/** Normal range [lo, hi] at every step, unit 1: the score is the distance outside it. */
const fixedRange = (lo: number, hi: number, flagAbove = 0): PeerStepRule => ({
  fit(_values, _count, step) {
    step.lower = step.normalLo = lo;
    step.upper = step.normalHi = hi;
    step.unit = 1;
    return true;
  },
  flagAbove,
});

describe('scanPeerSteps', () => {
  it('scores the distance outside the normal range and flags values outside it scored above flagAbove', () => {
    const r = scanPeerSteps(toTimeMajor([[0], [1], [2], [5]]), 0, fixedRange(1, 2, 0.5));
    expect(r.series.map((s) => s.scores[0])).toEqual([1, 0, 0, 3]);
    expect(r.outlierSeries).toEqual([0, 3]);
    expect(Array.from(r.band.lower)).toEqual([1]);
    expect(Array.from(r.band.upper)).toEqual([2]);
  });

  it('hands the rule the non-NaN values of the step in series order, and never scores a NaN', () => {
    const seen: number[][] = [];
    const rule: PeerStepRule = {
      fit(values, count, step) {
        seen.push(Array.from(values.subarray(0, count)));
        return fixedRange(0, 0).fit(values, count, step);
      },
      flagAbove: 0,
    };
    const r = scanPeerSteps(
      toTimeMajor([
        [3, 1],
        [NaN, 2],
        [4, 3],
        [5, 4],
      ]),
      0,
      rule
    );
    expect(seen).toEqual([
      [3, 4, 5],
      [1, 2, 3, 4],
    ]);
    expect(Array.from(r.series[1].scores)).toEqual([NaN, 2]);
  });

  it('leaves a step with fewer than three values, or one the rule declines, unscored with a NaN band', () => {
    const declineSecond: PeerStepRule = {
      fit(values, count, step) {
        return values[0] !== 9 && fixedRange(0, 0).fit(values, count, step);
      },
      flagAbove: 0,
    };
    const r = scanPeerSteps(
      toTimeMajor([
        [1, 9, 1],
        [1, 1, NaN],
        [1, 1, NaN],
      ]),
      0,
      declineSecond
    );
    expect(Array.from(r.series[0].scores)).toEqual([1, NaN, NaN]);
    expect(Array.from(r.band.lower)).toEqual([0, NaN, NaN]);
  });

  it('scores 0 where the unit is 0 and flags nothing there', () => {
    const zeroUnit: PeerStepRule = {
      fit(values, count, step) {
        fixedRange(1, 1).fit(values, count, step);
        step.unit = 0;
        return true;
      },
      flagAbove: 0,
    };
    const r = scanPeerSteps(toTimeMajor([[1], [1], [7]]), 0, zeroUnit);
    expect(r.series.map((s) => s.scores[0])).toEqual([0, 0, 0]);
    expect(r.outlierSeries).toEqual([]);
  });
});
