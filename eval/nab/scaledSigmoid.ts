/**
 * NAB's scaled sigmoid of a point's relative position to an anomaly window. Written from
 * the definition in Lavin & Ahmad (2015), "Evaluating Real-time Anomaly Detection Algorithms – the
 * Numenta Anomaly Benchmark", §"Scoring", eq. σ(y) = 2/(1 + e^{5y}) − 1, and NAB's scorer description:
 * positions at or beyond 3 window-lengths past a window score the full −1.
 *
 * y = −1 is the window's left edge (σ ≈ 0.98661), y = 0 its right edge (σ = 0), y > 0 lies after it.
 */
export function scaledSigmoid(relativePosition: number): number {
  if (Number.isNaN(relativePosition)) {
    throw new Error('scaledSigmoid: relative position is NaN');
  }
  if (relativePosition >= 3) {
    return -1;
  }
  return 2 / (1 + Math.exp(5 * relativePosition)) - 1;
}

/** σ(−1): the best true-positive value, used to scale true positives so the earliest detection earns tpWeight. */
export const MAX_TP = scaledSigmoid(-1);
