import * as change from '../index';

describe('change index', () => {
  it('exports exactly the documented functions', () => {
    expect(Object.keys(change).sort()).toEqual([
      'derivative',
      'ewma',
      'gradient',
      'localPolynomialFit',
      'percentChange',
      'secondDerivative',
    ]);
  });
});
