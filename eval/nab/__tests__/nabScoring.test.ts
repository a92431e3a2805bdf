import {
  MAX_TP,
  nabBounds,
  normalizeScore,
  optimizeThreshold,
  parseProfiles,
  probationaryLength,
  scaledSigmoid,
  scoreAtThreshold,
  sweepFile,
  OUTSIDE,
  PROBATIONARY,
} from '..';

// Hand-worked corpus: 100 rows at t = 0..99, one window on rows 40..49 (width 10), probation = ⌊0.15·100⌋ = 15.
const standard = { tpWeight: 1, fpWeight: 0.11, fnWeight: 1 };
const lowFn = { tpWeight: 1, fpWeight: 0.11, fnWeight: 2 };
const ts = Float64Array.from({ length: 100 }, (_, i) => i);
const windows = [{ start: 40, end: 49 }];
const σ = (y: number) => 2 / (1 + Math.exp(5 * y)) - 1;

function detectionsAt(rows: number[], value = 1): Float64Array {
  const s = new Float64Array(100);
  for (const r of rows) {
    s[r] = value;
  }
  return s;
}
function raw(rows: number[], cost = standard): number {
  return scoreAtThreshold([sweepFile(ts, detectionsAt(rows), windows, cost)], 0.5, cost).score;
}

describe('scaledSigmoid', () => {
  it('takes the published values at the window edges', () => {
    // 2/(1+e^{-5}) − 1 = 0.98661…, σ(−0.5) = 0.84828…, σ(0) = 0, σ(1) = −0.98661… (NAB README).
    expect(scaledSigmoid(-1)).toBeCloseTo(0.98661, 5);
    expect(scaledSigmoid(-0.5)).toBeCloseTo(0.84828, 5);
    expect(scaledSigmoid(0)).toBe(0);
    expect(scaledSigmoid(1)).toBeCloseTo(-0.98661, 5);
    expect(MAX_TP).toBeCloseTo(0.98661, 5);
  });
  it('is −1 at three window lengths and beyond', () => {
    expect(scaledSigmoid(3)).toBe(-1);
    expect(scaledSigmoid(10)).toBe(-1);
    expect(scaledSigmoid(2.99)).toBeGreaterThan(-1);
  });
  it('rejects NaN', () => {
    expect(() => scaledSigmoid(NaN)).toThrow(/NaN/);
  });
});

describe('probationaryLength', () => {
  it('is 15% of the rows, capped at 750', () => {
    expect(probationaryLength(100)).toBe(15);
    expect(probationaryLength(4032)).toBe(604);
    expect(probationaryLength(22695)).toBe(750);
  });
});

describe('sweepFile', () => {
  it('marks probationary, window and outside rows', () => {
    const f = sweepFile(ts, detectionsAt([]), windows, standard);
    expect(f.window[14]).toBe(PROBATIONARY);
    expect(f.window[15]).toBe(OUTSIDE);
    expect(f.window[40]).toBe(0);
    expect(f.window[49]).toBe(0);
    expect(f.window[50]).toBe(OUTSIDE);
    expect(f.windowCount).toBe(1);
  });
  it('does not mutate the scores', () => {
    const s = detectionsAt([3]);
    const copy = Float64Array.from(s);
    sweepFile(ts, s, windows, standard);
    expect(s).toEqual(copy);
  });
  it('rejects scores of a different length and unsorted timestamps', () => {
    expect(() => sweepFile(ts, new Float64Array(3), windows, standard)).toThrow(/scores/);
    expect(() => sweepFile([0, 2, 1], [0, 0, 0], [], standard)).toThrow(/decrease/);
  });
  it('drops a window that lies wholly in the probationary period', () => {
    const f = sweepFile(ts, detectionsAt([]), [{ start: 2, end: 5 }, ...windows], standard);
    expect(f.windowCount).toBe(1);
  });
});

