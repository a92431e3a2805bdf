import { ewma } from '../ewma';

describe('ewma', () => {
  it('on a regular grid is the usual EWMA with alpha = 1 − 2^(−step/halfLife)', () => {
    const x = [5, 7, 3, 8, 8, 1];
    const ts = x.map((_, i) => i * 60_000);
    const alpha = 1 - 2 ** (-60_000 / 180_000);
    let s = x[0];
    const expected = x.map((v, i) => (i === 0 ? s : (s = s + alpha * (v - s))));
    ewma(x, ts, { halfLifeMs: 180_000 }).forEach((v, i) => expect(v).toBeCloseTo(expected[i], 12));
  });

  it('halves the distance to a new level after one half-life, whatever the spacing', () => {
    const regular = ewma([0, 10], [0, 5000], { halfLifeMs: 5000 });
    expect(regular[1]).toBeCloseTo(5, 12);
    // One long gap of two half-lives: three quarters of the way.
    expect(ewma([0, 10], [0, 10_000], { halfLifeMs: 5000 })[1]).toBeCloseTo(7.5, 12);
  });

  it('skips NaN without updating, so the next sample decays over the whole gap', () => {
    const out = ewma([0, NaN, 10], [0, 5000, 10_000], { halfLifeMs: 5000 });
    expect(out[1]).toBeNaN();
    expect(out[2]).toBeCloseTo(7.5, 12);
  });

  it('keeps a constant series constant and rejects a bad half-life', () => {
    expect(Array.from(ewma([4, 4, 4], [0, 1, 7], { halfLifeMs: 3 }))).toEqual([4, 4, 4]);
    expect(() => ewma([1], [0], { halfLifeMs: 0 })).toThrow(/halfLifeMs/);
  });
});
