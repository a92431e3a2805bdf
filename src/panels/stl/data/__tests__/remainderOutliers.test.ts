import { remainderOutliers } from '../remainderOutliers';

describe('remainderOutliers', () => {
  it('marks points beyond the threshold in robust sigma units', () => {
    // median 0, raw MAD 1 → σ = 1.4826; 5 is 3.37σ away, -4 is 2.7σ away.
    const r = [0, 1, -1, 1, -1, 0, 5, -4, 0];
    expect(remainderOutliers(r, 3)).toEqual([6]);
    expect(remainderOutliers(r, 2.5)).toEqual([6, 7]);
  });

  it('marks every point off the median when the MAD is zero', () => {
    expect(remainderOutliers([2, 2, 2, 2, 3, 2], 3)).toEqual([4]);
  });

  it('does not mark rounding noise when sigma is floored', () => {
    const r = [0, 0, 0, 0, 1e-12, -1e-12, 0, 5];
    expect(remainderOutliers(r, 3)).toEqual([4, 5, 7]);
    expect(remainderOutliers(r, 3, 1e-6)).toEqual([7]);
  });

  it('skips NaN and never marks it', () => {
    expect(remainderOutliers([0, NaN, 1, -1, 1, -1, 9], 3)).toEqual([6]);
  });

  it('returns nothing for an all-NaN remainder', () => {
    expect(remainderOutliers([NaN, NaN], 3)).toEqual([]);
  });
});