describe('NAB raw and normalised scores (standard profile, hand-computed)', () => {
  const bounds = nabBounds([sweepFile(ts, detectionsAt([]), windows, standard)], standard);

  it('null detector scores −fnWeight per window and normalises to 0', () => {
    expect(raw([])).toBe(-1);
    expect(normalizeScore(raw([]), bounds)).toBe(0);
  });
  it('perfect detector (first row of the window) scores tpWeight and normalises to 100', () => {
    expect(raw([40])).toBeCloseTo(1, 12);
    expect(normalizeScore(raw([40]), bounds)).toBeCloseTo(100, 10);
  });
  it('a detection early in the window earns σ(−0.8)/σ(−1) = 0.97711', () => {
    // Row 42: y = −(49 − 42 + 1)/10 = −0.8.
    expect(raw([42])).toBeCloseTo(0.9771068, 6);
    expect(raw([42])).toBeCloseTo(σ(-0.8) / σ(-1), 12);
  });
  it('a detection at the last row of the window earns σ(−0.1)/σ(−1) = 0.24824', () => {
    expect(raw([49])).toBeCloseTo(0.2482415, 6);
  });
  it('only the earliest detection in a window counts', () => {
    expect(raw([42, 45, 49])).toBeCloseTo(raw([42]), 12);
  });
  it('a detection just after the window costs 0.11·σ(1/9) on top of the missed window', () => {
    // Row 50: y = |50 − 49|/(10 − 1) = 1/9, σ = −0.27085, ×0.11 = −0.029793.
    expect(raw([50])).toBeCloseTo(-1 - 0.0297932, 6);
  });
  it('a detection long after the window costs the full fpWeight', () => {
    // Row 80: y = 31/9 ≥ 3 → σ = −1.
    expect(raw([80])).toBeCloseTo(-1.11, 12);
  });
  it('a detection before any window costs the full fpWeight', () => {
    expect(raw([20])).toBeCloseTo(-1.11, 12);
  });
  it('a detection in the probationary period is ignored', () => {
    expect(raw([5])).toBe(-1);
    expect(raw([5, 40])).toBeCloseTo(1, 12);
  });
  it('the reward_low_FN_rate profile doubles the cost of a missed window', () => {
    expect(raw([], lowFn)).toBe(-2);
    const b = nabBounds([sweepFile(ts, detectionsAt([]), windows, lowFn)], lowFn);
    expect(b).toEqual({ nullScore: -2, perfectScore: 1 });
    // Half-way credit: row 42 → (0.97711 + 2)/3 · 100.
    expect(normalizeScore(raw([42], lowFn), b)).toBeCloseTo(((0.9771068 + 2) / 3) * 100, 4);
  });
  it('counts tp, fp and fn', () => {
    const r = scoreAtThreshold([sweepFile(ts, detectionsAt([5, 20, 42, 60]), windows, standard)], 0.5, standard);
    expect(r).toMatchObject({ tp: 1, fp: 2, fn: 0 });
  });
  it('normalizeScore refuses a corpus without windows', () => {
    expect(() => normalizeScore(0, { nullScore: 0, perfectScore: 0 })).toThrow(/no scorable window/);
  });
});

describe('optimizeThreshold', () => {
  it('finds the threshold that maximises the total over all files', () => {
    // Scores: row 70 (far FP, −0.11) at 0.95, row 42 (0.97711) at 0.9, row 20 (FP before window, −0.11) at 0.5.
    // Totals: t=∞ → −1 (missed window); t=0.95 → −1.11; t=0.9 → the window's −1 becomes 0.97711, so
    // 0.97711 − 0.11 = 0.86711; t=0.5 → 0.75711. Best: 0.9.
    const s = new Float64Array(100);
    s[70] = 0.95;
    s[42] = 0.9;
    s[20] = 0.5;
    const f = sweepFile(ts, s, windows, standard);
    const best = optimizeThreshold([f], standard);
    expect(best.threshold).toBe(0.9);
    expect(best.score).toBeCloseTo(0.9771068 - 0.1099981, 6);
    expect(best.score).toBeCloseTo(scoreAtThreshold([f], 0.9, standard).score, 12);
  });
  it('returns +Infinity (detect nothing) when every detection costs more than it earns', () => {
    const f = sweepFile(ts, detectionsAt([20, 80]), windows, standard);
    expect(optimizeThreshold([f], standard)).toEqual({ threshold: Infinity, score: -1 });
  });
  it('agrees with a brute-force scan over thresholds on random scores', () => {
    let seed = 7;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const files = [0, 1, 2].map(() =>
      sweepFile(
        ts,
        Float64Array.from({ length: 100 }, () => Math.round(rand() * 50) / 50),
        windows,
        standard
      )
    );
    const best = optimizeThreshold(files, standard);
    let brute = -Infinity;
    for (let t = 0; t <= 1.0001; t += 0.02) {
      brute = Math.max(brute, scoreAtThreshold(files, t, standard).score);
    }
    brute = Math.max(brute, -3);
    expect(best.score).toBeCloseTo(brute, 9);
  });
});

describe('parseProfiles', () => {
  it('reads NAB profiles.json', () => {
    const p = parseProfiles({ standard: { CostMatrix: { tpWeight: 1, fnWeight: 1, fpWeight: 0.11, tnWeight: 1 } } });
    expect(p.standard).toEqual({ tpWeight: 1, fnWeight: 1, fpWeight: 0.11, tnWeight: 1 });
  });
  it('rejects a profile without weights', () => {
    expect(() => parseProfiles({ x: { CostMatrix: { tpWeight: 1 } } })).toThrow(/fpWeight/);
  });
});
