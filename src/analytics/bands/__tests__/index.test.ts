import * as api from '../index';

describe('bands index', () => {
  it('exports exactly the documented functions', () => {
    expect(Object.keys(api).sort()).toEqual(['forecastBand', 'movingBand', 'seasonalBand', 'stlResidualBand']);
  });
});
