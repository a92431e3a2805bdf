/**
 * The change rules against numpy 1.24 / scipy 1.10 (Debian), from `scripts/fixtures/change.py`:
 * `numpy.gradient` (once and twice), `scipy.signal.savgol_filter(mode="interp")` on regular grids and
 * `numpy.polyfit` per window on irregular or gappy ones, `scipy.signal.lfilter` or closed-form weights for
 * the time-aware EWMA, and numpy arithmetic / `searchsorted` for percent change. Series: seeded regular and
 * irregular ones, 500 points of NAB ec2_cpu_utilization_5f5533, the same file with dropped rows and NaN,
 * and Poisson counts with zeros.
 *
 * Tolerances (the fixture keeps 12 significant digits, i.e. ≤ 5e-12 relative rounding per value):
 * - NaN pattern: identical in every case;
 * - percentChange: 1e-11 relative per value (same arithmetic, only the fixture's rounding);
 * - gradient-based (derivative / secondDerivative plain or after EWMA, ewma): 1e-11 × the case's largest
 *   |reference|;
 * - Savitzky–Golay (localPolynomialFit, smoothing 'savitzkyGolay'): 1e-10 × the largest |reference| — our
 *   normal equations lose a little against scipy's/numpy's least squares at order 4.
 * Measured: 3.4e-12 (gradient-based), 1.4e-11 (Savitzky–Golay), 5e-12 per value (percentChange), nearly all
 * of it the fixture's rounding; against a full-precision run 1.2e-13, 1.3e-11 and bit-identical.
 * Derivatives are compared relative to the case's scale, not per value: they cross zero, where a
 * difference of nearby values has a large relative error in any implementation.
 */
import fixture from './fixtures/change.json';
import { derivative, DerivativeOptions } from '../derivative';
import { ewma, EwmaOptions } from '../ewma';
import { localPolynomialFit, LocalPolynomialFitOptions } from '../localPolynomialFit';
import { percentChange, PercentChangeOptions } from '../percentChange';
import { secondDerivative } from '../secondDerivative';

interface Series {
  startMs: number;
  stepsMs: number[];
  values: Array<number | null>;
}

type Fn = 'derivative' | 'secondDerivative' | 'ewma' | 'localPolynomialFit' | 'percentChange';

interface Case {
  series: string;
  fn: Fn;
  options: Record<string, unknown>;
  reference: string;
  expected: Array<number | null>;
}

const seriesByName = fixture.series as Record<string, Series>;
const cases = fixture.cases as Case[];

function load(name: string): { values: number[]; timestamps: number[] } {
  const s = seriesByName[name];
  const timestamps = [s.startMs];
  s.stepsMs.forEach((d) => timestamps.push(timestamps[timestamps.length - 1] + d));
  return { values: s.values.map((v) => (v === null ? NaN : v)), timestamps };
}

function run(c: Case): Float64Array {
  const { values, timestamps } = load(c.series);
  switch (c.fn) {
    case 'derivative':
      return derivative(values, timestamps, c.options as DerivativeOptions);
    case 'secondDerivative':
      return secondDerivative(values, timestamps, c.options as DerivativeOptions);
    case 'ewma':
      return ewma(values, timestamps, c.options as unknown as EwmaOptions);
    case 'localPolynomialFit':
      return localPolynomialFit(values, timestamps, c.options as LocalPolynomialFitOptions);
    case 'percentChange': {
      const o = c.options as PercentChangeOptions;
      return percentChange(values, o.durationMs === undefined ? o : { ...o, timestamps });
    }
  }
}

function isSavitzkyGolay(c: Case): boolean {
  const smoothing = (c.options as DerivativeOptions).smoothing;
  return c.fn === 'localPolynomialFit' || smoothing?.method === 'savitzkyGolay';
}

/** Indices where exactly one side is NaN. */
function nanMismatches(ours: ArrayLike<number>, expected: Array<number | null>): number[] {
  const out: number[] = [];
  expected.forEach((e, i) => {
    if ((e === null) !== Number.isNaN(ours[i])) {
      out.push(i);
    }
  });
  return out;
}

/** Largest |ours − reference| over the finite reference values, divided by `scale(i)`. */
function worstError(ours: ArrayLike<number>, expected: Array<number | null>, scale: (e: number) => number): number {
  let worst = 0;
  expected.forEach((e, i) => {
    if (e !== null) {
      worst = Math.max(worst, Math.abs(ours[i] - e) / scale(e));
    }
  });
  return worst;
}

