import { scoreToFlags } from '../scoreToFlags';

describe('scoreToFlags', () => {
  it('flags +1 above and −1 below the threshold', () => {
    expect(Array.from(scoreToFlags([0, 3.5, -4, 2.9, -2.9, 3], { threshold: 3 }))).toEqual([0, 1, -1, 0, 0, 1]);
  });

  it('keeps a run alive until the score drops below the exit threshold (hysteresis)', () => {
    const s = [0, 3.2, 2.5, 2.1, 1.9, 2.5, 3.1, -2.5];
    expect(Array.from(scoreToFlags(s, { threshold: 3, exitThreshold: 2 }))).toEqual([0, 1, 1, 1, 0, 0, 1, 0]);
    // Without hysteresis the same scores flicker.
    expect(Array.from(scoreToFlags(s, { threshold: 3 }))).toEqual([0, 1, 0, 0, 0, 0, 1, 0]);
  });

  it('ends a run on a sign change even when the magnitude stays high', () => {
    expect(Array.from(scoreToFlags([4, -2.5, -2.5, -3.5], { threshold: 3, exitThreshold: 2 }))).toEqual([1, 0, 0, -1]);
  });

  it('clears runs shorter than minRun, including one cut at the end of the series', () => {
    const s = [5, 0, 5, 5, 5, 0, 5, 5];
    expect(Array.from(scoreToFlags(s, { minRun: 3 }))).toEqual([0, 0, 1, 1, 1, 0, 0, 0]);
  });

  it('treats NaN as 0 ending the run, and flags ±Infinity', () => {
    expect(Array.from(scoreToFlags([4, NaN, 4, Infinity, -Infinity], { exitThreshold: 1 }))).toEqual([1, 0, 1, 1, -1]);
  });

  it('only flags the requested direction', () => {
    expect(Array.from(scoreToFlags([4, -4], { direction: 'above' }))).toEqual([1, 0]);
    expect(Array.from(scoreToFlags([4, -4], { direction: 'below' }))).toEqual([0, -1]);
  });

  it('handles an empty input and rejects bad options', () => {
    expect(scoreToFlags([])).toHaveLength(0);
    expect(() => scoreToFlags([1], { threshold: 0 })).toThrow(/threshold/);
    expect(() => scoreToFlags([1], { threshold: 2, exitThreshold: 3 })).toThrow(/exitThreshold/);
    expect(() => scoreToFlags([1], { minRun: 0 })).toThrow(/minRun/);
  });

  it('does not mutate its input', () => {
    const s = Float64Array.from([1, 5, -5, NaN]);
    scoreToFlags(s);
    expect(Array.from(s)).toEqual([1, 5, -5, NaN]);
  });
});
