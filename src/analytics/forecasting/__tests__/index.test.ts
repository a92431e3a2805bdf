import * as api from '../index';

describe('forecasting index', () => {
  it('exports exactly the documented functions', () => {
    expect(Object.keys(api).sort()).toEqual([
      'chooseTrendWindow',
      'etsForecast',
      'forecastSeries',
      'holtWinters',
      'lastLevelShift',
      'linearForecast',
      'mstlEtsForecast',
      'normalQuantile',
      'recentTrendForecast',
      'seasonalForecast',
      'seasonalNaiveForecast',
      'timeToThreshold',
    ]);
  });
});
