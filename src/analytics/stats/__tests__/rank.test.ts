import fc from 'fast-check';
import { rank } from '../rank';

describe('rank', () => {
  it('gives tied values their average rank, as R rank()', () => {
    // R: rank(c(10, 20, 10, 30, 20, 20)) = 1.5 4.0 1.5 6.0 4.0 4.0
    expect(Array.from(rank([10, 20, 10, 30, 20, 20]))).toEqual([1.5, 4, 1.5, 6, 4, 4]);
  });

  it('keeps NaN as NaN and ranks the rest among themselves', () => {
    const r = rank([3, NaN, 1, 2]);
    expect(r[1]).toBeNaN();
    expect([r[0], r[2], r[3]]).toEqual([3, 1, 2]);
  });

  it('ranks sum to m(m+1)/2 and preserve order', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -10, max: 10 }), { maxLength: 80 }), (xs) => {
        const r = rank(xs);
        const m = xs.length;
        expect(r.reduce((a, b) => a + b, 0)).toBeCloseTo((m * (m + 1)) / 2, 9);
        for (let i = 0; i < m; i++) {
          for (let j = 0; j < m; j++) {
            if (xs[i] < xs[j]) {
              expect(r[i]).toBeLessThan(r[j]);
            }
          }
        }
      })
    );
  });

  it('equals #smaller + (#equal + 1) / 2 for every value, -0 tying with 0', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.integer({ min: -4, max: 4 }), fc.constant(-0), fc.constant(NaN)), { maxLength: 60 }),
        (xs) => {
          const r = rank(xs);
          const finite = xs.filter((v) => !Number.isNaN(v));
          xs.forEach((v, i) => {
            if (Number.isNaN(v)) {
              expect(r[i]).toBeNaN();
            } else {
              const less = finite.filter((u) => u < v).length;
              const equal = finite.filter((u) => u === v).length;
              expect(r[i]).toBe(less + (equal + 1) / 2);
            }
          });
        }
      )
    );
  });

  it('returns an empty array for empty input and does not mutate its input', () => {
    expect(rank([]).length).toBe(0);
    const x = [2, 1, 2];
    rank(x);
    expect(x).toEqual([2, 1, 2]);
  });
});
