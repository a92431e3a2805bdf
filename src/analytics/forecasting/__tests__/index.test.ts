import * as api from '../index';

describe('forecasting index', () => {
  it('exports exactly the documented functions', () => {
    expect(Object.keys(api).sort()).toEqual([
      'chooseTrendWindow',
      'forecastSeries',
      'holtWinters',
      'lastLevelShift',
      'linearForecast',
      'normalQuantile',
      'recentTrendForecast',
      'seasonalForecast',
      'seasonalNaiveForecast',
      'timeToThreshold',
    ]);
  });
});
