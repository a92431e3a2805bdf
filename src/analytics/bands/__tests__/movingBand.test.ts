import fc from 'fast-check';
import fixture from './fixtures/bands.json';
import { movingBand } from '../movingBand';
import { expectEquivariant, gaussian } from './bandTestKit';

/** Direct O(n·window) reference: mean and sample sd of the finite values in y[t−w..t−1]. */
function naive(y: ArrayLike<number>, w: number, minPoints: number) {
  const expected: number[] = [];
  const sigma: number[] = [];
  for (let t = 0; t < y.length; t++) {
    const xs: number[] = [];
    for (let i = Math.max(0, t - w); i < t; i++) {
      if (!Number.isNaN(y[i])) {
        xs.push(y[i]);
      }
    }
    if (xs.length < minPoints) {
      expected.push(NaN);
      sigma.push(NaN);
      continue;
    }
    const m = xs.reduce((s, x) => s + x, 0) / xs.length;
    expected.push(m);
    sigma.push(Math.sqrt(xs.reduce((s, x) => s + (x - m) ** 2, 0) / (xs.length - 1)));
  }
  return { expected, sigma };
}

describe('movingBand', () => {
  const g = gaussian(7);
  const y = Float64Array.from({ length: 500 }, (_, t) => 1e6 + 50 * Math.sin(t / 20) + g());

  it('equals the trailing mean ± k·sd computed directly, even on a large offset', () => {
    const r = movingBand(y, { window: 30, k: 2 });
    const ref = naive(y, 30, 8);
    for (let t = 0; t < y.length; t++) {
      if (Number.isNaN(ref.expected[t])) {
        expect(r.expected[t]).toBeNaN();
      } else {
        expect(Math.abs(r.expected[t] - ref.expected[t])).toBeLessThan(1e-7);
        expect(Math.abs(r.sigma[t] - ref.sigma[t]) / ref.sigma[t]).toBeLessThan(1e-8);
        expect(r.upper[t]).toBeCloseTo(r.expected[t] + 2 * r.sigma[t], 6);
      }
    }
  });

  it('is causal: changing y[t] does not change the band at t or before', () => {
    const a = movingBand(y, { window: 20 });
    const y2 = Float64Array.from(y);
    y2[300] += 1000;
    const b = movingBand(y2, { window: 20 });
    for (let t = 0; t <= 300; t++) {
      expect(b.expected[t]).toBe(a.expected[t]);
    }
    expect(b.score[300]).toBeGreaterThan(100);
    expect(b.expected[301]).not.toBe(a.expected[301]);
  });

  it('skips NaN in the window and gives NaN where fewer than minPoints values precede', () => {
    const gappy = Float64Array.from(y.subarray(0, 100));
    for (let t = 40; t < 60; t++) {
      gappy[t] = NaN;
    }
    const r = movingBand(gappy, { window: 10, minPoints: 5 });
    const ref = naive(gappy, 10, 5);
    for (let t = 0; t < 100; t++) {
      if (Number.isNaN(ref.expected[t])) {
        expect(r.expected[t]).toBeNaN();
        expect(r.score[t]).toBeNaN();
      } else {
        expect(r.expected[t]).toBeCloseTo(ref.expected[t], 6);
      }
    }
    expect(r.expected[0]).toBeNaN();
    expect(r.expected[55]).toBeNaN();
    expect(r.score[45]).toBeNaN();
  });

  it('gives all-NaN bands for an all-NaN series and for a series shorter than minPoints', () => {
    const r = movingBand(new Float64Array(20).fill(NaN), { window: 5 });
    expect(Array.from(r.expected).every(Number.isNaN)).toBe(true);
    const short = movingBand([1], { window: 5 });
    expect(short.expected[0]).toBeNaN();
  });

  it('scores 0 on a constant series and a departure from it against the spread floor, finitely', () => {
    const c = new Float64Array(50).fill(3);
    c[40] = 4;
    c[45] = 2;
    const r = movingBand(c, { window: 5 });
    expect(r.score[30]).toBe(0);
    // (4 − 3) / (1e-9 · 3)
    expect(r.score[40]).toBeCloseTo(1 / 3e-9, -3);
    expect(Number.isFinite(r.score[40])).toBe(true);
    expect(r.sigma[30]).toBe(0);
    expect(r.score[45]).toBeLessThan(0);
  });

  it('clips scores and opens the other edge by direction', () => {
    const up = movingBand(y, { window: 20, direction: 'above' });
    const both = movingBand(y, { window: 20 });
    for (let t = 20; t < y.length; t++) {
      expect(up.lower[t]).toBe(-Infinity);
      expect(up.score[t]).toBe(Math.max(0, both.score[t]));
    }
    const down = movingBand(y, { window: 20, direction: 'below' });
    expect(down.upper[100]).toBe(Infinity);
    expect(down.score[100]).toBe(Math.min(0, both.score[100]));
  });

  it('does not mutate its input', () => {
    const copy = Float64Array.from(y);
    movingBand(y, { window: 15 });
    expect(y).toEqual(copy);
  });

  it('rejects invalid options with clear errors', () => {
    expect(() => movingBand(y, { window: 1 })).toThrow(/window/);
    expect(() => movingBand(y, { k: -1 })).toThrow(/k must/);
    expect(() => movingBand(y, { window: 10, minPoints: 11 })).toThrow(/minPoints/);
  });

  it('is scale/offset equivariant: band(a·y + b) = a·band(y) + b with unchanged scores', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.01, max: 1000, noNaN: true }),
        fc.double({ min: -1e4, max: 1e4, noNaN: true }),
        fc.integer({ min: 2, max: 40 }),
        (a, b, window) => {
          const base = movingBand(y.subarray(0, 200), { window });
          const moved = movingBand(
            y.subarray(0, 200).map((v) => a * (v - 1e6) + b),
            { window }
          );
          const shifted = movingBand(
            y.subarray(0, 200).map((v) => v - 1e6),
            { window }
          );
          expect(base.score.length).toBe(200);
          expectEquivariant(shifted, moved, a, b);
        }
      ),
      { numRuns: 40, seed: 42 }
    );
  });
});

describe('movingBand against pandas', () => {
  const y = Float64Array.from(fixture.y, (v) => (v === null ? NaN : v));
  it.each(fixture.cases.map((c) => [c.window, c.minPoints, c] as const))(
    'window %i, minPoints %i: mean and sd match pandas rolling().shift(1) (1e-9 abs on 1e6 offset, 1e-7 rel sd)',
    (window, minPoints, c) => {
      const r = movingBand(y, { window, minPoints });
      for (let t = 0; t < y.length; t++) {
        const e = c.expected[t];
        const s = c.sigma[t];
        if (e === null || s === null) {
          expect(r.expected[t]).toBeNaN();
        } else {
          expect(Math.abs(r.expected[t] - e)).toBeLessThan(1e-9 * 1e6);
          expect(Math.abs(r.sigma[t] - s) / s).toBeLessThan(1e-7);
        }
      }
    }
  );
});
