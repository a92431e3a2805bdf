import { clipOutliers } from '../clipOutliers';
import { detectSeasonality } from '../detectSeasonality';

describe('clipOutliers', () => {
  it('clips to median ± k robust σ and keeps NaN, without touching the input', () => {
    // median 0, raw MAD 1 → σ = 1.4826; bounds ±7.413 at k = 5
    const y = [-1, 1, 0, -1, 1, 0, 100, NaN, -50];
    const out = clipOutliers(y);
    expect(Array.from(out.slice(0, 6))).toEqual([-1, 1, 0, -1, 1, 0]);
    expect(out[6]).toBeCloseTo(5 * 1.4826, 12);
    expect(out[7]).toBeNaN();
    expect(out[8]).toBeCloseTo(-5 * 1.4826, 12);
    expect(y[6]).toBe(100);
    expect(clipOutliers(y, 1)[6]).toBeCloseTo(1.4826, 12);
  });

  it('leaves a series with no spread unchanged', () => {
    expect(Array.from(clipOutliers([3, 3, 3, 9]))).toEqual([3, 3, 3, 9]);
  });

  it('lets the season show through an incident spike that hides it', () => {
    const period = 24;
    const y = Array.from({ length: 24 * 7 }, (_, i) => 10 + Math.sin((2 * Math.PI * i) / period) + (i % 7) * 0.05);
    for (let i = 100; i < 104; i++) {
      y[i] += 400;
    }
    expect(detectSeasonality(y, { candidates: [24] }).periods).toEqual([]);
    expect(detectSeasonality(clipOutliers(y), { candidates: [24] }).periods).toEqual([24]);
  });
});
