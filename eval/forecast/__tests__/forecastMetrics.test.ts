import { acf, isSeasonal, mase, maseScale, multiplicativeSeasonalIndices, naive2, owa, seasonalNaive, smape } from '..';

describe('smape', () => {
  it('matches the hand-computed M4 value', () => {
    // 200/2 · (10/210 + 20/380) = 100 · (0.0476190 + 0.0526316) = 10.02506
    expect(smape([100, 200], [110, 180])).toBeCloseTo(10.02506, 4);
  });
  it('is 0 for a perfect forecast, including zero actuals', () => {
    expect(smape([0, 5], [0, 5])).toBe(0);
  });
  it('is 200 when the forecast has the opposite sign', () => {
    expect(smape([1], [-1])).toBe(200);
  });
  it('rejects mismatched lengths', () => {
    expect(() => smape([1, 2], [1])).toThrow(/equal/);
  });
});

describe('mase', () => {
  it('scales by the in-sample seasonal naive MAE', () => {
    // insample 1..6 with m = 2: |3−1| = … = 2 → scale 2; MAE of (7,8) vs (6,10) = 1.5 → 0.75.
    expect(maseScale([1, 2, 3, 4, 5, 6], 2)).toBe(2);
    expect(mase([1, 2, 3, 4, 5, 6], [7, 8], [6, 10], 2)).toBe(0.75);
  });
  it('is Infinity for a constant history and a wrong forecast, 0 for a right one', () => {
    expect(mase([3, 3, 3], [3], [4], 1)).toBe(Infinity);
    expect(mase([3, 3, 3], [3], [3], 1)).toBe(0);
  });
  it('rejects a history no longer than the period', () => {
    expect(() => maseScale([1, 2], 2)).toThrow(/longer/);
  });
  it('does not mutate its inputs', () => {
    const a = [1, 2, 3, 4];
    mase(a, [5], [4], 1);
    expect(a).toEqual([1, 2, 3, 4]);
  });
});

describe('owa', () => {
  it('averages the two ratios to Naive2', () => {
    expect(owa(10, 1, 20, 2)).toBe(0.5);
    expect(owa(20, 2, 20, 2)).toBe(1);
  });
  it('rejects a zero Naive2 error', () => {
    expect(() => owa(1, 1, 0, 1)).toThrow(/positive/);
  });
});

describe('seasonalNaive', () => {
  it('repeats the last season', () => {
    expect(Array.from(seasonalNaive([1, 2, 3, 4, 5, 6], 5, 3))).toEqual([4, 5, 6, 4, 5]);
  });
  it('rejects a series shorter than a season', () => {
    expect(() => seasonalNaive([1], 2, 3)).toThrow(/season/);
  });
});

describe('naive2', () => {
  const alternating = Array.from({ length: 12 }, (_, i) => (i % 2 === 0 ? 10 : 20));

  it('computes classical multiplicative seasonal indices', () => {
    // 2×2 MA of 10,20,10,… is 15 everywhere → ratios 10/15 and 20/15, already mean 1.
    const idx = multiplicativeSeasonalIndices(alternating, 2);
    expect(idx[0]).toBeCloseTo(2 / 3, 12);
    expect(idx[1]).toBeCloseTo(4 / 3, 12);
  });
  it('detects seasonality with the 90% autocorrelation test', () => {
    // r₁ = −11/12, r₂ = 10/12; limit = 1.645·√((1 + 2·r₁²)/12) = 0.7774 < 0.8333.
    const r = acf(alternating, 2);
    expect(r[1]).toBeCloseTo(-11 / 12, 12);
    expect(r[2]).toBeCloseTo(10 / 12, 12);
    expect(isSeasonal(alternating, 2)).toBe(true);
  });
  it('does not test seasonality on fewer than three seasons', () => {
    expect(isSeasonal([10, 20, 10, 20, 10], 2)).toBe(false);
  });
  it('re-seasonalises the naive forecast of the adjusted series', () => {
    // Last adjusted value 20/(4/3) = 15 → 15·(2/3, 4/3, 2/3).
    const f = naive2(alternating, 3, 2);
    expect(f[0]).toBeCloseTo(10, 10);
    expect(f[1]).toBeCloseTo(20, 10);
    expect(f[2]).toBeCloseTo(10, 10);
  });
  it('falls back to the plain naive forecast when not seasonal', () => {
    expect(Array.from(naive2([1, 2, 3, 4, 5, 6, 7], 2, 2))).toEqual([7, 7]);
  });
});
