import { discountedAlerts } from '../discountedAlerts';
import { rollingZ } from '../rollingZ';

/** Deterministic noise in [−0.5, 0.5) (Park–Miller LCG). */
function noise(n: number, seed: number): Float64Array {
  let s = seed;
  return Float64Array.from({ length: n }, () => {
    s = (s * 48271) % 2147483647;
    return s / 2147483647 - 0.5;
  });
}

/** |z| of each value against the previous 400 (causal raw signal). */
function trailingZ(x: Float64Array): Float64Array {
  const r = rollingZ(400);
  return Float64Array.from(x, (v) => {
    const z = Math.abs(r.z(v));
    r.push(v);
    return z;
  });
}

const n = 1000;
const ctx = { probationaryLength: 150, length: n };

describe('discountedAlerts', () => {
  it('gives a step change one early detection', () => {
    const x = Float64Array.from(noise(n, 7), (e, i) => 10 + e + (i >= 600 ? 5 : 0));
    const s = discountedAlerts([trailingZ(x)], ctx);
    let arg = 0;
    for (let i = 1; i < n; i++) {
      if (s[i] > s[arg]) {
        arg = i;
      }
    }
    expect(arg).toBe(600);
    // After the step, any threshold that catches it flags no other row.
    expect(Math.max(...Array.from(s.subarray(601)))).toBeLessThan(s[600] * 0.9);
    expect(Array.from(s.subarray(601, 700)).every((v) => v === 0)).toBe(true);
  });

  it('discounts an alert when the file already raised alerts about as rare', () => {
    // Raw magnitudes: 0 (never surprising), and records of about the same size at 300, 450, 600 and 750.
    const base = new Float64Array(n);
    const repeated = Float64Array.from(base);
    [300, 450, 600, 750].forEach((i, k) => (repeated[i] = 10 + 0.1 * k));
    const alone = Float64Array.from(base);
    alone[750] = 10.3;
    const opts = { ...ctx, suppressFraction: 0.05 };
    const withRepeats = discountedAlerts([repeated], opts);
    const first = discountedAlerts([alone], opts);
    // Three earlier candidates at least as rare minus one decade: 0.5·log10(4) off the surprise.
    const s = -Math.log10(1 / 751);
    expect(first[750]).toBeCloseTo(s / (1 + s), 12);
    const d = s - 0.5 * Math.log10(4);
    expect(withRepeats[750]).toBeCloseTo(d / (1 + d), 12);
    // Without the discount the recurring spike would score as high as a first one.
    expect(discountedAlerts([repeated], { ...opts, repeatPenalty: 0 })[750]).toBeCloseTo(first[750], 12);
  });

  it('is causal: appending rows does not change earlier scores', () => {
    const x = Float64Array.from(noise(n, 3), (e, i) => 10 + e + (i >= 500 ? 3 : 0) + (i === 800 ? 9 : 0));
    const z = trailingZ(x);
    for (const opts of [ctx, { ...ctx, repeatPenalty: 0.25, historyWeight: 0.25 }]) {
      const full = discountedAlerts([z, x], opts);
      const prefix = discountedAlerts([z.subarray(0, 700), x.subarray(0, 700)], opts);
      expect(Array.from(full.subarray(0, 700))).toEqual(Array.from(prefix));
      // Changing the rows after 700 changes nothing before them either.
      const x2 = Float64Array.from(x, (v, i) => (i >= 700 ? v * 3 + 50 : v));
      const other = discountedAlerts([trailingZ(x2), x2], opts);
      expect(Array.from(other.subarray(0, 700))).toEqual(Array.from(full.subarray(0, 700)));
    }
  });

  it('history correction charges w·log10(t + 1), so a lone record scores less the later it comes', () => {
    // A lone record at row t among zeros has surprise log10(t + 1) (rank 1 of t + 1).
    const at = (row: number) => {
      const x = new Float64Array(n);
      x[row] = 10;
      return x;
    };
    const y = (v: number) => v / (1 + v);
    const opts = { ...ctx, historyWeight: 0.25 };
    const early = discountedAlerts([at(300)], opts);
    const late = discountedAlerts([at(900)], opts);
    expect(early[300]).toBeCloseTo(y(0.75 * Math.log10(301)), 12);
    expect(late[900]).toBeCloseTo(y(0.75 * Math.log10(901)), 12);
    // Without it the later record would outrank the earlier one by log10(901/301) alone.
    expect(discountedAlerts([at(900)], ctx)[900]).toBeCloseTo(y(Math.log10(901)), 12);
    // In surprise units the later record's lead shrinks from log10(901/301) to 0.75 of it.
    const surprise = (v: number) => v / (1 - v);
    expect(surprise(late[900]) - surprise(early[300])).toBeCloseTo(0.75 * Math.log10(901 / 301), 12);
  });

  it('history correction changes no candidate, only the scores of candidates', () => {
    const x = Float64Array.from(noise(n, 11), (e, i) => 10 + e + (i >= 640 ? 2 : 0) + (i % 170 === 0 ? 4 : 0));
    const z = trailingZ(x);
    const plain = discountedAlerts([z], ctx);
    const corrected = discountedAlerts([z], { ...ctx, historyWeight: 0.25 });
    // Rows whose corrected score is floored at 0 are the only ones that may drop out.
    for (let t = 0; t < n; t++) {
      if (corrected[t] > 0) {
        expect(plain[t]).toBeGreaterThan(corrected[t]);
      } else if (plain[t] > 0) {
        const s = plain[t] / (1 - plain[t]);
        expect(s).toBeLessThanOrEqual(0.25 * Math.log10(t + 1) + 1e-12);
      }
    }
    expect(corrected.filter((v) => v > 0).length).toBeGreaterThan(0);
  });

  it('scores the probationary rows 0 and treats NaN as no opinion', () => {
    const x = Float64Array.from(noise(n, 5), (e, i) => (i % 97 === 0 ? NaN : 10 + e));
    const s = discountedAlerts([trailingZ(x), x], ctx);
    expect(Array.from(s.subarray(0, 150)).every((v) => v === 0)).toBe(true);
    expect(Array.from(s).every((v) => v >= 0 && v < 1)).toBe(true);
  });

  it('adds contextWeight × the calibrated context surprise to the larger main surprise', () => {
    // Main signal: equal spikes at 400 and 700; context signal: only the step at 700 is new.
    const main = new Float64Array(n);
    main[400] = 10;
    main[700] = 10;
    const context = new Float64Array(n);
    context[700] = 1;
    const opts = { ...ctx, suppressFraction: 0.05, repeatPenalty: 0 };
    const y = (v: number) => v / (1 + v);
    const s = discountedAlerts([main], { ...opts, contextSignals: [context], contextWeight: 0.35 });
    // Row 400: rank 1 of 401, no context surprise. Row 700: one earlier tie (p = 2/701) plus 0.35·log10(701).
    expect(s[400]).toBeCloseTo(y(Math.log10(401)), 12);
    expect(s[700]).toBeCloseTo(y(Math.log10(701 / 2) + 0.35 * Math.log10(701)), 12);
    // Without the context signal the repeat at 700 would score below the first spike; with it, above.
    const plain = discountedAlerts([main], opts);
    expect(plain[700]).toBeCloseTo(y(Math.log10(701 / 2)), 12);
    expect(plain[700]).toBeLessThan(plain[400]);
    expect(s[700]).toBeGreaterThan(s[400]);
    // Weight 0 is the plain detector.
    expect(Array.from(discountedAlerts([main], { ...opts, contextSignals: [context] }))).toEqual(Array.from(plain));
  });

  it('rejects signals of different lengths', () => {
    expect(() => discountedAlerts([[1, 2], [1]], ctx)).toThrow(/equal lengths/);
    expect(() => discountedAlerts([[1, 2]], { ...ctx, contextSignals: [[1]] })).toThrow(/equal lengths/);
  });
});
