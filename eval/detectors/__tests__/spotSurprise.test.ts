import { discountedAlerts } from '../discountedAlerts';
import { empiricalSurprise } from '../empiricalSurprise';
import { spotSurprise } from '../spotSurprise';

/** Deterministic uniforms in (0, 1) (Park–Miller LCG). */
function uniforms(n: number, seed: number): Float64Array {
  let s = seed;
  return Float64Array.from({ length: n }, () => {
    s = (s * 48271) % 2147483647;
    return s / 2147483647;
  });
}

const run = (cal: { update(x: number): number }, xs: ArrayLike<number>) => Float64Array.from(xs, (x) => cal.update(x));

describe('spotSurprise', () => {
  it('equals the empirical surprise until the tail has minPeaks peaks', () => {
    const x = uniforms(400, 9);
    // level 0.95, minPeaks 10: the tail is first fitted once 200 rows are in the history.
    const spot = run(spotSurprise({ level: 0.95, minPeaks: 10, refitEvery: 1 }), x);
    const emp = run(empiricalSurprise(), x);
    expect(Array.from(spot.subarray(0, 200))).toEqual(Array.from(emp.subarray(0, 200)));
    expect(Array.from(spot.subarray(200))).not.toEqual(Array.from(emp.subarray(200)));
  });

  it("scores row t from rows before t only: later rows do not change earlier scores", () => {
    const x = Float64Array.from(uniforms(3000, 21), (u) => -Math.log(1 - u));
    const changed = Float64Array.from(x);
    for (let i = 2000; i < 3000; i++) {
      changed[i] = x[i] * 7 + 3;
    }
    for (const method of ['mle', 'pwm'] as const) {
      const a = run(spotSurprise({ method }), x);
      const b = run(spotSurprise({ method }), changed);
      expect(Array.from(b.subarray(0, 2000))).toEqual(Array.from(a.subarray(0, 2000)));
      expect(b[2500]).not.toBe(a[2500]);
    }
  });

  it('scores a value beyond the past maximum by its tail distance, not by the history length', () => {
    // Exponential(1) history: above its 98 % quantile the excesses are again Exp(1), so the fitted tail
    // gives P(X > x) ≈ e^(−x), surprise ≈ x·log10(e), for a history of 2,000 or 20,000 rows alike.
    for (const n of [2000, 20000]) {
      // Refit every 1000 rows: the last fit is on all n rows, just before the record arrives.
      const cal = spotSurprise({ refitEvery: 1000 });
      run(cal, Float64Array.from(uniforms(n, 5), (u) => -Math.log(1 - u)));
      const s = cal.update(16);
      expect(Math.abs(s - 16 * Math.LOG10E)).toBeLessThan(0.8);
    }
    // The rank surprise of the same record is log10(n + 1): it depends on n only.
    const emp = empiricalSurprise();
    run(emp, Float64Array.from(uniforms(20000, 5), (u) => -Math.log(1 - u)));
    expect(emp.update(16)).toBeCloseTo(Math.log10(20001), 10);
  });

  it('gives a record above a heavy tail less surprise than the same record above a light tail', () => {
    const u = uniforms(5000, 13);
    const light = spotSurprise();
    run(light, Float64Array.from(u, (v) => -Math.log(1 - v)));
    const heavy = spotSurprise();
    // Pareto-like with ξ = 0.5: (1 − U)^(−0.5) − 1, scaled to the same median as the exponential.
    const median = Math.log(2) / (Math.SQRT2 - 1);
    run(heavy, Float64Array.from(u, (v) => ((1 - v) ** -0.5 - 1) * median));
    expect(light.update(40)).toBeGreaterThan(heavy.update(40) + 3);
  });

  it('ignores NaN and caps the surprise at maxSurprise', () => {
    const cal = spotSurprise({ maxSurprise: 5, refitEvery: 1 });
    run(cal, Float64Array.from(uniforms(1000, 3), (u) => -Math.log(1 - u)));
    expect(cal.update(NaN)).toBe(0);
    expect(cal.update(1e6)).toBe(5);
  });

  it('falls back to the empirical surprise while +∞ is among the peaks', () => {
    const x = Float64Array.from(uniforms(1000, 17), (u) => (u > 0.97 ? Infinity : u));
    const spot = run(spotSurprise({ refitEvery: 1 }), x);
    const emp = run(empiricalSurprise(), x);
    expect(Array.from(spot)).toEqual(Array.from(emp));
  });

  it('rejects a level outside (0, 1) and fewer than 2 peaks', () => {
    expect(() => spotSurprise({ level: 1 })).toThrow(/level/);
    expect(() => spotSurprise({ minPeaks: 1 })).toThrow(/minPeaks/);
  });

  it('plugs into discountedAlerts as its calibrator', () => {
    const n = 3000;
    const x = Float64Array.from(uniforms(n, 29), (u) => -Math.log(1 - u));
    x[2500] = 40;
    const ctx = { probationaryLength: 450, length: n };
    const spot = discountedAlerts([x], { ...ctx, calibrator: () => spotSurprise({ level: 0.98, minPeaks: 10 }) });
    const rank = discountedAlerts([x], ctx);
    // Both put the spike first; only the tail fit says how far beyond the past it lies.
    expect(spot.indexOf(Math.max(...spot))).toBe(2500);
    expect(rank.indexOf(Math.max(...rank))).toBe(2500);
    expect(spot[2500]).toBeGreaterThan(rank[2500]);
  });
});
