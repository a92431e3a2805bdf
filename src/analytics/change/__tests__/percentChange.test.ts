import { percentChange } from '../percentChange';

describe('percentChange', () => {
  it('compares each value with the one lag steps earlier, NaN before that', () => {
    const out = percentChange([100, 110, 99, 198], { lag: 1 });
    expect(out[0]).toBeNaN();
    expect(Array.from(out.subarray(1)).map((v) => +v.toFixed(10))).toEqual([10, -10, 100]);
    const two = percentChange([100, 110, 150], { lag: 2 });
    expect(two[2]).toBeCloseTo(50, 12);
  });

  it('divides by |base| so a rise from a negative value is positive', () => {
    expect(percentChange([-10, -5])[1]).toBeCloseTo(50, 12);
    expect(percentChange([-10, -20])[1]).toBeCloseTo(-100, 12);
  });

  it('gives NaN for a zero base and across gaps, never Infinity', () => {
    const out = percentChange([0, 5, NaN, 7, 8]);
    expect(out[1]).toBeNaN();
    expect(out[2]).toBeNaN();
    expect(out[3]).toBeNaN();
    expect(out[4]).toBeCloseTo((100 * 1) / 7, 12);
    expect(Array.from(out).some((v) => !Number.isFinite(v) && !Number.isNaN(v))).toBe(false);
  });

  it('in duration mode uses the latest sample at least durationMs earlier on irregular timestamps', () => {
    const ts = [0, 1000, 2500, 3000, 4200, 9000];
    const v = [100, 101, 102, 103, 104, 200];
    const out = percentChange(v, { durationMs: 2000, timestamps: ts });
    expect(out[0]).toBeNaN();
    expect(out[1]).toBeNaN(); // nothing 2 s back
    expect(out[2]).toBeCloseTo(2, 12); // base t=0 (≤ 500)
    expect(out[3]).toBeCloseTo((100 * 2) / 101, 12); // base t=1000 (≤ 1000)
    expect(out[4]).toBeCloseTo((100 * 3) / 101, 12); // latest sample ≤ 2200 is t=1000
    expect(out[5]).toBeNaN(); // latest ≤ 7000 is t=4200, older than 7000 − 2000
  });

  it('duration mode refuses a base older than the tolerance (a gap in the data)', () => {
    const ts = [0, 1000, 2000, 10_000];
    const out = percentChange([1, 2, 3, 4], { durationMs: 1000, timestamps: ts });
    expect(out[1]).toBeCloseTo(100, 12);
    expect(out[3]).toBeNaN(); // the base would be t=2000, 7 s before the 1 s target
    const lenient = percentChange([1, 2, 3, 4], { durationMs: 1000, timestamps: ts, toleranceMs: 10_000 });
    expect(lenient[3]).toBeCloseTo((100 * 1) / 3, 12);
  });

  it('rejects bad options with clear errors and does not mutate inputs', () => {
    expect(() => percentChange([1, 2], { lag: 0 })).toThrow(/lag/);
    expect(() => percentChange([1, 2], { lag: 1, durationMs: 5, timestamps: [0, 1] })).toThrow(/not both/);
    expect(() => percentChange([1, 2], { durationMs: 5 })).toThrow(/needs timestamps/);
    expect(() => percentChange([1, 2], { durationMs: 5, timestamps: [1, 1] })).toThrow(/strictly increasing/);
    expect(() => percentChange([1, 2], { timestamps: [0, 1] })).toThrow(/only with durationMs/);
    const v = [1, 2, 3];
    percentChange(v, { lag: 1 });
    expect(v).toEqual([1, 2, 3]);
  });
});
