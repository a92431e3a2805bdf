/**
 * Aligns a query range to the step as Grafana's Prometheus data source does (promlib `AlignTimeRange`): start
 * and end are both floored to a multiple of the step, so that successive refreshes ask Prometheus for the same
 * evaluation timestamps and points do not "wander". Our own implementation.
 */
export interface AlignedRange {
  startMs: number;
  endMs: number;
}

/** @param offsetMs shift of the grid (Grafana's UTC offset option); 0 → multiples of the step since the epoch. */
export function alignTimeRange(fromMs: number, toMs: number, stepMs: number, offsetMs = 0): AlignedRange {
  if (!(stepMs > 0)) {
    throw new Error(`Step must be positive, got ${stepMs}`);
  }
  const floor = (t: number) => Math.floor((t + offsetMs) / stepMs) * stepMs - offsetMs;
  return { startMs: floor(fromMs), endMs: floor(toMs) };
}
