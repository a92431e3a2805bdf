import { anomalyLikelihood } from '../anomalyLikelihood';
import { calibratedAlerts } from '../calibratedAlerts';
import { erfc, normalTail } from '../normalTail';
import { runDetector } from '../streamingDetector';
import { suppressRepeats } from '../suppressRepeats';
import { windowedGaussian } from '../windowedGaussian';
import { seededNormal } from '../../../src/analytics/stats/seededRandom';

/** Seeded standard normal streams so the tests are deterministic. */
function gaussianStream(n: number, seed = 42): Float64Array {
  const draw = seededNormal(seed);
  return Float64Array.from({ length: n }, draw);
}

describe('normalTail', () => {
  // Reference values: scipy.stats.norm.sf (SciPy 1.10, Debian python3-scipy), stated to 1.2e−7 relative error.
  it.each([
    [0, 0.5],
    [1, 0.15865525393145707],
    [1.96, 0.024997895148220435],
    [3, 0.0013498980316300933],
    [6, 9.865876450376946e-10],
    [10, 7.61985302416047e-24],
    [-2, 0.9772498680518208],
  ])('Q(%p) matches scipy to 1.2e−7 relative error', (z, q) => {
    expect(Math.abs(normalTail(z) - q) / q).toBeLessThan(1.2e-7);
  });
  it('erfc is symmetric about 1 and NaN in gives NaN out', () => {
    expect(erfc(-0.7) + erfc(0.7)).toBeCloseTo(2, 12);
    expect(erfc(NaN)).toBeNaN();
  });
});

describe('windowedGaussian', () => {
  it('scores a value by its distance from the trailing window mean', () => {
    const d = windowedGaussian({ windowSize: 4 });
    expect(d.update(1, 0)).toBe(0); // nothing seen yet
    d.update(3, 1);
    // Window {1, 3}: mean 2, population sd 1 → value 4 is z = 2 → 1 − Q(2).
    expect(d.update(4, 2)).toBeCloseTo(1 - 0.022750131948179195, 7);
  });
  it('forgets values older than the window', () => {
    const d = windowedGaussian({ windowSize: 2 });
    for (const v of [1000, 0, 1]) {
      d.update(v, 0);
    }
    // Window {0, 1}: mean 0.5, sd 0.5 → value 1.5 is z = 2.
    expect(d.update(1.5, 0)).toBeCloseTo(1 - 0.022750131948179195, 7);
  });
  it("is causal: a row's score does not change when later rows are appended", () => {
    const x = gaussianStream(300);
    const full = runDetector(() => windowedGaussian({ windowSize: 50 }), { probationaryLength: 45, length: 300 }, x, x);
    const prefix = runDetector(
      () => windowedGaussian({ windowSize: 50 }),
      { probationaryLength: 45, length: 300 },
      x.subarray(0, 200),
      x
    );
    expect(Array.from(full.subarray(0, 200))).toEqual(Array.from(prefix));
  });
  it('scores NaN as 0 and keeps going', () => {
    const d = windowedGaussian({ windowSize: 3 });
    d.update(1, 0);
    expect(d.update(NaN, 0)).toBe(0);
    expect(d.update(1, 0)).toBeGreaterThanOrEqual(0);
  });
});

describe('anomalyLikelihood', () => {
  it('returns 0.5 during its learning period', () => {
    const l = anomalyLikelihood({ learningPeriod: 5 });
    for (let i = 0; i < 5; i++) {
      expect(l.update(0.1)).toBe(0.5);
    }
  });
  it('rises sharply for a burst of raw scores after a calm history', () => {
    const l = anomalyLikelihood({ learningPeriod: 100, historicWindow: 500, shortWindow: 5 });
    const noise = gaussianStream(400);
    let calm = 0;
    for (let i = 0; i < 400; i++) {
      calm = Math.max(calm, l.update(0.2 + 0.05 * noise[i]));
    }
    let burst = 0;
    for (let i = 0; i < 5; i++) {
      burst = Math.max(burst, l.update(0.95));
    }
    expect(burst).toBeGreaterThan(calm);
    expect(burst).toBeGreaterThan(0.5); // −log10(1 − L)/10 > 0.5 ⇔ 1 − L < 1e−5
  });
  it('stays in [0, 1]', () => {
    const l = anomalyLikelihood({ learningPeriod: 2, historicWindow: 10 });
    for (const v of [0, 0, 0, 1, 1, 0, NaN, 1]) {
      const s = l.update(v);
      expect(s).toBeGreaterThanOrEqual(0);
      expect(s).toBeLessThanOrEqual(1);
    }
  });
});

describe('suppressRepeats', () => {
  it('keeps only scores above everything emitted in the last span rows', () => {
    // 0.8 < 0.9 → 0.4; 0.95 > 0.9 kept; 0.1 → 0.05 twice (0.95 still in the last 2 rows, then 0.05s); 0.5 kept.
    const s = suppressRepeats(2, 0.5);
    expect([0.9, 0.8, 0.95, 0.1, 0.1, 0.5].map((v) => s.update(v))).toEqual([0.9, 0.4, 0.95, 0.05, 0.05, 0.5]);
  });
});

describe('calibratedAlerts', () => {
  it('raises one alert per event and nothing in probation', () => {
    const n = 200;
    const sig = Float64Array.from({ length: n }, (_, i) => (i === 50 || i === 150 || i === 152 ? 10 : (i * 7) % 3));
    const out = calibratedAlerts([sig], { probationaryLength: 30, length: n, suppressFraction: 0.05 });
    expect(Array.from(out.subarray(0, 30)).every((v) => v === 0)).toBe(true);
    // Row 50 is a record → an alert; row 150 ties it (not a strict record in history, but beats the last 10
    // rows); row 152 repeats within the 10-row span and is suppressed to 0.
    expect(out[50]).toBeGreaterThan(0.5);
    expect(out[150]).toBeGreaterThan(0);
    expect(out[152]).toBe(0);
  });
});
