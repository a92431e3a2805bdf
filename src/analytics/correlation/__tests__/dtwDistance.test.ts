import { Dtw } from '@bsull/augurs/dtw';
import fc from 'fast-check';
import { loadAugursForTests } from '../../../../tests/helpers/loadAugursWasm';
import { dtwDistance } from '../dtwDistance';
import { randomWalk } from './correlationFactory';

/** Full-matrix textbook DTW (no band tricks), the reference for the banded rolling-row version. */
function naiveDtw(a: number[], b: number[], w: number): number {
  const n = a.length;
  const m = b.length;
  const band = Math.max(w, Math.abs(n - m));
  const D = Array.from({ length: n + 1 }, () => new Array(m + 1).fill(Infinity));
  D[0][0] = 0;
  for (let i = 1; i <= n; i++) {
    for (let j = 1; j <= m; j++) {
      if (Math.abs(i - j) <= band) {
        D[i][j] = (a[i - 1] - b[j - 1]) ** 2 + Math.min(D[i - 1][j], D[i][j - 1], D[i - 1][j - 1]);
      }
    }
  }
  return Math.sqrt(D[n][m]);
}

describe('dtwDistance', () => {
  beforeAll(() => loadAugursForTests());

  it('matches the documented augurs example', () => {
    expect(dtwDistance([0, 1, 2], [3, 4, 5])).toBeCloseTo(5.0990195135927845, 14);
  });

  it('agrees with a full-matrix DTW for every band width and unequal lengths', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -10, max: 10, noNaN: true }), { minLength: 1, maxLength: 25 }),
        fc.array(fc.double({ min: -10, max: 10, noNaN: true }), { minLength: 1, maxLength: 25 }),
        fc.integer({ min: 0, max: 30 }),
        (a, b, w) => {
          expect(dtwDistance(a, b, { window: w })).toBeCloseTo(naiveDtw(a, b, w), 9);
        }
      )
    );
  });

  it('agrees with augurs Dtw (euclidean and manhattan, Sakoe–Chiba window) to 1e-9', () => {
    for (const seed of [1, 2, 3, 4]) {
      const a = randomWalk(200, seed);
      const b = randomWalk(200, seed + 10);
      for (const window of [1, 5, 20]) {
        const e = new Dtw('euclidean', { window });
        const mh = new Dtw('manhattan', { window });
        expect(Math.abs(dtwDistance(a, b, { window }) - e.distance(a, b))).toBeLessThan(1e-9);
        expect(Math.abs(dtwDistance(a, b, { window, distance: 'manhattan' }) - mh.distance(a, b))).toBeLessThan(1e-9);
        e.free();
        mh.free();
      }
    }
  });

  it('is 0 for identical series and for a series against its stretched copy without a band', () => {
    expect(dtwDistance([1, 2, 3], [1, 2, 3])).toBe(0);
    expect(dtwDistance([1, 2, 3], [1, 1, 2, 2, 3, 3])).toBe(0);
  });

  it('gives NaN for NaN input, Infinity for empty input, and rejects a bad window', () => {
    expect(dtwDistance([1, NaN], [1, 2])).toBeNaN();
    expect(dtwDistance([], [1, 2])).toBe(Infinity);
    expect(() => dtwDistance([1], [1], { window: -1 })).toThrow(/window/);
  });

  it('reuses row buffers without carrying values between calls', () => {
    const rows: [Float64Array, Float64Array] = [new Float64Array(60), new Float64Array(60)];
    const a = randomWalk(50, 1);
    const b = randomWalk(50, 2);
    const fresh = dtwDistance(a, b, { window: 3 });
    dtwDistance(b, a, { window: 40, rows });
    expect(dtwDistance(a, b, { window: 3, rows })).toBe(fresh);
  });
});
