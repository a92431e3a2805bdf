import fixture from './fixtures/outliers.json';
import { zScoreOutliers } from '../zScoreOutliers';
import { makeGroup } from './groupFactory';
import { expectScoresNearReference, fromReferenceRows } from './referenceScores';
import { expectScaleShiftInvariantScores } from './scaleShiftInvariance';

describe('zScoreOutliers', () => {
  const series = fromReferenceRows(fixture.series);

  it('scores agree with numpy (ddof 1) to 1e-10 (relative)', () => {
    const result = zScoreOutliers(series, { threshold: 2.5 });
    const expected = fromReferenceRows(fixture.z.scores);
    expectScoresNearReference(result, expected, 1e-10);
  });

  it.each(fixture.z.cases.map((c) => [c.threshold, c.percentPoints, c] as const))(
    'flags and verdicts agree with numpy at threshold %d, percentPoints %d',
    (threshold, percentPoints, c) => {
      const result = zScoreOutliers(series, { threshold, percentPoints });
      expect(result.series.map((s) => Array.from(s.flaggedIndices))).toEqual(c.flaggedIndices);
      expect(result.series.map((s) => s.isOutlier)).toEqual(c.isOutlier);
    }
  );

  it('scores a step of equal values as 0', () => {
    const result = zScoreOutliers([
      [1, 5],
      [1, 6],
      [1, 7],
    ]);
    expect(result.series.map((s) => s.scores[0])).toEqual([0, 0, 0]);
  });

  it('z-scores are invariant to scaling and shifting every series alike', () => {
    expectScaleShiftInvariantScores((group) => zScoreOutliers(group), 7, 10);
  });

  it('does not mutate its input', () => {
    const group = makeGroup(5, 10);
    const copy = group.map((s) => Float64Array.from(s));
    zScoreOutliers(group, { percentPoints: 10 });
    expect(group).toEqual(copy);
  });
});
