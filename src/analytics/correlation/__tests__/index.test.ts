import * as correlation from '../index';

describe('correlation index', () => {
  it('exports exactly the documented functions', () => {
    expect(Object.keys(correlation).sort()).toEqual([
      'crossCorrelation',
      'dtwDistance',
      'rankCorrelations',
      'rankDtw',
      'spearman',
    ]);
  });
});
