import fixture from './fixtures/holtwinters.json';
import { holtWinters, holtWintersFit, holtWintersForecast, SeasonalKind, TrendKind } from '../holtWinters';

interface FixedCase {
  name: string;
  y: number[];
  period: number;
  trend: TrendKind;
  seasonal: SeasonalKind;
  damped: boolean;
  params: { alpha: number; beta?: number; gamma?: number; phi?: number };
  initial: { level: number; trend?: number; seasonal?: number[] };
  horizon: number;
  fitted: number[];
  forecast: number[];
  level?: number;
  sigma2?: number;
  etsMean?: number[];
  simulations?: number;
  simLower?: number[];
  simUpper?: number[];
  lower?: number[];
  upper?: number[];
}

function maxRelError(actual: ArrayLike<number>, expected: ArrayLike<number>): number {
  let worst = 0;
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    worst = Math.max(worst, Math.abs(actual[i] - expected[i]) / Math.max(1, Math.abs(expected[i])));
  }
  return worst;
}

function optionsOf(c: FixedCase) {
  return {
    period: c.period,
    trend: c.trend,
    seasonal: c.seasonal,
    damped: c.damped,
    alpha: c.params.alpha,
    beta: c.params.beta,
    gamma: c.params.gamma,
    phi: c.params.phi,
    initial: c.initial,
    horizon: c.horizon,
    level: c.level ?? 0.95,
  };
}

function runFixed(c: FixedCase) {
  return holtWinters(c.y, optionsOf(c));
}

