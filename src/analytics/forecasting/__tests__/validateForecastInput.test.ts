import { validateForecastInput } from '../validateForecastInput';

describe('validateForecastInput', () => {
  it('accepts a valid horizon, level and enough finite values', () => {
    expect(() => validateForecastInput('f', [1, NaN, 2, 3], 5, 0.9)).not.toThrow();
  });

  it('names the function and the problem in its errors', () => {
    expect(() => validateForecastInput('myForecast', [1, 2, 3], 0, 0.9)).toThrow(/myForecast: horizon/);
    expect(() => validateForecastInput('f', [1, 2, 3], 1.5, 0.9)).toThrow(/horizon/);
    expect(() => validateForecastInput('f', [1, 2, 3], 2, 1)).toThrow(/level/);
    expect(() => validateForecastInput('f', [1, NaN, 2], 2, 0.9)).toThrow(/at least 3 finite values, got 2/);
    expect(() => validateForecastInput('f', [1], 2, 0.9, 1)).not.toThrow();
  });
});
