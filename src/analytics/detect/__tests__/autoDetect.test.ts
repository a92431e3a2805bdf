import { gaussian } from '../../bands/__tests__/bandTestKit';
import { autoDetect } from '../autoDetect';

/** Noisy daily-ish series at a 1-minute step: level 100, a 1440-point cycle of ±20, noise σ 3. */
function latency(n: number, seed = 7): Float64Array {
  const g = gaussian(seed);
  return Float64Array.from({ length: n }, (_, i) => 100 + 20 * Math.sin((2 * Math.PI * i) / 1440) + 3 * g());
}

/**
 * 5-minute steps for two weeks: 20 with a plateau of 80 from 08:20 to 13:20 every day, noise σ 2; on day 10
 * (`missing`, its first point) the plateau never comes.
 */
function missingPlateau(): { y: Float64Array; missing: number; day: number } {
  const day = 288;
  const g = gaussian(3);
  const missing = 10 * day;
  const y = Float64Array.from({ length: 14 * day }, (_, i) => {
    const plateau = i % day >= 100 && i % day < 160 && !(i >= missing && i < missing + day);
    return (plateau ? 80 : 20) + 2 * g();
  });
  return { y, missing, day };
}

describe('autoDetect', () => {
  it('says whether its forecast used the season: only where it forecasts better than a plain level', () => {
    // A daily plateau at 5-minute steps: once the season has learned it, it forecasts the jumps a level cannot.
    const { y, missing, day } = missingPlateau();
    expect(autoDetect(y.subarray(0, missing), { season: day }).seasonInUse).toBe(true);
    expect(autoDetect(y.subarray(0, 2 * day), { season: day }).seasonInUse).toBe(false);
    expect(autoDetect(y.subarray(0, missing)).seasonInUse).toBe(false);
    // A smooth daily cycle at 1-minute steps: the level follows it from minute to minute as well as the season
    // would, so it is not used; nor on white noise given a daily season.
    expect(autoDetect(latency(5 * 1440), { season: 1440 }).seasonInUse).toBe(false);
    const g = gaussian(11);
    const noise = Float64Array.from({ length: 5 * 1440 }, () => 100 + 3 * g());
    expect(autoDetect(noise, { season: 1440 }).seasonInUse).toBe(false);
  });

  it('is prefix-stable: every output on a prefix equals the prefix of the outputs on the whole series', () => {
    const y = latency(5000);
    for (let i = 3000; i < 3020; i++) {
      y[i] *= 5;
    }
    const whole = autoDetect(y, { season: 1440 });
    for (const m of [400, 2999, 3005, 4100]) {
      const part = autoDetect(y.subarray(0, m), { season: 1440 });
      for (const key of ['expected', 'lower', 'upper', 'score', 'flag', 'sigma'] as const) {
        expect(Array.from(part[key])).toEqual(Array.from(whole[key].subarray(0, m)));
      }
    }
  });

  it('flags a 20-minute spike to 5× normal above for its whole length and never below', () => {
    const y = latency(4 * 1440);
    const start = 3 * 1440 + 100;
    for (let i = start; i < start + 20; i++) {
      y[i] *= 5;
    }
    const r = autoDetect(y, { season: 1440 });
    for (let i = start; i < start + 20; i++) {
      expect(r.flag[i]).toBe(1);
      expect(r.score[i]).toBeGreaterThan(0);
      // The incident does not train the expected value: it stays near normal throughout.
      expect(r.expected[i]).toBeLessThan(2 * y[start - 1]);
    }
    // Never below, during the spike or in the hour after it (the expected value did not follow the spike up).
    expect(Array.from(r.flag.subarray(start, start + 80)).some((f) => f < 0)).toBe(false);
    expect(r.flag[start - 1]).toBe(0);
    // After the spike the series is normal again: no flag in the following hour.
    expect(Array.from(r.flag.subarray(start + 21, start + 80)).every((f) => f === 0)).toBe(true);
  });

  it('gives finite scores and no flags on a constant series, and scores a step from it finitely', () => {
    const y = new Float64Array(2000).fill(5);
    const flat = autoDetect(y);
    expect(Array.from(flat.score.subarray(1)).every((s) => s === 0)).toBe(true);
    expect(Array.from(flat.flag).every((f) => f === 0)).toBe(true);
    y[1500] = 6;
    const stepped = autoDetect(y);
    expect(Number.isFinite(stepped.score[1500])).toBe(true);
    expect(stepped.score[1500]).toBeGreaterThan(0);
    expect(stepped.flag[1500]).toBe(1);
  });

  it('raises no flag on a noiseless daily square wave, whose tiny forecast wobbles are rare but inside the band', () => {
    // 5-minute steps: 80 for the first half of each day, 20 for the second, for two weeks.
    const day = 288;
    const y = Float64Array.from({ length: 14 * day }, (_, i) => (i % day < day / 2 ? 80 : 20));
    const r = autoDetect(y, { season: day });
    expect(Array.from(r.flag).filter((f) => f !== 0).length).toBe(0);
  });

  it('flags a daily plateau that fails to come below, from where it was due, though the level follows at once', () => {
    const { y, missing, day } = missingPlateau();
    const r = autoDetect(y, { season: day });
    const onsets = Array.from(r.flag).flatMap((f, i) => (f !== 0 && r.flag[i - 1] === 0 ? [i] : []));
    expect(onsets).toEqual([missing + 100]);
    expect(r.flag[missing + 100]).toBe(-1);
    // The same-phase profile carried it: the forecast's level alone would have followed the flat value.
    expect(r.signal[missing + 100]).toBe(2);
  });

  it('reports the usual value at that phase exactly where the same-phase profile carried a point', () => {
    const { y, missing, day } = missingPlateau();
    const r = autoDetect(y, { season: day });
    for (let i = 0; i < y.length; i++) {
      expect([i, r.signal[i] === 2]).toEqual([i, Number.isFinite(r.usual[i])]);
    }
    // Measured against the plateau it usually shows there, all through the missing plateau.
    for (const at of [missing + 100, missing + 130]) {
      expect(r.signal[at]).toBe(2);
      expect(r.usual[at]).toBeGreaterThan(75);
      expect(r.usual[at]).toBeLessThan(85);
    }
  });

  it('does not use the same-phase profile on a series without that season', () => {
    const day = 288;
    const g = gaussian(5);
    const y = Float64Array.from({ length: 14 * day }, () => 50 + 5 * g());
    const r = autoDetect(y, { season: day });
    expect(Array.from(r.signal).some((s) => s === 2)).toBe(false);
    expect(Array.from(r.usual).every((v) => v !== v)).toBe(true);
  });

  it('clamps the lower band at 0 while the series has never been negative, and not after', () => {
    const g = gaussian(3);
    const y = Float64Array.from({ length: 1500 }, () => Math.abs(0.2 + g()));
    const r = autoDetect(y);
    const last = r.lower.length - 1;
    expect(r.expected[last] - r.sigma[last] * 3).toBeLessThan(0);
    expect(Array.from(r.lower).every((v) => v !== v || v >= 0)).toBe(true);
    const shifted = Float64Array.from(y, (v) => v - 0.3);
    const s = autoDetect(shifted);
    expect(Array.from(s.lower).some((v) => v < 0)).toBe(true);
  });

  it('respects direction: above ignores drops', () => {
    const y = latency(3000);
    for (let i = 2500; i < 2510; i++) {
      y[i] = 0;
    }
    expect(Array.from(autoDetect(y, { season: 1440 }).flag.subarray(2500, 2510))).toContain(-1);
    const above = autoDetect(y, { season: 1440, direction: 'above' });
    expect(Array.from(above.flag).some((f) => f < 0)).toBe(false);
    expect(Array.from(above.score).every((s) => s !== s || s >= 0)).toBe(true);
  });

  it('delays the flag to the minPoints-th point of an event', () => {
    const y = latency(3000);
    for (let i = 2500; i < 2510; i++) {
      y[i] *= 5;
    }
    const r = autoDetect(y, { season: 1440, minPoints: 3 });
    expect(Array.from(r.flag.subarray(2500, 2510))).toEqual([0, 0, 1, 1, 1, 1, 1, 1, 1, 1]);
  });

  it('scores NaN at gaps, flags 0 there and keeps going', () => {
    const y = latency(1000);
    y[700] = NaN;
    const r = autoDetect(y);
    expect(r.score[700]).toBeNaN();
    expect(r.flag[700]).toBe(0);
    expect(Number.isFinite(r.score[701])).toBe(true);
  });

  it('does not mutate its input', () => {
    const y = latency(800);
    y[600] = 1e6;
    const copy = Float64Array.from(y);
    autoDetect(y, { season: 1440 });
    expect(y).toEqual(copy);
  });

  it('rejects a threshold that is not positive', () => {
    expect(() => autoDetect([1, 2, 3], { threshold: 0 })).toThrow(RangeError);
  });
});
