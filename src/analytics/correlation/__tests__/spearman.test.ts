import fixture from './fixtures/correlation.json';
import { spearman } from '../spearman';

const nan = (a: Array<number | null>) => a.map((v) => (v === null ? NaN : v));

describe('spearman', () => {
  it.each(fixture.pairs.map((p, i) => [i, p] as const))(
    'agrees with scipy.stats.spearmanr to 1e-12 (pair %d)',
    (_i, p) => {
      expect(spearman(nan(p.x), nan(p.y))).toBeCloseTo(p.spearman, 12);
    }
  );

  it('is 1 for any increasing transform and -1 for a decreasing one', () => {
    const x = [0.3, 2, -1, 5, 4];
    expect(
      spearman(
        x,
        x.map((v) => Math.exp(v))
      )
    ).toBeCloseTo(1, 12);
    expect(
      spearman(
        x,
        x.map((v) => -(v ** 3))
      )
    ).toBeCloseTo(-1, 12);
  });

  it('is NaN for a constant side and rejects different lengths', () => {
    expect(spearman([1, 1, 1], [1, 2, 3])).toBeNaN();
    expect(() => spearman([1], [1, 2])).toThrow(/lengths differ/);
  });
});
