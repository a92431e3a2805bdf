import fc from 'fast-check';
import fixture from './fixtures/correlation.json';
import { pearson } from '../../stats/pearson';
import { crossCorrelation } from '../crossCorrelation';
import { delayed, randomWalk } from './correlationFactory';

const nan = (a: Array<number | null>) => a.map((v) => (v === null ? NaN : v));

describe('crossCorrelation', () => {
  it('pearson in stats agrees with scipy.stats.pearsonr to 1e-12', () => {
    fixture.pairs.forEach((p) => expect(pearson(nan(p.x), nan(p.y))).toBeCloseTo(p.pearson, 12));
  });

  it.each(fixture.crossCorrelation.map((c, i) => [i, c] as const))(
    'agrees with numpy corrcoef on shifted overlaps to 1e-10 (case %d)',
    (_i, c) => {
      const r = crossCorrelation(nan(c.x), nan(c.y), { maxLag: c.maxLag });
      expect(r.length).toBe(2 * c.maxLag + 1);
      c.r.forEach((e, k) => {
        if (e === null) {
          expect(r[k]).toBeNaN();
        } else {
          expect(Math.abs(r[k] - e)).toBeLessThan(1e-10);
        }
      });
    }
  );

  it('peaks at the lag by which y leads x', () => {
    const x = randomWalk(300, 5);
    const y = delayed(x, -4); // y[i] = x[i + 4]: y leads x by 4 steps
    const r = crossCorrelation(x, y, { maxLag: 8 });
    const best = r.indexOf(Math.max(...r)) - 8;
    expect(best).toBe(4);
    expect(r[4 + 8]).toBeCloseTo(1, 10);
  });

  it('is invariant to scale and offset of either series', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 500 }),
        fc.double({ min: 0.01, max: 1e3, noNaN: true }),
        fc.double({ min: -1e3, max: 1e3, noNaN: true }),
        (seed, k, c) => {
          const x = randomWalk(50, seed);
          const y = randomWalk(50, seed + 1);
          const a = crossCorrelation(x, y, { maxLag: 3 });
          const b = crossCorrelation(
            x.map((v) => k * v + c),
            y,
            { maxLag: 3 }
          );
          a.forEach((v, i) => expect(b[i]).toBeCloseTo(v, 8));
        }
      ),
      { numRuns: 40 }
    );
  });

  it('gives NaN for a constant series and does not mutate its inputs', () => {
    const x = [1, 2, 3, 4, 5, 6];
    const y = [2, 2, 2, 2, 2, 2];
    expect(Array.from(crossCorrelation(x, y, { maxLag: 1 })).every(Number.isNaN)).toBe(true);
    expect(x).toEqual([1, 2, 3, 4, 5, 6]);
    expect(y).toEqual([2, 2, 2, 2, 2, 2]);
  });

  it('rejects different lengths and bad options', () => {
    expect(() => crossCorrelation([1, 2, 3], [1, 2])).toThrow(/lengths differ/);
    expect(() => crossCorrelation([1, 2, 3, 4], [1, 2, 3, 4], { maxLag: 1.5 })).toThrow(/maxLag/);
    expect(() => crossCorrelation([1, 2, 3, 4], [1, 2, 3, 4], { minOverlap: 1 })).toThrow(/minOverlap/);
  });
});
