import { normalQuantile } from '../normalQuantile';

describe('normalQuantile', () => {
  // Reference values: scipy.stats.norm.ppf (double precision).
  it.each([
    [0.975, 1.959963984540054],
    [0.995, 2.5758293035489004],
    [0.9, 1.2815515655446004],
    [0.5, 0],
    [0.01, -2.3263478740408408],
    [1e-10, -6.361340902404056],
  ])('Φ⁻¹(%p) = %p within 1.2e-9 relative (Acklam)', (p, z) => {
    expect(Math.abs(normalQuantile(p) - z)).toBeLessThanOrEqual(1.2e-9 * Math.max(1, Math.abs(z)));
  });

  it('is antisymmetric around 0.5', () => {
    for (const p of [0.001, 0.02, 0.3, 0.49]) {
      expect(normalQuantile(p)).toBeCloseTo(-normalQuantile(1 - p), 9);
    }
  });

  it('gives ±Infinity at 0 and 1 and NaN outside [0, 1]', () => {
    expect(normalQuantile(0)).toBe(-Infinity);
    expect(normalQuantile(1)).toBe(Infinity);
    expect(normalQuantile(1.5)).toBeNaN();
    expect(normalQuantile(NaN)).toBeNaN();
  });
});
