import { interpolateGaps } from '../interpolateGaps';

describe('interpolateGaps', () => {
  it('fills interior gaps linearly and ends with the nearest value, without mutating', () => {
    const g = [NaN, 1, NaN, NaN, 4, NaN];
    expect(Array.from(interpolateGaps(g).values)).toEqual([1, 1, 2, 3, 4, 4]);
    expect(interpolateGaps(g).filled).toBe(4);
    expect(g[0]).toBeNaN();
    expect(() => interpolateGaps([NaN])).toThrow(/all NaN/);
  });

  it('marks the filled positions and keeps the input length with the nearest policy', () => {
    const r = interpolateGaps([NaN, 2, NaN, 6]);
    expect(r.start).toBe(0);
    expect(Array.from(r.missing!)).toEqual([1, 0, 1, 0]);
    expect(Array.from(r.values)).toEqual([2, 2, 4, 6]);
  });

  it('drops leading and trailing gaps with the trim policy and says where the kept part starts', () => {
    const r = interpolateGaps(Float64Array.of(NaN, NaN, 0, NaN, NaN, 6, NaN), { ends: 'trim' });
    expect(r.start).toBe(2);
    expect(Array.from(r.values)).toEqual([0, 2, 4, 6]);
    expect(Array.from(r.missing!)).toEqual([0, 1, 1, 0]);
    expect(r.filled).toBe(2);
  });

  it('reports no mask when nothing is missing and treats ±Infinity as a value', () => {
    const r = interpolateGaps([1, Infinity, 3], { ends: 'trim' });
    expect(r.missing).toBeNull();
    expect(r.filled).toBe(0);
    expect(Array.from(r.values)).toEqual([1, Infinity, 3]);
  });

  it('throws on an empty series under either policy', () => {
    expect(() => interpolateGaps([])).toThrow(RangeError);
    expect(() => interpolateGaps([NaN, NaN], { ends: 'trim' })).toThrow(/all NaN/);
  });
});
