import fc from 'fast-check';
import fixture from './fixtures/outliers.json';
import { zScoreOutliers } from '../zScoreOutliers';
import { makeGroup } from './groupFactory';

const toSeries = (rows: Array<Array<number | null>>) => rows.map((r) => r.map((v) => (v === null ? NaN : v)));

describe('zScoreOutliers', () => {
  const series = toSeries(fixture.series);

  it('scores agree with numpy (ddof 1) to 1e-10 (relative)', () => {
    const result = zScoreOutliers(series, { threshold: 2.5 });
    const expected = toSeries(fixture.z.scores);
    result.series.forEach((s, i) =>
      s.scores.forEach((score, t) => {
        const e = expected[i][t];
        if (Number.isNaN(e)) {
          expect(score).toBeNaN();
        } else {
          expect(Math.abs(score - e)).toBeLessThanOrEqual(1e-10 * Math.max(1, e));
        }
      })
    );
  });

  it.each(fixture.z.cases.map((c) => [c.threshold, c.percentPoints, c] as const))(
    'flags and verdicts agree with numpy at threshold %d, percentPoints %d',
    (threshold, percentPoints, c) => {
      const result = zScoreOutliers(series, { threshold, percentPoints });
      expect(result.series.map((s) => Array.from(s.flaggedIndices))).toEqual(c.flaggedIndices);
      expect(result.series.map((s) => s.isOutlier)).toEqual(c.isOutlier);
    }
  );

  it('scores a step of equal values as 0', () => {
    const result = zScoreOutliers([
      [1, 5],
      [1, 6],
      [1, 7],
    ]);
    expect(result.series.map((s) => s.scores[0])).toEqual([0, 0, 0]);
  });

  it('z-scores are invariant to scaling and shifting every series alike', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1000 }),
        fc.double({ min: 0.01, max: 100, noNaN: true }),
        fc.double({ min: -1e3, max: 1e3, noNaN: true }),
        (seed, k, c) => {
          const group = makeGroup(7, 10, seed);
          const a = zScoreOutliers(group);
          const b = zScoreOutliers(group.map((s) => s.map((v) => k * v + c)));
          a.series.forEach((s, i) => s.scores.forEach((v, t) => expect(b.series[i].scores[t]).toBeCloseTo(v, 6)));
        }
      ),
      { numRuns: 30 }
    );
  });

  it('does not mutate its input', () => {
    const group = makeGroup(5, 10);
    const copy = group.map((s) => Float64Array.from(s));
    zScoreOutliers(group, { percentPoints: 10 });
    expect(group).toEqual(copy);
  });
});
