import fc from 'fast-check';
import { seasonalBand } from '../seasonalBand';
import { expectEquivariant, seasonalSeries } from './bandTestKit';

describe('seasonalBand', () => {
  const period = 24;
  const y = seasonalSeries(24 * 10, period, 3);

  it('expects the same phase of past seasons: a pure repeating pattern is reproduced exactly', () => {
    const pattern = Float64Array.from({ length: 24 * 6 }, (_, t) => [5, 1, 9, 4][t % 4] + (t % period));
    const r = seasonalBand(pattern, { period, halfWidth: 0, seasons: 3, minSamples: 1 });
    for (let t = period; t < pattern.length; t++) {
      expect(r.expected[t]).toBe(pattern[t]);
      expect(r.sigma[t]).toBe(0);
      expect(r.score[t]).toBe(0);
    }
  });

  it('uses the weighted median with exponentially decaying weights over past seasons', () => {
    // Three seasons back hold 10, 20, 30 at the phase of t = 3·4 + 1 (period 4, halfWidth 0).
    const v = [NaN, 30, NaN, NaN, NaN, 20, NaN, NaN, NaN, 10, NaN, NaN, NaN, 0];
    // Weights 1, 0.3, 0.09 for 10 (1 season back), 20, 30: the cumulative weight 1 of the smallest value
    // already reaches half of 1.39, so the most recent season wins.
    const r = seasonalBand(v, { period: 4, halfWidth: 0, seasons: 3, decay: 0.3, minSamples: 3 });
    expect(r.expected[13]).toBe(10);
    // With equal weights the plain median 20 results.
    const flat = seasonalBand(v, { period: 4, halfWidth: 0, seasons: 3, decay: 1, minSamples: 3 });
    expect(flat.expected[13]).toBe(20);
    // σ = 1.4826 · median |x − 20| = 1.4826 · 10.
    expect(flat.sigma[13]).toBeCloseTo(14.826, 12);
    expect(flat.score[13]).toBeCloseTo(-20 / 14.826, 12);
  });

  it('is causal: changing y[t] leaves the band at t and the rest of its season unchanged', () => {
    const a = seasonalBand(y, { period });
    const y2 = Float64Array.from(y);
    y2[150] += 100;
    const b = seasonalBand(y2, { period });
    for (let t = 0; t < 150 + period - 1; t++) {
      expect(b.expected[t]).toBe(a.expected[t]);
    }
    expect(b.score[150]).toBeGreaterThan(20);
  });

  it('is robust: one past spike moves neither the expected value nor the spread much', () => {
    const a = seasonalBand(y, { period });
    const y2 = Float64Array.from(y);
    y2[200 - period] += 1000;
    const b = seasonalBand(y2, { period });
    expect(Math.abs(b.expected[200] - a.expected[200])).toBeLessThan(1);
    expect(b.sigma[200]).toBeLessThan(3 * a.sigma[200] + 1);
  });

  it('gives NaN during the first season, with too few finite samples, and for all-NaN input', () => {
    const r = seasonalBand(y, { period });
    expect(r.expected[period - 2]).toBeNaN();
    expect(Number.isFinite(r.expected[3 * period])).toBe(true);
    const gappy = Float64Array.from(y);
    for (let t = 0; t < 3 * period; t++) {
      gappy[t] = NaN;
    }
    const g = seasonalBand(gappy, { period, minSamples: 4 });
    expect(g.expected[3 * period + 5]).toBeNaN();
    expect(Number.isFinite(g.expected[5 * period + 5])).toBe(true);
    const all = seasonalBand(new Float64Array(100).fill(NaN), { period: 10 });
    expect(Array.from(all.score).every(Number.isNaN)).toBe(true);
  });

  it('does not mutate its input and rejects invalid options', () => {
    const copy = Float64Array.from(y);
    seasonalBand(y, { period });
    expect(y).toEqual(copy);
    expect(() => seasonalBand(y, { period: 1 })).toThrow(/period/);
    expect(() => seasonalBand(y, { period, decay: 0 })).toThrow(/decay/);
    expect(() => seasonalBand(y, { period, halfWidth: 12 })).toThrow(/halfWidth/);
  });

  it('is scale/offset equivariant', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.01, max: 100, noNaN: true }),
        fc.double({ min: -1e3, max: 1e3, noNaN: true }),
        (a, b) => {
          const base = seasonalBand(y, { period });
          const moved = seasonalBand(
            y.map((v) => a * v + b),
            { period }
          );
          expectEquivariant(base, moved, a, b);
        }
      ),
      { numRuns: 20, seed: 7 }
    );
  });

  it('scores a flat stretch finitely: 0 on it, a departure from it large but finite', () => {
    const y = new Float64Array(24 * 8).fill(5);
    y[24 * 7 + 3] = 6;
    const r = seasonalBand(y, { period: 24 });
    const scores = Array.from(r.score).filter((v) => v === v);
    expect(scores.length).toBeGreaterThan(0);
    expect(scores.every(Number.isFinite)).toBe(true);
    expect(r.score[24 * 7 + 3]).toBeGreaterThan(1e6);
    expect(r.score[24 * 7 + 2]).toBe(0);
  });
});
