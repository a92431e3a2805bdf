import { empiricalSurprise } from '../empiricalSurprise';
import { rollingZ } from '../rollingZ';
import { runDetector } from '../streamingDetector';
import { seasonalRankDetector } from '../seasonalRankDetector';

const HOUR = 3_600_000;

describe('rollingZ', () => {
  it('uses only the last window values', () => {
    const r = rollingZ(2);
    for (const v of [100, 1, 3]) {
      r.push(v);
    }
    // Window {1, 3}: mean 2, population sd 1.
    expect(r.z(5)).toBeCloseTo(3, 12);
    expect(r.z(NaN)).toBe(0);
  });
});

describe('empiricalSurprise', () => {
  it('is −log10 of the empirical tail probability among earlier scores', () => {
    const e = empiricalSurprise();
    expect(e.update(1)).toBe(0); // p = 1/1
    expect(e.update(0.5)).toBe(0); // one earlier ≥ 0.5 → p = 2/2
    expect(e.update(2)).toBeCloseTo(-Math.log10(1 / 3), 12); // a new record among 2 → p = 1/3
    expect(e.update(NaN)).toBe(0);
  });
});

describe('seasonalRankDetector', () => {
  // Hourly daily sine for 30 days with a small deterministic ripple.
  const n = 720;
  const ts = Float64Array.from({ length: n }, (_, i) => i * HOUR);
  const base = Float64Array.from(
    { length: n },
    (_, i) => 10 + 5 * Math.sin((2 * Math.PI * i) / 24) + 0.1 * ((i * 7) % 5)
  );
  const ctx = { probationaryLength: 108, length: n };

  it('scores the probationary period 0', () => {
    const s = runDetector((c) => seasonalRankDetector(c), ctx, base, ts);
    expect(Array.from(s.subarray(0, 108)).every((v) => v === 0)).toBe(true);
  });
  it('gives its highest score to a break of the daily pattern inside the normal range', () => {
    const x = Float64Array.from(base);
    // At hour 500 (a trough of the sine) the value jumps to the daily mean: unusual for that hour only.
    x[500] = 10;
    const s = runDetector((c) => seasonalRankDetector(c), ctx, x, ts);
    let arg = 0;
    for (let i = 1; i < n; i++) {
      if (s[i] > s[arg]) {
        arg = i;
      }
    }
    expect(arg).toBe(500);
  });
  it('is causal: appending rows does not change earlier scores', () => {
    const full = runDetector((c) => seasonalRankDetector(c), ctx, base, ts);
    const prefix = runDetector((c) => seasonalRankDetector(c), ctx, base.subarray(0, 400), ts);
    expect(Array.from(full.subarray(0, 400))).toEqual(Array.from(prefix));
  });
});
