import * as outliers from '../index';
import { dbscanOutliers } from '../dbscanOutliers';
import { madOutliers } from '../madOutliers';
import { zScoreOutliers } from '../zScoreOutliers';

describe('outliers index', () => {
  it('exports exactly the documented functions', () => {
    expect(Object.keys(outliers).sort()).toEqual([
      'dbscan1d',
      'dbscanOutliers',
      'madOutliers',
      'sensitivityToThreshold',
      'zScoreOutliers',
    ]);
  });

  it.each([
    ['madOutliers', madOutliers],
    ['zScoreOutliers', zScoreOutliers],
    ['dbscanOutliers', dbscanOutliers],
  ] as const)(
    '%s flags nothing with fewer than three series and never throws on short or all-NaN groups',
    (_name, detect) => {
      const two = detect([
        [1, 2, 3],
        [100, 200, 300],
      ]);
      expect(two.outlierSeries).toEqual([]);
      expect(
        two.series.every((s) => s.scores.every(Number.isNaN) && Number.isNaN(s.maxScore) && s.flaggedPercent === 0)
      ).toBe(true);
      expect(detect([[], [], []]).series.map((s) => s.flaggedIndices.length)).toEqual([0, 0, 0]);
      expect(detect([[NaN], [NaN], [NaN], [NaN]]).outlierSeries).toEqual([]);
    }
  );
});
