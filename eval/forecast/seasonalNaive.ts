/**
 * Seasonal naive benchmark (M4 "sNaive"): each forecast repeats the value one season earlier,
 * ŷₙ₊ₕ = yₙ₊ₕ₋ₘ·⌈h/m⌉. Throws when the series is shorter than one season.
 */
export function seasonalNaive(y: ArrayLike<number>, horizon: number, period: number): Float64Array {
  const n = y.length;
  if (n < period || period < 1) {
    throw new Error(`seasonalNaive: need at least one season (${period}) of data, got ${n}`);
  }
  const out = new Float64Array(horizon);
  for (let h = 1; h <= horizon; h++) {
    out[h - 1] = y[n - period + ((h - 1) % period)];
  }
  return out;
}