describe('holtWinters', () => {
  const fixed = fixture.fixed as FixedCase[];

  // statsmodels 0.13.5 ExponentialSmoothing forecasts at horizons that are multiples of the period with the
  // previous season's factor (statsmodels issue #9538, fixed by PR #10230); ETSModel and Hyndman et al. use the
  // final one, as we do. So those horizons are compared with ETSModel's mean (additive cases) only.
  it.each(fixed.map((c) => [c.name, c] as const))(
    '%s matches statsmodels ExponentialSmoothing fitted values and forecasts to 1e-9',
    (_, c) => {
      const r = runFixed(c);
      expect(maxRelError(r.fitted, c.fitted)).toBeLessThan(1e-9);
      const keep = (_v: number, i: number) => c.seasonal === 'none' || (i + 1) % c.period !== 0;
      expect(maxRelError(Array.from(r.forecast).filter(keep), c.forecast.filter(keep))).toBeLessThan(1e-9);
    }
  );

  it.each(fixed.filter((c) => c.etsMean).map((c) => [c.name, c] as const))(
    '%s forecasts match statsmodels ETSModel means at every horizon to 1e-9',
    (_, c) => {
      const r = runFixed(c);
      expect(maxRelError(r.forecast, c.etsMean as number[])).toBeLessThan(1e-9);
    }
  );

  it.each(fixed.filter((c) => c.lower).map((c) => [c.name, c] as const))(
    '%s prediction intervals match statsmodels ETSModel summary_frame to 2e-8',
    (_, c) => {
      const r = runFixed(c);
      expect(Math.abs(r.sigma2 - (c.sigma2 as number)) / (c.sigma2 as number)).toBeLessThan(1e-9);
      expect(maxRelError(r.lower, c.lower as number[])).toBeLessThan(2e-8);
      expect(maxRelError(r.upper, c.upper as number[])).toBeLessThan(2e-8);
    }
  );

  // Monte Carlo on both sides (20,000 paths each): edges agree within 5% of ETSModel's half-width. ETSModel's
  // A,A,M fitted values also differ from ExponentialSmoothing's by ~1e-4 relative, inside that tolerance.
  it.each(fixed.filter((c) => c.simLower).map((c) => [c.name, c] as const))(
    '%s simulated intervals (multiplicative season) agree with ETSModel simulated intervals within 5% of the half-width',
    (_, c) => {
      const r = holtWinters(c.y, { ...optionsOf(c), simulations: c.simulations, seed: 3 });
      const ref = { lower: c.simLower as number[], upper: c.simUpper as number[] };
      for (let h = 0; h < c.horizon; h++) {
        const half = (ref.upper[h] - ref.lower[h]) / 2;
        expect(Math.abs(r.lower[h] - ref.lower[h])).toBeLessThan(0.05 * half);
        expect(Math.abs(r.upper[h] - ref.upper[h])).toBeLessThan(0.05 * half);
      }
    }
  );

  it('simulated intervals are reproducible for a seed and move with another seed', () => {
    const c = fixed.find((x) => x.seasonal === 'mul') as FixedCase;
    const a = holtWinters(c.y, { ...optionsOf(c), simulations: 500, seed: 1 });
    const b = holtWinters(c.y, { ...optionsOf(c), simulations: 500, seed: 1 });
    const d = holtWinters(c.y, { ...optionsOf(c), simulations: 500, seed: 2 });
    expect(a.lower).toEqual(b.lower);
    expect(a.lower).not.toEqual(d.lower);
    expect(() => holtWinters(c.y, { ...optionsOf(c), simulations: 1 })).toThrow(/simulations/);
  });

  it.each(fixture.optimized.map((c) => [c.name, c] as const))(
    '%s fitted parameters reach the reference optimum SSE (within 1e-6 relative) or better',
    (_, c) => {
      const r = holtWinters(c.y, {
        period: c.period,
        trend: c.trend as TrendKind,
        seasonal: c.seasonal as SeasonalKind,
      });
      expect(r.sse).toBeLessThanOrEqual(c.sse * (1 + 1e-6));
    }
  );

  it('interval width grows with the horizon', () => {
    const c = fixed[0];
    const r = runFixed(c);
    for (let h = 1; h < r.forecast.length; h++) {
      expect(r.upper[h] - r.lower[h]).toBeGreaterThan(r.upper[h - 1] - r.lower[h - 1]);
    }
  });

  it('treats NaN as a gap: residual NaN, states advance with zero innovation', () => {
    const c = fixed[0];
    const y = c.y.slice();
    y[20] = NaN;
    const r = runFixed({ ...c, y });
    expect(Number.isNaN(r.residuals[20])).toBe(true);
    expect(Number.isFinite(r.fitted[20])).toBe(true);
    // Filling the gap with its own one-step forecast gives exactly the same path.
    const filled = y.slice();
    filled[20] = r.fitted[20];
    const r2 = runFixed({ ...c, y: filled });
    expect(maxRelError(r2.fitted, r.fitted)).toBeLessThan(1e-12);
    expect(maxRelError(r2.forecast, r.forecast)).toBeLessThan(1e-12);
  });

  it('fits gappy series without throwing and keeps forecasts finite', () => {
    const y = Float64Array.from({ length: 96 }, (_, i) => (i % 7 === 3 ? NaN : 20 + Math.sin((2 * Math.PI * i) / 12)));
    const r = holtWinters(y, { period: 12, horizon: 12 });
    expect(r.forecast.every(Number.isFinite)).toBe(true);
  });

  it('reproduces a constant series exactly with zero-width intervals', () => {
    const r = holtWinters(new Float64Array(40).fill(7), { trend: 'none', horizon: 5 });
    expect(Array.from(r.forecast)).toEqual([7, 7, 7, 7, 7]);
    expect(r.sigma2).toBe(0);
    expect(Array.from(r.lower)).toEqual([7, 7, 7, 7, 7]);
  });

  it('rejects too-short, all-NaN and invalid inputs with clear errors', () => {
    expect(() => holtWinters([1])).toThrow(/at least 2 finite values/);
    expect(() => holtWinters([NaN, NaN, NaN])).toThrow(/at least 2 finite values/);
    expect(() =>
      holtWinters(
        Float64Array.from({ length: 20 }, (_, i) => i),
        { period: 12 }
      )
    ).toThrow(/2 seasons/);
    expect(() => holtWinters([1, 2, 3], { alpha: 1.5 })).toThrow(/alpha/);
    expect(() =>
      holtWinters(
        Float64Array.from({ length: 30 }, (_, i) => i - 5),
        { period: 4, seasonal: 'mul' }
      )
    ).toThrow(/positive/);
  });

  it('does not mutate its input', () => {
    const c = fixed[0];
    const y = Float64Array.from(c.y);
    const copy = Float64Array.from(y);
    holtWinters(y, { period: 12, horizon: 3 });
    expect(y).toEqual(copy);
  });

  it('is equivariant under y → a·y + b for additive models with fixed parameters', () => {
    const c = fixed[0];
    const a = 3.5;
    const b = -100;
    const r = runFixed(c);
    const y2 = c.y.map((v) => a * v + b);
    const init = {
      level: a * c.initial.level + b,
      trend: a * (c.initial.trend as number),
      seasonal: (c.initial.seasonal as number[]).map((s) => a * s),
    };
    const r2 = runFixed({ ...c, y: y2, initial: init });
    for (let h = 0; h < r.forecast.length; h++) {
      expect(r2.forecast[h]).toBeCloseTo(a * r.forecast[h] + b, 9);
      expect(r2.lower[h]).toBeCloseTo(a * r.lower[h] + b, 9);
    }
  });

  it.each(fixed.map((c) => [c.name, c] as const))(
    'fit then forecast gives exactly what the one-call form gives (%s)',
    (_, c) => {
      const options = { ...optionsOf(c), simulations: c.simulations ?? 200 };
      const whole = holtWinters(c.y, options);
      const fit = holtWintersFit(c.y, options);
      const ahead = holtWintersForecast(fit, options);
      expect(Array.from(fit.fitted)).toEqual(Array.from(whole.fitted));
      expect(fit.params).toEqual(whole.params);
      expect(Array.from(ahead.forecast)).toEqual(Array.from(whole.forecast));
      expect(Array.from(ahead.lower)).toEqual(Array.from(whole.lower));
      expect(Array.from(ahead.upper)).toEqual(Array.from(whole.upper));
    }
  );

  it('forecasts one fit for several horizons without refitting or changing it', () => {
    const y = Array.from({ length: 48 }, (_, t) => 20 + 0.2 * t + 5 * Math.sin((2 * Math.PI * t) / 12));
    for (const seasonal of ['add', 'mul'] as const) {
      const fit = holtWintersFit(y, { period: 12, seasonal });
      const state = Array.from(fit.state.seasonal);
      const short = holtWintersForecast(fit, { horizon: 6, simulations: 300 });
      const long = holtWintersForecast(fit, { horizon: 30, simulations: 300 });
      expect(Array.from(long.forecast.subarray(0, 6))).toEqual(Array.from(short.forecast));
      expect(Array.from(fit.state.seasonal)).toEqual(state);
      // The default horizon is one season.
      expect(holtWintersForecast(fit).forecast).toHaveLength(12);
    }
  });

  it('rejects a bad horizon or level at forecast time', () => {
    const fit = holtWintersFit([1, 2, 3, 4, 5]);
    expect(() => holtWintersForecast(fit, { horizon: -1 })).toThrow(/horizon/);
    expect(() => holtWintersForecast(fit, { level: 1 })).toThrow(/level/);
  });
});
