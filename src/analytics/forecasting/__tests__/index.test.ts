import * as api from '../index';

describe('forecasting index', () => {
  it('exports exactly the documented functions', () => {
    expect(Object.keys(api).sort()).toEqual([
      'etsForecast',
      'holtWinters',
      'interpolateGaps',
      'linearForecast',
      'mstlEtsForecast',
      'normalQuantile',
      'timeToThreshold',
    ]);
  });
});
