import { interpolateGaps } from '../interpolateGaps';

describe('interpolateGaps', () => {
  it('fills interior gaps linearly and ends with the nearest value, without mutating', () => {
    const g = [NaN, 1, NaN, NaN, 4, NaN];
    expect(Array.from(interpolateGaps(g).values)).toEqual([1, 1, 2, 3, 4, 4]);
    expect(interpolateGaps(g).filled).toBe(4);
    expect(g[0]).toBeNaN();
    expect(() => interpolateGaps([NaN])).toThrow(/all NaN/);
  });
});
