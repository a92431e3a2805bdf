import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gpdFit, gpdSurvival } from '../gpdFit';

interface FixtureCase {
  name: string;
  trueShape: number;
  trueScale: number;
  excesses: number[];
  mle: { shape: number; scale: number; logLikelihood: number };
  pwm: { shape: number; scale: number };
}
/** scipy.stats.genpareto fits of seeded samples; produced by scripts/fixtures/gpd.py. */
const fixture = JSON.parse(readFileSync(join(__dirname, 'fixtures/gpd.json'), 'utf8')) as {
  cases: FixtureCase[];
};

/** Deterministic uniforms in (0, 1) (Park–Miller LCG). */
function uniforms(n: number, seed: number): Float64Array {
  let s = seed;
  return Float64Array.from({ length: n }, () => {
    s = (s * 48271) % 2147483647;
    return s / 2147483647;
  });
}

/** GPD samples by inversion: y = σ((1 − U)^(−ξ) − 1)/ξ, or −σ·log(1 − U) for ξ = 0. */
function gpdSample(n: number, shape: number, scale: number, seed: number): Float64Array {
  return Float64Array.from(uniforms(n, seed), (u) =>
    shape === 0 ? -scale * Math.log(1 - u) : (scale * ((1 - u) ** -shape - 1)) / shape
  );
}

describe('gpdFit', () => {
  it.each(fixture.cases.map((c) => [c.name, c] as const))(
    'maximum likelihood matches scipy genpareto.fit on the %s sample',
    (_name, c) => {
      const fit = gpdFit(c.excesses);
      // scipy's Nelder–Mead was run with xtol 1e-10; the two maximisers agree to about 4e-8.
      expect(Math.abs(fit.shape - c.mle.shape)).toBeLessThan(1e-6);
      expect(Math.abs(fit.scale / c.mle.scale - 1)).toBeLessThan(1e-6);
      expect(fit.logLikelihood).toBeGreaterThanOrEqual(c.mle.logLikelihood - 1e-9);
    }
  );

  it.each(fixture.cases.map((c) => [c.name, c] as const))(
    'probability-weighted moments match the numpy computation on the %s sample',
    (_name, c) => {
      const fit = gpdFit(c.excesses, { method: 'pwm' });
      expect(fit.shape).toBeCloseTo(c.pwm.shape, 10);
      expect(fit.scale).toBeCloseTo(c.pwm.scale, 10);
    }
  );

  it.each([
    [0.3, 2, 'mle'],
    [-0.2, 1, 'mle'],
    [0.1, 0.5, 'mle'],
    [0.3, 2, 'pwm'],
    [-0.2, 1, 'pwm'],
    [0.1, 0.5, 'pwm'],
  ] as const)('recovers shape %p and scale %p from 5000 seeded samples (%s)', (shape, scale, method) => {
    const fit = gpdFit(gpdSample(5000, shape, scale, 11), { method });
    // Standard errors at n = 5000 are about 0.015 for ξ and 2 % for σ; the bounds are ~3 standard errors.
    expect(Math.abs(fit.shape - shape)).toBeLessThan(0.05);
    expect(Math.abs(fit.scale / scale - 1)).toBeLessThan(0.06);
  });

  it('handles the exponential case: shape near 0 and scale near the mean', () => {
    const y = gpdSample(5000, 0, 1.5, 3);
    for (const method of ['mle', 'pwm'] as const) {
      const fit = gpdFit(y, { method });
      expect(Math.abs(fit.shape)).toBeLessThan(0.04);
      expect(Math.abs(fit.scale / 1.5 - 1)).toBeLessThan(0.06);
    }
  });

  it('returns the degenerate tail for all-zero excesses', () => {
    const fit = gpdFit([0, 0, 0]);
    expect(fit).toEqual({ shape: 0, scale: 0, logLikelihood: NaN });
    expect(gpdSurvival(0, fit)).toBe(1);
    expect(gpdSurvival(1e-9, fit)).toBe(0);
  });

  it('rejects too few, negative, NaN and infinite excesses, and an unknown method', () => {
    expect(() => gpdFit([1])).toThrow(/at least 2/);
    expect(() => gpdFit([1, -0.5])).toThrow(/≥ 0/);
    expect(() => gpdFit([1, NaN])).toThrow(/≥ 0/);
    expect(() => gpdFit([1, Infinity])).toThrow(/finite/);
    expect(() => gpdFit([1, 2], { method: 'lmoments' as never })).toThrow(/unknown method/);
  });

  it('does not mutate its input', () => {
    const y = gpdSample(200, 0.2, 1, 5);
    const copy = Float64Array.from(y);
    gpdFit(y, { method: 'pwm' });
    gpdFit(y);
    expect(y).toEqual(copy);
  });
});

describe('gpdSurvival', () => {
  it('is (1 + ξy/σ)^(−1/ξ), its exponential limit, and 0 past a bounded tail', () => {
    expect(gpdSurvival(2, { shape: 0.5, scale: 1 })).toBeCloseTo(2 ** -2, 14);
    expect(gpdSurvival(2, { shape: 0, scale: 4 })).toBeCloseTo(Math.exp(-0.5), 14);
    expect(gpdSurvival(2, { shape: 1e-12, scale: 4 })).toBeCloseTo(Math.exp(-0.5), 10);
    // ξ = −0.5, σ = 1: support ends at y = 2.
    expect(gpdSurvival(1, { shape: -0.5, scale: 1 })).toBeCloseTo(0.25, 14);
    expect(gpdSurvival(2.5, { shape: -0.5, scale: 1 })).toBe(0);
    expect(gpdSurvival(0, { shape: 0.3, scale: 1 })).toBe(1);
    expect(gpdSurvival(-1, { shape: 0.3, scale: 1 })).toBe(1);
  });
});
