/**
 * Upper tail probability of the standard normal, Q(z) = P(Z > z) = ½·erfc(z/√2). The
 * analytics core has no normal CDF yet, and the harness needs good *relative* accuracy deep in the tail
 * (likelihoods near 1 − 1e−5 and beyond), so erfc uses the Chebyshev fit of Press et al., Numerical
 * Recipes in C (2nd ed.), §6.2 `erfcc`, fractional error < 1.2e−7 everywhere.
 *
 * NaN in → NaN out.
 */
export function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  // Horner form of the NR polynomial in t.
  const C = [
    -1.26551223, 1.00002368, 0.37409196, 0.09678418, -0.18628806, 0.27886807, -1.13520398, 1.48851587, -0.82215223,
    0.17087277,
  ];
  let poly = C[C.length - 1];
  for (let k = C.length - 2; k >= 0; k--) {
    poly = C[k] + t * poly;
  }
  const ans = t * Math.exp(-z * z + poly);
  return x >= 0 ? ans : 2 - ans;
}

export function normalTail(z: number): number {
  return 0.5 * erfc(z / Math.SQRT2);
}
