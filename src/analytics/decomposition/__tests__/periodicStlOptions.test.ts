import { mad } from '../../stats/mad';
import { median } from '../../stats/median';
import { periodicStlOptions } from '../periodicStlOptions';
import { stl } from '../stl';
import fixture from './fixtures/periodicStl.json';
import { maxAbsDiff, range } from './seriesCompare';
import { markedRemainder } from './markedRemainder';

interface PeriodicCase {
  seasons: number;
  spike: number;
  values: number[];
  options: ReturnType<typeof periodicStlOptions>;
  trend: number[];
  seasonal: number[];
  weights: number[];
}

const cases = fixture.cases as PeriodicCase[];

const byShape = (period: number, seasons: number, robust = true) =>
  cases.find((c) => c.options.period === period && c.seasons === seasons && c.options.robust === robust)!;

describe('periodicStlOptions', () => {
  it('gives R\'s stl(s.window = "periodic", robust = TRUE, outer = 1) parameters', () => {
    // R: s.window 10n + 1, s.degree 0, t.window nextodd(ceiling(1.5·period / (1 − 1.5/s.window))),
    // l.window nextodd(period), jumps ceiling(window / 10), inner 1 when robust; one robustness pass.
    expect(periodicStlOptions(24, 72)).toEqual({
      period: 24,
      seasonal: 721,
      trend: 37,
      lowPass: 25,
      seasonalDeg: 0,
      trendDeg: 1,
      lowPassDeg: 1,
      seasonalJump: 73,
      trendJump: 4,
      lowPassJump: 3,
      robust: true,
      inner: 1,
      outer: 1,
    });
    expect(periodicStlOptions(24, 72, false)).toMatchObject({ robust: false, inner: 2, outer: 0 });
  });

  it('rejects a length that is not a count of points', () => {
    expect(() => periodicStlOptions(24, -1)).toThrow(/length/);
    expect(() => periodicStlOptions(24, 1.5)).toThrow(/length/);
  });
});

describe('stl with periodicStlOptions matches statsmodels STL (scripts/fixtures/periodicStl.py)', () => {
  it('has robust cases from two to seven seasons and a non-robust one', () => {
    expect(new Set(cases.map((c) => c.seasons))).toEqual(new Set([2, 3, 4, 7]));
    expect(cases.some((c) => !c.options.robust)).toBe(true);
  });

  it.each(cases.map((c) => [c.options.period, c.seasons, c.options.robust, c] as const))(
    'period %i, %i seasons, robust %s: same parameters; trend, seasonal within 1e-6 × range, weights within 1e-6',
    (period, _seasons, robust, c) => {
      expect(periodicStlOptions(period, c.values.length, robust)).toEqual(c.options);
      const r = stl(c.values, periodicStlOptions(period, c.values.length, robust));
      const tol = 1e-6 * range(c.values);
      expect(maxAbsDiff(r.trend, c.trend)).toBeLessThanOrEqual(tol);
      expect(maxAbsDiff(r.seasonal, c.seasonal)).toBeLessThanOrEqual(tol);
      expect(maxAbsDiff(r.weights, c.weights)).toBeLessThanOrEqual(1e-6);
    }
  );
});

describe('the default decomposition keeps a one-off spike out of the season', () => {
  // Each fixture series: sine season of amplitude 5, N(0, 1) noise, one spike of +20 (20 σ) in the middle.
  it.each([
    [24, 3],
    [24, 4],
    [24, 7],
    [96, 3],
    [288, 3],
  ])('period %i, %i seasons: the spike stays in the remainder and is marked', (period, seasons) => {
    const c = byShape(period, seasons);
    const r = stl(c.values, periodicStlOptions(period, c.values.length));
    const expectedSeason = 5 * Math.sin((2 * Math.PI * c.spike) / period);
    // The season at the spike is within 1.5 σ of the true one (it would be ~20/seasons off if it took the spike in).
    expect(Math.abs(r.seasonal[c.spike] - expectedSeason)).toBeLessThan(1.5);
    expect(r.remainder[c.spike]).toBeGreaterThan(17);
    expect(r.weights[c.spike]).toBe(0);
    expect(markedRemainder(r.remainder)).toContain(c.spike);
  });

  it("statsmodels' default robust STL, by contrast, takes the spike into the season at 3 seasons of 24", () => {
    const c = byShape(24, 3);
    const r = stl(c.values, { period: 24, robust: true });
    const expectedSeason = 5 * Math.sin((2 * Math.PI * c.spike) / 24);
    expect(r.seasonal[c.spike] - expectedSeason).toBeGreaterThan(10);
  });

  it.each(cases.filter((c) => c.options.robust).map((c) => [c.options.period, c.seasons, c] as const))(
    'period %i, %i seasons: a few marks besides the spike, none at more than 10 σ',
    (period, _seasons, c) => {
      const r = stl(c.values, periodicStlOptions(period, c.values.length));
      const center = median(r.remainder);
      const sigma = mad(r.remainder, { center });
      // The remainder keeps the noise's size (σ = 1 in the data) instead of collapsing to rounding error.
      expect(sigma).toBeGreaterThan(0.4);
      const others = markedRemainder(r.remainder).filter((i) => i !== c.spike);
      // 3 σ marks 0.3 % of normal noise; the few seasons shrink the remainder a little (each position's mean
      // takes part of each point), so allow 3 % (at least 5 points) but not the dozens R's 15 passes give.
      expect(others.length).toBeLessThanOrEqual(Math.max(5, Math.ceil(0.03 * c.values.length)));
      for (const i of others) {
        expect(Math.abs(r.remainder[i] - center) / sigma).toBeLessThan(10);
      }
    }
  );

  it("R's 15 robustness passes mark dozens of noise points on three seasons of 288 (why one pass is the default)", () => {
    const c = byShape(288, 3);
    const one = markedRemainder(stl(c.values, periodicStlOptions(288, c.values.length)).remainder);
    const fifteen = markedRemainder(
      stl(c.values, { ...periodicStlOptions(288, c.values.length), outer: 15 }).remainder
    );
    expect(one.length).toBeLessThanOrEqual(26);
    expect(fifteen.length).toBeGreaterThan(2 * one.length);
  });

  it("statsmodels' default robust STL on two seasons collapses the remainder (why it is not the default)", () => {
    const c = byShape(24, 2);
    const r = stl(c.values, { period: 24, robust: true });
    expect(mad(r.remainder)).toBeLessThan(1e-9);
  });

  it('does not mutate its input', () => {
    const c = byShape(24, 3);
    const copy = c.values.slice();
    stl(c.values, periodicStlOptions(24, c.values.length));
    expect(c.values).toEqual(copy);
  });
});
