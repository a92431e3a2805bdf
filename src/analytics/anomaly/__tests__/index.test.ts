import * as api from '../index';

describe('anomaly index', () => {
  it('exports exactly the documented functions', () => {
    expect(Object.keys(api).sort()).toEqual(['explainPoint', 'fractionAnomalous', 'scoreToFlags']);
  });
});
