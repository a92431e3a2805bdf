/**
 * Validates a value/timestamp pair for the change rules (our own): same length, finite and strictly
 * increasing timestamps (epoch milliseconds, Grafana's convention). Irregular spacing is fine.
 */
export function checkTimestamps(values: ArrayLike<number>, timestamps: ArrayLike<number>, caller: string): void {
  if (values.length !== timestamps.length) {
    throw new RangeError(`${caller}: values (${values.length}) and timestamps (${timestamps.length}) differ in length`);
  }
  for (let i = 0; i < timestamps.length; i++) {
    const t = timestamps[i];
    if (!Number.isFinite(t)) {
      throw new RangeError(`${caller}: timestamp ${i} is not a finite number`);
    }
    if (i > 0 && !(t > timestamps[i - 1])) {
      throw new RangeError(`${caller}: timestamps must be strictly increasing (index ${i})`);
    }
  }
}
