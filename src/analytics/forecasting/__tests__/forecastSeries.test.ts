import { forecastSeries } from '../forecastSeries';

const noise = (i: number) => Math.sin(i * 1.7) + 0.5 * Math.sin(i * 4.1);
const daily = (i: number) => 20 * Math.sin((2 * Math.PI * i) / 24);
const weekly = (i: number) => (Math.floor(i / 24) % 7 >= 5 ? -30 : 0);

describe('forecastSeries', () => {
  it('auto chooses a seasonal model by backtest for a daily + weekly series and forecasts the weekend dip', () => {
    const y = Float64Array.from({ length: 24 * 7 * 4 }, (_, i) => 200 + daily(i) + weekly(i) + noise(i));
    const r = forecastSeries(y, { horizon: 168, periods: [24, 168] });
    expect(r.chosenBy).toBe('backtest');
    expect(r.choice.kind).not.toBe('trend');
    expect(r.backtest.trend).toBeGreaterThan(Math.min(...Object.values(r.backtest).filter((e) => e === e)));
    let err = 0;
    for (let h = 0; h < 168; h++) {
      err += Math.abs(r.point[h] - (200 + daily(672 + h) + weekly(672 + h))) / 168;
    }
    expect(err).toBeLessThan(4);
  });

  it('auto combines the best backtested candidates with weights that sum to 1, heaviest first', () => {
    const y = Float64Array.from({ length: 24 * 7 * 4 }, (_, i) => 200 + daily(i) + weekly(i) + 3 * noise(i));
    const r = forecastSeries(y, { horizon: 48, periods: [24, 168] });
    const members = r.choice.members ?? [];
    expect(r.choice.kind).toBe('combination');
    expect(members.length).toBeGreaterThan(1);
    expect(members.length).toBeLessThanOrEqual(5);
    expect(members.reduce((a, m) => a + m.weight, 0)).toBeCloseTo(1, 12);
    for (let k = 1; k < members.length; k++) {
      expect(members[k].weight).toBeLessThanOrEqual(members[k - 1].weight);
      expect(members[k].weight).toBeGreaterThanOrEqual(0.05);
    }
    // The heaviest member had the smallest backtest error.
    const errors = Object.values(r.backtest).filter((e) => e === e);
    const heaviest = members[0];
    const key =
      heaviest.kind === 'mean'
        ? `mean(${heaviest.periods[0]}×${heaviest.cycles})`
        : heaviest.periods.length > 0
          ? `${heaviest.kind}(${heaviest.periods.join('+')})`
          : heaviest.kind;
    expect(r.backtest[key]).toBe(Math.min(...errors));
    // The point forecast is the weighted mean of the members, each refitted on its own (a seasonal member from
    // its kept cycles, hence the small tolerance).
    const parts = members.map((m) => forecastSeries(y, { horizon: 48, periods: [24, 168], reuse: { ...m, widen: 1 } }));
    for (let h = 0; h < 48; h++) {
      const mean = members.reduce((a, m, k) => a + m.weight * parts[k].point[h], 0);
      expect(Math.abs(r.point[h] - mean)).toBeLessThan(0.005 * mean);
    }
  });

  it('without a season uses the trend from now, starting at the current level', () => {
    const y = Float64Array.from({ length: 300 }, (_, i) => 6 + 0.3 * noise(i) + (i >= 250 ? 0.8 * (i - 249) : 0));
    const r = forecastSeries(y, { horizon: 10 });
    expect(r.choice.kind).toBe('trend');
    expect(r.chosenBy).toBe('only candidate');
    expect(Math.abs(r.point[0] - (y[299] + 0.8))).toBeLessThan(1.5);
  });

  it('model linear is the trend from now even when seasons are known; seasonal without data falls back with a notice', () => {
    const y = Float64Array.from({ length: 24 * 5 }, (_, i) => 100 + daily(i));
    expect(forecastSeries(y, { horizon: 5, periods: [24], model: 'linear' }).choice.kind).toBe('trend');
    const r = forecastSeries(y, { horizon: 5, periods: [168], model: 'seasonal' });
    expect(r.choice.kind).toBe('trend');
    expect(r.notices.join(' ')).toMatch(/needs a known season/);
  });

  it('cuts the forecast and its interval at 0 for a non-negative series', () => {
    const y = Float64Array.from({ length: 120 }, (_, i) => Math.max(0, 60 - 0.5 * i + noise(i)));
    const r = forecastSeries(y, { horizon: 100 });
    expect(Math.min(...r.lower)).toBe(0);
    expect(Math.min(...r.point)).toBe(0);
    const signed = forecastSeries(
      y.map((v) => v - 1),
      { horizon: 100 }
    );
    expect(Math.min(...signed.lower)).toBeLessThan(0);
  });

  it('after a level shift trains on the data after it only', () => {
    const y = Float64Array.from({ length: 24 * 14 }, (_, i) => 100 + daily(i) + noise(i) + (i >= 24 * 9 ? 80 : 0));
    const r = forecastSeries(y, { horizon: 24, periods: [24] });
    expect(Math.abs(r.trainedFrom - 24 * 9)).toBeLessThanOrEqual(3);
    for (let h = 0; h < 24; h++) {
      expect(Math.abs(r.point[h] - (180 + daily(336 + h)))).toBeLessThan(4);
    }
    const ignoring = forecastSeries(y, { horizon: 24, periods: [24], levelShift: false });
    expect(ignoring.trainedFrom).toBe(0);
  });

  it('reusing a choice refits the same model without a backtest: the same forecast, within 1 % on the same data', () => {
    const y = Float64Array.from({ length: 24 * 7 * 3 }, (_, i) => 200 + daily(i) + weekly(i) + noise(i));
    const first = forecastSeries(y, { horizon: 48, periods: [24, 168] });
    const again = forecastSeries(y, { horizon: 48, periods: [24, 168], reuse: first.choice });
    expect(again.chosenBy).toBe('reuse');
    expect(again.backtest).toEqual({});
    expect(again.choice.kind).toBe(first.choice.kind);
    for (let h = 0; h < 48; h++) {
      expect(Math.abs(again.point[h] - first.point[h])).toBeLessThan(0.01 * first.point[h]);
      expect(Math.abs(again.upper[h] - first.upper[h])).toBeLessThan(0.01 * first.upper[h]);
    }
  });

  it('a reused seasonal model keeps its cycles in phase when the series has moved on (start)', () => {
    const full = Float64Array.from({ length: 24 * 7 * 4 }, (_, i) => 200 + daily(i) + noise(i));
    const early = full.subarray(0, 24 * 7 * 3);
    const first = forecastSeries(early, { horizon: 24, periods: [24], model: 'seasonal' });
    // Ten hours later, on a window that starts ten hours later too.
    const later = full.subarray(10, 24 * 7 * 3 + 10);
    const reused = forecastSeries(later, { horizon: 24, periods: [24], reuse: first.choice, start: 10 });
    const fresh = forecastSeries(later, { horizon: 24, periods: [24], model: 'seasonal', start: 10 });
    for (let h = 0; h < 24; h++) {
      expect(Math.abs(reused.point[h] - fresh.point[h])).toBeLessThan(2);
      expect(Math.abs(reused.point[h] - (200 + daily(24 * 7 * 3 + 10 + h)))).toBeLessThan(4);
    }
  });

  it('widens the interval by the factor that makes it hold the backtest errors, at most maxWiden', () => {
    // Calm for three weeks, then the last two days turn noisy: the backtest errors outgrow the fitted interval.
    const y = Float64Array.from({ length: 24 * 7 * 3 }, (_, i) => 200 + daily(i) + (i >= 456 ? 12 : 1) * noise(i));
    const r = forecastSeries(y, { horizon: 48, periods: [24] });
    const plain = forecastSeries(y, { horizon: 48, periods: [24], maxWiden: 1 });
    expect(r.choice.widen).toBeGreaterThan(1.5);
    expect(plain.choice.widen).toBe(1);
    for (let h = 0; h < 48; h++) {
      expect(r.upper[h] - r.lower[h]).toBeCloseTo(r.choice.widen * (plain.upper[h] - plain.lower[h]), 6);
    }
    const calm = forecastSeries(y.subarray(0, 456), { horizon: 48, periods: [24] });
    expect(calm.choice.widen).toBeLessThan(r.choice.widen);
  });

  it('does not mutate its input and rejects a bad horizon', () => {
    const y = Float64Array.from({ length: 100 }, (_, i) => i + noise(i));
    y[40] = NaN;
    const copy = Float64Array.from(y);
    forecastSeries(y, { horizon: 5 });
    expect(Array.from(y)).toEqual(Array.from(copy));
    expect(() => forecastSeries(y, { horizon: 0 })).toThrow(RangeError);
  });
});
