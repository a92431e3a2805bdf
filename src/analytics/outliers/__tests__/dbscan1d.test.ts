import fixture from './fixtures/dbscan.json';
import { dbscan1d } from '../dbscan1d';

interface Case {
  name: string;
  values: number[];
  eps: number;
  minSamples: number;
  labels: number[];
  coreIndices: number[];
}

/** Border points within ε of cores of two clusters: scikit-learn's label for them depends on visit order. */
function ambiguousBorders(c: Case): Set<number> {
  const core = new Set(c.coreIndices);
  const out = new Set<number>();
  c.values.forEach((v, i) => {
    if (core.has(i)) {
      return;
    }
    const near = new Set<number>();
    c.coreIndices.forEach((j) => {
      if (Math.abs(c.values[j] - v) <= c.eps) {
        near.add(c.labels[j]);
      }
    });
    if (near.size > 1) {
      out.add(i);
    }
  });
  return out;
}

describe('dbscan1d', () => {
  const cases = (fixture as { cases: Case[] }).cases;

  it.each(cases.map((c) => [c.name, c] as const))('agrees with scikit-learn DBSCAN: %s', (_name, c) => {
    const ours = dbscan1d(c.values, { epsilon: c.eps, minPts: c.minSamples });
    // Noise is exactly the same set.
    c.labels.forEach((label, i) => expect([i, ours[i] === -1]).toEqual([i, label === -1]));
    // Same partition up to renumbering (scikit-learn numbers clusters in visiting order, we by value).
    const ambiguous = ambiguousBorders(c);
    const map = new Map<number, number>();
    c.labels.forEach((label, i) => {
      if (label === -1 || ambiguous.has(i)) {
        return;
      }
      const mine = ours[i];
      if (!map.has(label)) {
        map.set(label, mine);
      }
      expect([i, mine]).toEqual([i, map.get(label)]);
    });
    expect(new Set(map.values()).size).toBe(map.size);
  });

  it('the fixture covers noise, several clusters and ambiguous-free border points', () => {
    expect(cases.some((c) => c.labels.includes(-1))).toBe(true);
    expect(cases.some((c) => Math.max(...c.labels) >= 2)).toBe(true);
    expect(cases.some((c) => c.coreIndices.length < c.values.length - c.labels.filter((l) => l === -1).length)).toBe(
      true
    );
  });

  it('labels NaN as noise and never counts it as a neighbour', () => {
    const labels = dbscan1d([1, NaN, 1.05, 9], { epsilon: 0.1, minPts: 2 });
    expect(Array.from(labels)).toEqual([0, -1, 0, -1]);
  });

  it('numbers clusters in ascending order of value', () => {
    expect(Array.from(dbscan1d([10, 0, 10.1, 0.1], { epsilon: 0.5 }))).toEqual([1, 0, 1, 0]);
  });

  it('rejects a non-positive epsilon or a bad minPts', () => {
    expect(() => dbscan1d([1, 2], { epsilon: 0 })).toThrow(/epsilon/);
    expect(() => dbscan1d([1, 2], { epsilon: NaN })).toThrow(/epsilon/);
    expect(() => dbscan1d([1, 2], { epsilon: 1, minPts: 0 })).toThrow(/minPts/);
  });

  it('does not mutate its input and handles empty input', () => {
    const x = [3, 1, 2];
    dbscan1d(x, { epsilon: 1 });
    expect(x).toEqual([3, 1, 2]);
    expect(dbscan1d([], { epsilon: 1 }).length).toBe(0);
  });
});
