import * as api from '../index';

describe('seasonality index', () => {
  it('exports exactly the documented functions', () => {
    expect(Object.keys(api).sort()).toEqual(['calendarPeriods', 'clipOutliers', 'detectSeasonality']);
  });
});
