import { forecastPeriods } from '../forecastPeriods';

const HOUR = 3_600_000;

describe('forecastPeriods', () => {
  it('offers the week to auto when the day was detected and two weeks of data are there', () => {
    expect(forecastPeriods([24], { mode: 'auto' }, 'auto', 24 * 14, HOUR)).toEqual([24, 168]);
    expect(forecastPeriods([24], { mode: 'auto' }, 'auto', 24 * 13, HOUR)).toEqual([24]);
  });

  it('offers the day and the week at a one-minute step when the hour was detected', () => {
    expect(forecastPeriods([60], { mode: 'auto' }, 'auto', 60 * 24 * 14, 60_000)).toEqual([60, 1440, 10080]);
  });

  it('adds nothing when no season was detected, seasons are explicit or the model is requested', () => {
    expect(forecastPeriods([], { mode: 'auto' }, 'auto', 24 * 30, HOUR)).toEqual([]);
    expect(forecastPeriods([24], { mode: 'explicit', periodsMs: [24 * HOUR] }, 'auto', 24 * 30, HOUR)).toEqual([24]);
    expect(forecastPeriods([24], { mode: 'auto' }, 'seasonal', 24 * 30, HOUR)).toEqual([24]);
    expect(forecastPeriods([24], { mode: 'auto' }, 'linear', 24 * 30, HOUR)).toEqual([24]);
  });
});
