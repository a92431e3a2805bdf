import fc from 'fast-check';
import { stl } from '../../decomposition/stl';
import { mad } from '../../stats';
import { stlResidualBand } from '../stlResidualBand';
import { expectEquivariant, gaussian, seasonalSeries } from './bandTestKit';

describe('stlResidualBand', () => {
  const period = 24;
  const y = seasonalSeries(24 * 8, period, 5);

  // The band's fast STL defaults at period 24: jumps ⌈7/10⌉, ⌈47/10⌉, ⌈25/10⌉; one inner pass, 5 robust passes.
  it('expects trend + seasonal of robust STL and spreads by 1.4826·MAD of the remainder', () => {
    const r = stlResidualBand(y, { period });
    const d = stl(y, { period, robust: true, seasonalJump: 1, trendJump: 5, lowPassJump: 3, inner: 1, outer: 5 });
    const sigma = mad(d.remainder);
    for (let t = 0; t < y.length; t++) {
      expect(r.expected[t]).toBeCloseTo(d.trend[t] + d.seasonal[t], 12);
      expect(r.sigma[t]).toBeCloseTo(sigma, 12);
      expect(r.score[t]).toBeCloseTo((y[t] - r.expected[t]) / sigma, 10);
    }
    expect(r.component).toBe('remainder');
  });

  it('passes STL options through, overriding the fast defaults', () => {
    const full = stlResidualBand(y, { period, seasonalJump: 1, trendJump: 1, lowPassJump: 1, inner: 2, outer: 15 });
    const d = stl(y, { period, robust: true });
    expect(full.expected[50]).toBeCloseTo(d.trend[50] + d.seasonal[50], 12);
  });

  it('gives an injected spike the largest score, far outside the band', () => {
    const y2 = Float64Array.from(y);
    y2[100] += 8;
    const r = stlResidualBand(y2, { period, k: 4 });
    const abs = Array.from(r.score, Math.abs);
    expect(abs.indexOf(Math.max(...abs))).toBe(100);
    expect(r.score[100]).toBeGreaterThan(20);
    expect(y2[100]).toBeGreaterThan(r.upper[100]);
  });

  it('uses a rolling MAD when madWindow is set, tracking a change of noise level', () => {
    const g = gaussian(21);
    const y2 = Float64Array.from(y, (v, t) => (t >= 96 ? v + 3 * g() : v));
    const r = stlResidualBand(y2, { period, madWindow: 25 });
    expect(r.sigma[150]).toBeGreaterThan(2 * r.sigma[20]);
  });

  it('accepts a precomputed decomposition and gives NaN scores at gaps', () => {
    const gappy = Float64Array.from(y);
    gappy[50] = NaN;
    const r = stlResidualBand(gappy, { period });
    expect(r.score[50]).toBeNaN();
    expect(Number.isFinite(r.expected[50])).toBe(true);
    const d = stl(gappy, { period, robust: true, trendJump: 5, lowPassJump: 3, inner: 1, outer: 5 });
    const pre = stlResidualBand(gappy, { period, decomposition: d });
    expect(pre.expected).toEqual(r.expected);
  });

  it('throws on too-short series (STL needs two periods) and invalid madWindow; does not mutate', () => {
    expect(() => stlResidualBand(y.subarray(0, 30), { period })).toThrow();
    expect(() => stlResidualBand(y, { period, madWindow: 4 })).toThrow(/madWindow/);
    const copy = Float64Array.from(y);
    stlResidualBand(y, { period });
    expect(y).toEqual(copy);
  });

  it('scores ~0 on a constant series (σ floored at 1e-9·mean|y| against STL rounding) and throws on all-NaN input', () => {
    const flat = new Float64Array(96).fill(5);
    const r = stlResidualBand(flat, { period });
    expect(r.sigma[0]).toBeCloseTo(5e-9, 20);
    expect(Array.from(r.score).every((z) => Math.abs(z) < 1e-3)).toBe(true);
    flat[40] = 6;
    expect(stlResidualBand(flat, { period }).score[40]).toBeGreaterThan(1e4);
    expect(() => stlResidualBand(new Float64Array(96).fill(NaN), { period })).toThrow();
  });

  it('is scale/offset equivariant', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.1, max: 100, noNaN: true }),
        fc.double({ min: -1e3, max: 1e3, noNaN: true }),
        (a, b) => {
          const base = stlResidualBand(y, { period });
          const moved = stlResidualBand(
            y.map((v) => a * v + b),
            { period }
          );
          expectEquivariant(base, moved, a, b);
        }
      ),
      { numRuns: 10, seed: 11 }
    );
  });

  it('scores a departure from a flat stretch large but finite', () => {
    const y = new Float64Array(24 * 8).fill(5);
    y[24 * 7 + 3] = 6;
    const r = stlResidualBand(y, { period: 24 });
    const scores = Array.from(r.score).filter((v) => v === v);
    expect(scores.length).toBeGreaterThan(0);
    expect(scores.every(Number.isFinite)).toBe(true);
    // STL's smoothers spread the departure over its neighbours, so only the departure itself is checked.
    expect(r.score[24 * 7 + 3]).toBeGreaterThan(10);
  });
});
