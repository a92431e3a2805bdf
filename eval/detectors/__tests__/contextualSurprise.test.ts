import { contextualSurprise } from '../contextualSurprise';

const values = (s: Float64Array) => Array.from(s, (v) => (Number.isNaN(v) ? 'NaN' : v));

describe('contextualSurprise', () => {
  it('scores a known step 0, a new step between known bins 0.5 and a never-seen bin 1', () => {
    // Range 0–1 from the first 4 rows in 2 bins of width 0.5: 0 → bin 0, 1 → bin 2, 3 → bin 6.
    const x = [0, 1, 0, 1, 0, 1, 1, 3];
    const s = contextualSurprise(x, { learnRows: 4, bins: 2, rangeQuantile: 0 });
    // Row 1: only the empty context is active and has seen bin 0 alone. Row 6: bin 2 is known, the step
    // 2 → 2 is not. Row 7: bin 6 is new to both contexts.
    expect(values(s)).toEqual(['NaN', 1, 0, 0, 0, 0, 0.5, 1]);
  });

  it('longer contexts tell apart steps that a first-order context has seen', () => {
    // 0 1 0 2 repeated: after a 0 both 1 and 2 are known, so only the order-2 context sees 0 1 0 1 as new.
    const x = [...Array.from({ length: 40 }, (_, i) => [0, 1, 0, 2][i % 4]), 0, 1, 0, 1];
    const first = contextualSurprise(x, { learnRows: 8, bins: 2, rangeQuantile: 0 });
    const second = contextualSurprise(x, { learnRows: 8, bins: 2, rangeQuantile: 0, maxOrder: 2 });
    expect(first[43]).toBe(0);
    expect(second[43]).toBeCloseTo(1 / 3, 12);
    expect(Math.max(...Array.from(second.subarray(20, 43)))).toBe(0);
  });

  it('a coarser resolution makes a near miss less novel than a far one', () => {
    // Values 0 and 1 only (bins 0 and 4 at width 0.25; 0 and 2 at width 0.5), then 0.3 and then 0.6.
    const x = [...Array.from({ length: 20 }, (_, i) => i % 2), 0.3, 0, 0.6];
    const opts = { learnRows: 10, bins: 4, rangeQuantile: 0, resolutions: 2 };
    const s = contextualSurprise(x, opts);
    // 0.3 is a new fine bin (both fine contexts miss) but sits in the coarse bin of 0, and the coarse step
    // from 1's bin to 0's is known (both coarse contexts hit).
    expect(s[20]).toBeCloseTo(0.5, 12);
    // 0.6 is new at both widths.
    expect(s[22]).toBe(1);
  });

  it('is causal: a prefix gives the same scores', () => {
    const x = Float64Array.from({ length: 300 }, (_, i) => Math.sin(i / 5) * 10 + (i % 7) + (i > 200 ? 30 : 0));
    const full = contextualSurprise(x, { learnRows: 50, maxOrder: 3, resolutions: 2 });
    const prefix = contextualSurprise(x.subarray(0, 180), { learnRows: 50, maxOrder: 3, resolutions: 2 });
    expect(values(prefix)).toEqual(values(full.subarray(0, 180)));
  });

  it('scores NaN rows NaN, restarts the context after them and does not mutate its input', () => {
    const x = [0, 1, 0, 1, NaN, 1, 0];
    const copy = x.slice();
    const s = contextualSurprise(x, { learnRows: 4, bins: 2, rangeQuantile: 0 });
    expect(x).toEqual(copy);
    // Row 5 has no previous bin, so only the empty context judges it (bin 2 is known).
    expect(values(s)).toEqual(['NaN', 1, 0, 0, 'NaN', 0, 0]);
  });

  it('falls back to a small bin width when the learning rows are flat', () => {
    // Width max(|median|·1e-3, 1e-9) = 0.005: 5.01 lands two bins up, a bin never seen. Row 6: bin 0 is
    // known and the step from the new bin has no record, so no context misses.
    const x = [5, 5, 5, 5, 5, 5.01, 5];
    const s = contextualSurprise(x, { learnRows: 4 });
    expect(values(s)).toEqual(['NaN', 0, 0, 0, 0, 1, 0]);
  });

  it('rejects a learning span under 2 rows and bad options', () => {
    expect(() => contextualSurprise([1, 2, 3], { learnRows: 1 })).toThrow(/learnRows/);
    expect(() => contextualSurprise([1, 2, 3], { learnRows: 2, bins: 0 })).toThrow(/bins/);
  });
});
