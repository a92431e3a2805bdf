import { holtWinters } from '../../forecasting/holtWinters';
import { forecastBand } from '../forecastBand';
import { expectEquivariant, seasonalSeries } from './bandTestKit';

describe('forecastBand', () => {
  const period = 12;
  const y = seasonalSeries(120, period, 9);
  const fixed = { period, alpha: 0.3, beta: 0.05, gamma: 0.2 };

  it('is the one-step Holt-Winters prediction ± z·σ', () => {
    const r = forecastBand(y, { ...fixed, level: 0.95 });
    const m = holtWinters(y, { ...fixed, horizon: 0 });
    const s = Math.sqrt(m.sigma2);
    for (let t = 0; t < y.length; t++) {
      expect(r.expected[t]).toBe(m.fitted[t]);
      expect(r.upper[t] - r.expected[t]).toBeCloseTo(1.959963984540054 * s, 8);
      expect(r.score[t]).toBeCloseTo((y[t] - m.fitted[t]) / s, 12);
    }
    expect(r.component).toBe('forecast');
  });

  it('is causal with fixed parameters and initial states except for σ', () => {
    const initial = {
      level: 10,
      trend: 0,
      seasonal: Array.from({ length: period }, (_, j) => 3 * Math.sin((2 * Math.PI * j) / period)),
    };
    const a = forecastBand(y, { ...fixed, initial });
    const y2 = Float64Array.from(y);
    y2[80] += 50;
    const b = forecastBand(y2, { ...fixed, initial });
    for (let t = 0; t <= 80; t++) {
      expect(b.expected[t]).toBe(a.expected[t]);
    }
    expect(b.score[80]).toBeGreaterThan(4);
  });

  it('gives NaN scores at gaps and throws on too-short input', () => {
    const g = Float64Array.from(y);
    g[60] = NaN;
    const r = forecastBand(g, fixed);
    expect(r.score[60]).toBeNaN();
    expect(Number.isFinite(r.expected[60])).toBe(true);
    expect(() => forecastBand(y.subarray(0, 10), fixed)).toThrow(/2 seasons/);
    expect(() => forecastBand(y, { ...fixed, level: 2 })).toThrow(/level/);
  });

  it('is scale/offset equivariant with fitted parameters', () => {
    const a = 7;
    const b = -30;
    const base = forecastBand(y, { period });
    const moved = forecastBand(
      y.map((v) => a * v + b),
      { period }
    );
    // Fitting finds the same optimum up to optimiser tolerance, so compare loosely via the parameters first.
    expect(moved.model.params.alpha).toBeCloseTo(base.model.params.alpha, 4);
    const baseFixed = forecastBand(y, { period, ...base.model.params, phi: undefined });
    const movedFixed = forecastBand(
      y.map((v) => a * v + b),
      { period, ...base.model.params, phi: undefined }
    );
    expectEquivariant(baseFixed, movedFixed, a, b);
  });
});