function maxAbs(expected: Array<number | null>): number {
  return expected.reduce<number>((m, e) => (e === null ? m : Math.max(m, Math.abs(e))), 0);
}

const titled = (list: Case[]) => list.map((c) => [c.fn, JSON.stringify(c.options), c.reference, c.series, c] as const);

describe('change rules match numpy/scipy (scripts/fixtures/change.py)', () => {
  it('the fixture covers every rule on regular, irregular, real and gappy series, none all NaN', () => {
    const fns = new Set(cases.map((c) => c.fn));
    expect([...fns].sort()).toEqual(['derivative', 'ewma', 'localPolynomialFit', 'percentChange', 'secondDerivative']);
    for (const name of ['regular-walk', 'irregular-noisy', 'nab-ec2-cpu', 'nab-gaps', 'counts-zeros']) {
      expect(cases.some((c) => c.series === name)).toBe(true);
    }
    expect(load('nab-ec2-cpu').values).toHaveLength(500);
    expect(load('nab-gaps').values.some(Number.isNaN)).toBe(true);
    expect(cases.some((c) => c.reference === 'scipy.signal.savgol_filter')).toBe(true);
    expect(cases.some((c) => c.reference === 'numpy.polyfit per window' && c.series === 'nab-gaps')).toBe(true);
    cases.forEach((c) => {
      expect(c.expected).toHaveLength(load(c.series).values.length);
      expect(c.expected.filter((e) => e !== null).length).toBeGreaterThan(c.expected.length / 2);
    });
  });

  it.each(titled(cases.filter((c) => c.fn === 'percentChange')))(
    '%s %s matches %s on %s within 1e-11 relative per value',
    (_fn, _options, _reference, _series, c) => {
      const ours = run(c);
      expect(nanMismatches(ours, c.expected)).toEqual([]);
      expect(worstError(ours, c.expected, (e) => Math.max(Math.abs(e), 1e-300))).toBeLessThanOrEqual(1e-11);
    }
  );

  it.each(titled(cases.filter((c) => c.fn !== 'percentChange' && !isSavitzkyGolay(c))))(
    '%s %s matches %s on %s within 1e-11 of its scale',
    (_fn, _options, _reference, _series, c) => {
      const ours = run(c);
      expect(nanMismatches(ours, c.expected)).toEqual([]);
      const scale = maxAbs(c.expected);
      expect(worstError(ours, c.expected, () => scale)).toBeLessThanOrEqual(1e-11);
    }
  );

  it.each(titled(cases.filter(isSavitzkyGolay)))(
    '%s %s matches %s on %s within 1e-10 of its scale',
    (_fn, _options, _reference, _series, c) => {
      const ours = run(c);
      expect(nanMismatches(ours, c.expected)).toEqual([]);
      const scale = maxAbs(c.expected);
      expect(worstError(ours, c.expected, () => scale)).toBeLessThanOrEqual(1e-10);
    }
  );

  it('defaults match the reference: Savitzky–Golay window 7 order 2, percentChange lag 1', () => {
    const find = (fn: Fn, series: string, options: object) => {
      const c = cases.find(
        (x) => x.fn === fn && x.series === series && JSON.stringify(x.options) === JSON.stringify(options)
      );
      expect(c).toBeDefined();
      return c as Case;
    };
    const sgOptions = { smoothing: { method: 'savitzkyGolay', halfWindow: 3, order: 2 } };
    const { values, timestamps } = load('regular-walk');
    const d1 = find('derivative', 'regular-walk', sgOptions);
    const d2 = find('secondDerivative', 'regular-walk', sgOptions);
    const ours1 = derivative(values, timestamps, { smoothing: { method: 'savitzkyGolay' } });
    const ours2 = secondDerivative(values, timestamps, { smoothing: { method: 'savitzkyGolay' } });
    expect(worstError(ours1, d1.expected, () => maxAbs(d1.expected))).toBeLessThanOrEqual(1e-10);
    expect(worstError(ours2, d2.expected, () => maxAbs(d2.expected))).toBeLessThanOrEqual(1e-10);

    const lag1 = find('percentChange', 'nab-gaps', { lag: 1 });
    const ours3 = percentChange(load('nab-gaps').values);
    expect(nanMismatches(ours3, lag1.expected)).toEqual([]);
    expect(worstError(ours3, lag1.expected, (e) => Math.max(Math.abs(e), 1e-300))).toBeLessThanOrEqual(1e-11);
  });
});
