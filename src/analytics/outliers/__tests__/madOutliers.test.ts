import fixture from './fixtures/outliers.json';
import { madOutliers } from '../madOutliers';
import { makeGroup } from './groupFactory';
import { expectScoresNearReference, fromReferenceRows } from './referenceScores';
import { expectScaleShiftInvariantScores } from './scaleShiftInvariance';

describe('madOutliers', () => {
  const series = fromReferenceRows(fixture.series);

  it('scores agree with the numpy reference to 1e-12 (relative)', () => {
    const result = madOutliers(series, { threshold: 3 });
    const expected = fromReferenceRows(fixture.mad.scores);
    expectScoresNearReference(result, expected, 1e-12);
  });

  it.each(fixture.mad.cases.map((c) => [c.threshold, c.percentPoints, c] as const))(
    'flags and verdicts agree with numpy at threshold %d, percentPoints %d',
    (threshold, percentPoints, c) => {
      const result = madOutliers(series, { threshold, percentPoints });
      expect(result.series.map((s) => Array.from(s.flaggedIndices))).toEqual(c.flaggedIndices);
      expect(result.series.map((s) => s.isOutlier)).toEqual(c.isOutlier);
      result.series.forEach((s, i) => expect(s.flaggedPercent).toBeCloseTo(c.flaggedPercent[i], 10));
      expect(result.outlierSeries).toEqual(c.isOutlier.flatMap((o, i) => (o ? [i] : [])));
    }
  );

  it('finds the planted outliers: the low series throughout, the drifting one, the spike', () => {
    const result = madOutliers(series, { threshold: 3, percentPoints: 50 });
    expect(result.outlierSeries).toEqual([7]);
    const anyPoint = madOutliers(series, { threshold: 5 });
    expect(anyPoint.series[11].flaggedIndices).toContain(30);
    expect(Array.from(anyPoint.series[3].flaggedIndices)).toEqual(expect.arrayContaining([12, 15, 18]));
  });

  it('marks steps with fewer than 3 values as not comparable and never flags NaN', () => {
    const result = madOutliers(series, { threshold: 0.1 });
    result.series.forEach((s) => {
      expect(s.scores[40]).toBeNaN();
      expect(s.scores[41]).toBeNaN();
      expect(s.flaggedIndices).not.toContain(40);
    });
    expect(result.band.lower[40]).toBeNaN();
    expect(result.series[5].scores[6]).toBeNaN();
  });

  it('accepts a row-major matrix and gives the same result as an array of series', () => {
    const group = makeGroup(6, 30, 3);
    group[2][4] = 50;
    const values = new Float64Array(6 * 30);
    group.forEach((s, i) => values.set(s, i * 30));
    const a = madOutliers(group, { threshold: 8 });
    const b = madOutliers({ values, seriesCount: 6, length: 30 }, { threshold: 8 });
    expect(b.series.map((s) => Array.from(s.scores))).toEqual(a.series.map((s) => Array.from(s.scores)));
    expect(b.outlierSeries).toEqual([2]);
  });

  it('higher sensitivity never flags fewer points', () => {
    const group = makeGroup(20, 50, 9, 2);
    const count = (s: number) =>
      madOutliers(group, { sensitivity: s }).series.reduce((a, x) => a + x.flaggedIndices.length, 0);
    expect(count(0.2)).toBeLessThanOrEqual(count(0.5));
    expect(count(0.5)).toBeLessThanOrEqual(count(0.9));
    expect(count(0.9)).toBeGreaterThan(0);
  });

  it('scores are invariant to scaling and shifting every series alike', () => {
    expectScaleShiftInvariantScores((group) => madOutliers(group, { threshold: 2 }), 8, 12);
  });

  it('rejects bad options and ragged groups with clear errors', () => {
    const group = makeGroup(4, 5);
    expect(() => madOutliers(group, { sensitivity: 0.5, threshold: 3 })).toThrow(/not both/);
    expect(() => madOutliers(group, { sensitivity: 1 })).toThrow(/sensitivity/);
    expect(() => madOutliers(group, { threshold: -1 })).toThrow(/threshold/);
    expect(() => madOutliers(group, { percentPoints: 101 })).toThrow(/percentPoints/);
    expect(() => madOutliers([[1, 2], [1]])).toThrow(/same timestamps/);
    expect(() => madOutliers({ values: [1, 2, 3], seriesCount: 2, length: 2 })).toThrow(/seriesCount × length/);
  });

  it('handles an empty group and does not mutate its input', () => {
    expect(madOutliers([]).series).toEqual([]);
    const group = makeGroup(5, 10);
    const copy = group.map((s) => Float64Array.from(s));
    madOutliers(group);
    expect(group).toEqual(copy);
  });
});
