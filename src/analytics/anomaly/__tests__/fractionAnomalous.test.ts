import { fractionAnomalous } from '../fractionAnomalous';

describe('fractionAnomalous', () => {
  it('is the share of non-zero flags over the last window points', () => {
    expect(Array.from(fractionAnomalous([0, 1, -1, 0, 0, 0], { window: 3 }))).toEqual([0, 0.5, 2 / 3, 2 / 3, 1 / 3, 0]);
  });

  it('leaves NaN flags out of numerator and denominator, NaN when no flag is known', () => {
    const r = fractionAnomalous([NaN, NaN, 1, NaN], { window: 2 });
    expect(r[0]).toBeNaN();
    expect(r[1]).toBeNaN();
    expect(r[2]).toBe(1);
    expect(r[3]).toBe(1);
  });

  it('matches a direct count on a long random sequence', () => {
    let seed = 3;
    const flags = Array.from({ length: 1000 }, () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % 7 === 0 ? 1 : 0;
    });
    const r = fractionAnomalous(flags, { window: 50 });
    for (const t of [0, 49, 50, 500, 999]) {
      const from = Math.max(0, t - 49);
      const part = flags.slice(from, t + 1);
      expect(r[t]).toBeCloseTo(part.filter((f) => f !== 0).length / part.length, 12);
    }
  });

  it('rejects a bad window and does not mutate its input', () => {
    expect(() => fractionAnomalous([1], { window: 0 })).toThrow(/window/);
    const f = [1, 0, 1];
    fractionAnomalous(f);
    expect(f).toEqual([1, 0, 1]);
  });
});
