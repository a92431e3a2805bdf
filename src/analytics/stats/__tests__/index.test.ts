import * as stats from '../index';

describe('stats index', () => {
  it('exports exactly the documented primitives', () => {
    expect(Object.keys(stats).sort()).toEqual([
      'MAD_NORMAL_SCALE',
      'interpolateGaps',
      'mad',
      'meanVariance',
      'median',
      'pearson',
      'quantile',
      'rank',
    ]);
  });
});
