import { rankRootCauses } from '../rankRootCauses';
import { seededRandom } from '../../stats/seededRandom';

/** Deterministic noise in [−0.5, 0.5). */
function noise(seed: number, n: number): Float64Array {
  const u = seededRandom(seed);
  return Float64Array.from({ length: n }, () => u() - 0.5);
}

const N = 200;
const W = { start: 150, end: 200 };

function incident() {
  // The cause saturates for the whole window (no step-by-step co-movement), the symptom rises with it.
  const cause = Float64Array.from(noise(1, N), (v, i) => 1 + 0.1 * v + (i >= 150 ? 99 : 0));
  const target = Float64Array.from(noise(2, N), (v, i) => 10 + v + (i >= 150 ? 20 : 0));
  const bystander = Float64Array.from(noise(3, N), (v) => 5 + v);
  // Flat at its level in the baseline, then a move of 0.05 % of it: the relative floor keeps its change finite.
  const flat = Float64Array.from({ length: N }, (_, i) => (i >= 150 ? 3e8 + 1.5e5 : 3e8));
  return { target, cands: [bystander, flat, cause] };
}

describe('rankRootCauses', () => {
  test('ranks a candidate that saturated for the whole window first, with its parts', () => {
    const { target, cands } = incident();
    const { rows } = rankRootCauses(target, cands, { window: W });
    expect(rows[0].index).toBe(2);
    expect(rows[0].change).toBeGreaterThan(100);
    expect(rows[0].significant).toBe(true);
    expect(rows[0].leads).toBe(true);
    expect(rows[0].onset).toBe(0);
  });

  test('a flat baseline gives a finite change (floor of 0.1 % of the level)', () => {
    const { target, cands } = incident();
    const flat = rankRootCauses(target, cands, { window: W }).rows.find((r) => r.index === 1)!;
    expect(Number.isFinite(flat.change)).toBe(true);
    expect(flat.change).toBeCloseTo(0.5, 6);
  });

  test('a baseline at 0 with rare counts measures the change in its standard deviation, not a tiny floor', () => {
    const { target } = incident();
    // Zero but for one event in 50 (MAD, IQR and the relative floor are all 0), then one more event in the window.
    const rare = Float64Array.from({ length: N }, (_, i) => (i % 50 === 7 || i === 160 ? 1 : 0));
    const row = rankRootCauses(target, [rare], { window: W, baselineBefore: 100 }).rows[0];
    // Baseline [50, 150) holds two events: sd = √(0.02·0.98) = 0.14; the window's 90th percentile is 0 (one event).
    expect(row.change).toBe(0);
    const busy = Float64Array.from(rare, (v, i) => (i >= 150 && i % 5 === 0 ? 1 : v));
    const busyRow = rankRootCauses(target, [busy], { window: W, baselineBefore: 100 }).rows[0];
    expect(busyRow.change).toBeCloseTo(1 / Math.sqrt(0.02 * 0.98), 9);
  });

  test('a move off an all-zero baseline is a change of 1 at its peak: no scale, so no arbitrary size', () => {
    const { target } = incident();
    const idle = Float64Array.from({ length: N }, (_, i) => (i >= 150 ? 100 : 0));
    const row = rankRootCauses(target, [idle], { window: W }).rows[0];
    expect(row.change).toBe(1);
    expect(row.onset).toBe(-1);
  });

  test('co-movement is measured inside the window: a shared step at its start alone is not |r|', () => {
    // Both step up at the window's start; inside the window they are independent noise.
    const target = Float64Array.from(noise(11, N), (v, i) => v + (i >= 150 ? 50 : 0));
    const stepper = Float64Array.from(noise(12, N), (v, i) => v + (i >= 150 ? 50 : 0));
    const inside = rankRootCauses(target, [stepper], { window: W }).rows[0];
    expect(Math.abs(inside.comovement)).toBeLessThan(0.4);
    expect(inside.overlap).toBe(W.end - W.start - 1);
    // With one step of context the join's difference is paired and dominates the correlation.
    const withJoin = rankRootCauses(target, [stepper], { window: W, contextBefore: 1 }).rows[0];
    expect(withJoin.comovement).toBeGreaterThan(0.9);
  });

  test('nothing is significant when no candidate changed or moved with the target', () => {
    const target = Float64Array.from(noise(7, N), (v, i) => 10 + v + (i >= 150 ? 20 : 0));
    const cands = [noise(8, N), noise(9, N), noise(10, N)];
    const { rows } = rankRootCauses(target, cands, { window: W });
    expect(rows.every((r) => !r.significant)).toBe(true);
    expect(rows.every((r) => r.pValue > 0.01)).toBe(true);
  });

  test('by default the score is log(1 + change) + 8·r² + 0.5·leads', () => {
    const { target, cands } = incident();
    for (const r of rankRootCauses(target, cands, { window: W }).rows) {
      expect(r.score).toBeCloseTo(Math.log1p(r.change) + 8 * (r.comovement || 0) ** 2 + (r.leads ? 0.5 : 0), 12);
    }
  });

  test('the score is log(1 + change) + weight·r² + lead weight', () => {
    const { target, cands } = incident();
    const { rows } = rankRootCauses(target, cands, { window: W, comovementWeight: 2, leadWeight: 0.25 });
    for (const r of rows) {
      const expected = Math.log1p(r.change) + 2 * (r.comovement || 0) ** 2 + (r.leads ? 0.25 : 0);
      expect(r.score).toBeCloseTo(expected, 12);
    }
  });

  test('a candidate with no baseline values ranks by its other parts, change NaN', () => {
    const { target, cands } = incident();
    const gap = Float64Array.from(cands[0], (v, i) => (i < 150 ? NaN : v));
    const row = rankRootCauses(target, [gap], { window: W }).rows[0];
    expect(row.change).toBeNaN();
    expect(row.onset).toBe(-1);
    expect(Number.isFinite(row.score)).toBe(true);
  });

  test('inputs are not mutated and bad options are RangeErrors', () => {
    const { target, cands } = incident();
    const copy = cands.map((c) => Float64Array.from(c));
    rankRootCauses(target, cands, { window: W, maxLag: 3 });
    expect(cands).toEqual(copy);
    expect(() => rankRootCauses(target, cands, { window: { start: 0, end: 0 } })).toThrow(RangeError);
    expect(() => rankRootCauses(target, cands, { window: W, alpha: 1 })).toThrow(RangeError);
    expect(() => rankRootCauses(target, cands, { window: W, leadWeight: -1 })).toThrow(RangeError);
    expect(() => rankRootCauses(target, cands, { window: W, contextBefore: -1 })).toThrow(RangeError);
  });
});
