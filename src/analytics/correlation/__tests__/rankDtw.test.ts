import { rankDtw } from '../rankDtw';
import { delayed, randomWalk } from './correlationFactory';

describe('rankDtw', () => {
  it('ranks a shifted, rescaled copy of the target first and an unrelated walk after it', () => {
    const x = randomWalk(300, 1);
    const shifted = delayed(x, 3).map((v) => 5 * v + 100);
    const result = rankDtw(x, [randomWalk(300, 2), shifted], { window: { start: 150, end: 250 }, band: 5 });
    expect(result.map((r) => r.index)).toEqual([1, 0]);
    // Within the band the warp absorbs the 3-step shift, apart from the window edges.
    expect(result[0].distance).toBeLessThan(result[1].distance / 2);
  });

  it('puts constant and gappy candidates last with NaN distance', () => {
    const x = randomWalk(80, 3);
    const gappy = Float64Array.from(x);
    gappy[40] = NaN;
    const result = rankDtw(x, [new Float64Array(80).fill(1), gappy, x]);
    expect(result[0]).toEqual({ index: 2, distance: 0 });
    expect(result.slice(1).map((r) => r.index)).toEqual([0, 1]);
    expect(result.slice(1).every((r) => Number.isNaN(r.distance))).toBe(true);
  });

  it('rejects bad windows and ragged candidates; does not mutate inputs', () => {
    const x = randomWalk(30, 4);
    expect(() => rankDtw(x, [x.subarray(0, 5)])).toThrow(/share timestamps/);
    expect(() => rankDtw(x, [x], { window: { start: 3, end: 2 } })).toThrow(/window/);
    const copy = Float64Array.from(x);
    rankDtw(x, [x], { preprocess: 'detrend' });
    expect(x).toEqual(copy);
  });
});
