import { explainWindow, WindowFacts, windowTitle } from '../explainWindow';

const T = Date.UTC(2024, 0, 23, 9);
const facts: WindowFacts = {
  series: 'checkout',
  unit: 's',
  direction: 1,
  startMs: T,
  endMs: T + 600_000,
  peakMs: T + 180_000,
  value: 0.628,
  expected: 0.26,
  lower: 0.124,
  upper: 0.396,
  score: 10.83,
  method: 'stl',
  requestedMethod: 'stl',
  component: 'remainder',
};

test('explainWindow names observed and expected values in the series unit, the band, σ, method and component', () => {
  expect(explainWindow(facts)).toBe(
    'Above the expected range for 10m (2024-01-23T09:00:00Z to 2024-01-23T09:10:00Z). ' +
      'Peak at 2024-01-23T09:03:00Z: observed 628 ms, expected 260 ms (band 124 ms to 396 ms), +10.8σ. ' +
      'Method: STL, deviation measured against the remainder.'
  );
  expect(windowTitle(facts)).toBe('checkout above its band');
});

test('explainWindow says when the method fell back and writes one-sided bands and negative σ', () => {
  const text = explainWindow({
    ...facts,
    unit: undefined,
    direction: -1,
    value: 2,
    expected: 10,
    lower: 5,
    upper: Infinity,
    score: -4.04,
    method: 'moving',
    component: 'level',
  });
  expect(text).toMatch(/^Below the expected range/);
  expect(text).toContain('observed 2, expected 10 (band from 5), −4.0σ.');
  expect(text).toContain(
    'Method: moving average (fallback: STL could not be used here), deviation measured against the level.'
  );
  expect(windowTitle({ series: 'x', direction: -1 })).toBe('x below its band');
});

test('explainWindow leads with the usual value at that point of the season when the peak was measured against it', () => {
  // A daily plateau of 80 that failed to come: the forecast's level has followed the 20 already.
  const text = explainWindow({
    ...facts,
    unit: undefined,
    direction: -1,
    value: 20,
    expected: 21,
    lower: 15,
    upper: 27,
    score: -4.12,
    method: 'auto',
    requestedMethod: 'auto',
    component: 'seasonal',
    usual: 80,
  });
  expect(text).toContain(
    'observed 20, usually 80 at this time of the season (forecast 21, band 15 to 27), −4.1σ. ' +
      'Method: calibrated auto detector, deviation measured against the usual value at this point of the season.'
  );
  // NaN (another signal carried the peak) reads as before.
  expect(explainWindow({ ...facts, usual: NaN })).toBe(explainWindow(facts));
});

test('explainWindow names what the auto detector measured the peak against: forecast, recent values or usual value', () => {
  // A slow climb: the forecast has followed it, the recent values have not.
  const climb = { ...facts, method: 'auto', requestedMethod: 'auto', component: 'level', usual: NaN };
  expect(explainWindow({ ...climb, signal: 1 })).toContain(
    'Method: calibrated auto detector, deviation measured against the range of recent values.'
  );
  // The forecast residual (0) and the same-phase value (2, with its usual value) are named too; without a signal
  // (another method) the component is.
  expect(explainWindow({ ...climb, signal: 0 })).toContain('deviation measured against the forecast.');
  expect(explainWindow({ ...climb, signal: 2, usual: 80 })).toContain(
    'deviation measured against the usual value at this point of the season.'
  );
  expect(explainWindow({ ...climb, signal: NaN })).toContain('deviation measured against the level.');
});

test('explainWindow writes times past the Date range as epoch ms instead of failing', () => {
  const far = 9_007_199_254_740_000;
  expect(explainWindow({ ...facts, startMs: far, endMs: far + 1000, peakMs: far })).toContain(
    `(${far} ms since the epoch to ${far + 1000} ms since the epoch)`
  );
});
