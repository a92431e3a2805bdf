import { causalStlResidual } from '../causalStlResidual';

const P = 24;
// 10 days of a daily sine plus a small deterministic ripple.
const base = Float64Array.from(
  { length: 10 * P },
  (_, i) => 10 + 5 * Math.sin((2 * Math.PI * i) / P) + 0.2 * (((i * 7) % 5) - 2)
);

describe('causalStlResidual', () => {
  it('is NaN before the first refit at two periods', () => {
    const s = causalStlResidual(base, { period: P });
    expect(Array.from(s.subarray(0, 2 * P)).every((v) => Number.isNaN(v))).toBe(true);
    expect(Number.isFinite(s[2 * P])).toBe(true);
  });
  it('scores a break of the daily pattern far above normal rows', () => {
    const y = Float64Array.from(base);
    y[7 * P + 18] = 10; // trough hour set to the daily mean: inside the value range, outside the pattern
    const s = causalStlResidual(y, { period: P });
    // Days 5–6 (fitted on ≥ 5 days); with 2–3 days of history the remainder MAD is still tiny and the
    // scores of normal rows are large (documented in causalStlResidual).
    const normal = Array.from(s.subarray(5 * P, 7 * P)).map(Math.abs);
    expect(Math.abs(s[7 * P + 18])).toBeGreaterThan(3 * Math.max(...normal));
  });
  it('is causal: a prefix gives the same scores', () => {
    const full = causalStlResidual(base, { period: P });
    const prefix = causalStlResidual(base.subarray(0, 6 * P + 5), { period: P });
    expect(Array.from(prefix)).toEqual(Array.from(full.subarray(0, 6 * P + 5)));
  });
  it('falls back to mean/sd scoring when the history is not seasonal', () => {
    const flat = Float64Array.from({ length: 4 * P }, (_, i) => ((i * 37) % 11) / 10);
    const s = causalStlResidual(flat, { period: P });
    expect(Number.isFinite(s[3 * P])).toBe(true);
  });
  it('rejects a bad period', () => {
    expect(() => causalStlResidual(base, { period: 1 })).toThrow(/period/);
  });
});
