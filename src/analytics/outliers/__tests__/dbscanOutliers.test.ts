import { OutlierDetector } from '@bsull/augurs/outlier';
import { loadAugursForTests } from '../../../../tests/helpers/loadAugursWasm';
import fc from 'fast-check';
import { dbscan1d } from '../dbscan1d';
import { dbscanOutliers } from '../dbscanOutliers';
import { makeGroup } from './groupFactory';

describe('dbscanOutliers', () => {
  beforeAll(() => loadAugursForTests());

  it('flags a series that leaves the majority cluster, with its time indices and distance in ε', () => {
    const group = makeGroup(10, 40, 4, 0.2);
    for (let t = 20; t < 25; t++) {
      group[6][t] += 8;
    }
    const result = dbscanOutliers(group, { epsilon: 1 });
    expect(result.outlierSeries).toEqual([6]);
    expect(Array.from(result.series[6].flaggedIndices)).toEqual([20, 21, 22, 23, 24]);
    expect(result.series[6].maxScore).toBeGreaterThan(6);
    expect(result.series[0].maxScore).toBe(0);
    expect(result.band.upper[22]).toBeLessThan(group[6][22]);
  });

  it('percentPoints requires the series to be flagged in that share of its points', () => {
    const group = makeGroup(10, 40, 4, 0.2);
    for (let t = 20; t < 25; t++) {
      group[6][t] += 8;
    }
    expect(dbscanOutliers(group, { epsilon: 1, percentPoints: 12 }).outlierSeries).toEqual([6]);
    expect(dbscanOutliers(group, { epsilon: 1, percentPoints: 13 }).outlierSeries).toEqual([]);
    expect(dbscanOutliers(group, { epsilon: 1, percentPoints: 13 }).series[6].flaggedPercent).toBeCloseTo(12.5, 12);
  });

  it('flags nothing at a step without a majority cluster', () => {
    // Two groups of two and one loner: no cluster holds more than half.
    const result = dbscanOutliers([[0], [0.1], [5], [5.1], [20]], { epsilon: 0.5 });
    expect(result.outlierSeries).toEqual([]);
    expect(result.series[4].scores[0]).toBeNaN();
    expect(result.band.lower[0]).toBeNaN();
  });

  it('minPts above 2 turns sparse members into noise', () => {
    const step = [[0], [0.4], [0.8], [1.2], [1.6], [2.0], [2.4]];
    expect(dbscanOutliers(step, { epsilon: 0.5, minPts: 2 }).outlierSeries).toEqual([]);
    // With minPts 3 the two ends are border points, still members of the cluster.
    expect(dbscanOutliers(step, { epsilon: 0.5, minPts: 3 }).outlierSeries).toEqual([]);
    expect(dbscanOutliers([[0], [0.1], [0.2], [0.3], [0.9]], { epsilon: 0.6, minPts: 4 }).outlierSeries).toEqual([4]);
  });

  it('matches augurs OutlierDetector.dbscan wherever a majority cluster exists', () => {
    let compared = 0;
    let flagged = 0;
    for (const seed of [1, 2, 3]) {
      const group = makeGroup(12, 60, seed, 1.5);
      group[seed][10] += 6;
      group[seed + 4][30] -= 9;
      for (const sensitivity of [0.6, 0.8, 0.9]) {
        const ours = dbscanOutliers(group, { sensitivity });
        const detector = OutlierDetector.dbscan({ sensitivity });
        const theirs = detector.detect(group);
        detector.free();
        for (let t = 0; t < 60; t++) {
          if (Number.isNaN(ours.band.lower[t])) {
            continue; // augurs flags every series at such a step; we flag none (documented).
          }
          const mine = ours.series.map((s) => s.flaggedIndices.includes(t));
          const augurs = theirs.seriesResults.map((s) => s.scores[t] === 1);
          expect([seed, sensitivity, t, mine]).toEqual([seed, sensitivity, t, augurs]);
          compared++;
          flagged += mine.filter(Boolean).length;
        }
      }
    }
    // The comparison must cover many steps and real flags, not only agreeing "nothing flagged".
    expect(compared).toBeGreaterThan(300);
    expect(flagged).toBeGreaterThan(10);
  });

  it('flags exactly the values outside the majority cluster of dbscan1d at every step (sort-free and sorted paths)', () => {
    const value = fc.oneof(fc.integer({ min: 0, max: 12 }), fc.integer({ min: -200, max: 200 }), fc.constant(NaN));
    fc.assert(
      fc.property(
        fc
          .integer({ min: 3, max: 14 })
          .chain((n) => fc.array(fc.array(value, { minLength: n, maxLength: n }), { minLength: 1, maxLength: 6 })),
        fc.constantFrom(0.5, 1, 1.5, 3),
        fc.constantFrom(1, 2, 3, 4),
        (steps, epsilon, minPts) => {
          const n = steps[0].length;
          const group = Array.from({ length: n }, (_, s) => steps.map((col) => col[s]));
          const result = dbscanOutliers(group, { epsilon, minPts });
          steps.forEach((col, t) => {
            const valid = col.filter((v) => !Number.isNaN(v));
            const labels = dbscan1d(col, { epsilon, minPts });
            const sizes = new Map<number, number>();
            labels.forEach((l, i) => {
              if (l >= 0 && !Number.isNaN(col[i])) {
                sizes.set(l, (sizes.get(l) ?? 0) + 1);
              }
            });
            const [bestLabel, bestSize] = [...sizes.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0] ?? [-2, 0];
            const majority = valid.length >= 3 && 2 * bestSize > valid.length;
            col.forEach((v, s) => {
              const expected = majority && !Number.isNaN(v) && labels[s] !== bestLabel;
              expect([t, s, result.series[s].flaggedIndices.includes(t)]).toEqual([t, s, expected]);
            });
          });
        }
      ),
      { numRuns: 300 }
    );
  });

  it('rejects epsilon with sensitivity, and bad epsilon', () => {
    expect(() => dbscanOutliers([[1], [2], [3]], { epsilon: 1, sensitivity: 0.5 })).toThrow(/not both/);
    expect(() => dbscanOutliers([[1], [2], [3]], { epsilon: -1 })).toThrow(/epsilon/);
  });

  it('skips NaN and does not mutate its input', () => {
    const group = [
      [1, NaN],
      [1.1, 2],
      [0.9, 2.1],
      [9, 2.05],
    ];
    const copy = group.map((s) => s.slice());
    const result = dbscanOutliers(group, { epsilon: 0.5 });
    expect(group).toEqual(copy);
    expect(result.series[0].scores[1]).toBeNaN();
    expect(Array.from(result.series[3].flaggedIndices)).toEqual([0]);
  });
});
