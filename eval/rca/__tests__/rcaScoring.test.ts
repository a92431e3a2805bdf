import { rankOf, rankServices, robustShift, topKAccuracy, zScoreShift } from '..';

describe('zScoreShift', () => {
  it('is the distance of the anomalous mean in normal standard deviations', () => {
    // normal 1,2,3: mean 2, sd 1; anomalous mean 5 → 3.
    expect(zScoreShift([1, 2, 3], [4, 6])).toBeCloseTo(3, 12);
  });
  it('ignores NaN and returns NaN without enough data', () => {
    expect(zScoreShift([1, NaN, 2, 3], [NaN, 5])).toBeCloseTo(3, 12);
    expect(zScoreShift([1], [5])).toBeNaN();
    expect(zScoreShift([1, 2], [NaN])).toBeNaN();
  });
  it('floors a zero spread instead of dividing by zero', () => {
    expect(zScoreShift([2, 2, 2], [3])).toBeCloseTo(1e9, 0);
  });
});

describe('robustShift', () => {
  it('is the distance of the anomalous median in normal IQRs', () => {
    // normal 1..5: median 3, quartiles 2 and 4 → IQR 2; anomalous median 7 → 2.
    expect(robustShift([1, 2, 3, 4, 5], [6, 7, 100])).toBeCloseTo(2, 12);
  });
  it('is not moved by one wild normal value', () => {
    expect(robustShift([1, 2, 3, 4, 5, 1e6], [7])).toBeLessThan(3);
  });
});

describe('rankServices', () => {
  it('ranks by the best metric of each service, NaN last, ties by name', () => {
    const r = rankServices([
      { service: 'b', score: 1 },
      { service: 'a', score: 1 },
      { service: 'c', score: NaN },
      { service: 'd', score: 0.5 },
      { service: 'd', score: 3 },
    ]);
    expect(r.map((x) => x.service)).toEqual(['d', 'a', 'b', 'c']);
  });
});

describe('topKAccuracy', () => {
  it('counts root causes within the first k', () => {
    expect(rankOf(['x', 'y', 'z'], 'y')).toBe(2);
    expect(rankOf(['x'], 'q')).toBe(Infinity);
    expect(topKAccuracy([1, 2, 4, Infinity], 1)).toBe(0.25);
    expect(topKAccuracy([1, 2, 4, Infinity], 3)).toBe(0.5);
  });
  it('rejects an empty set of issues', () => {
    expect(() => topKAccuracy([], 1)).toThrow(/no issues/);
  });
});
