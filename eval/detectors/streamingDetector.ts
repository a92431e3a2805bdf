/**
 * The harness's contract for a causal anomaly detector: it sees one value at a time and must score it
 * from that value and the ones before it only (NAB rule: "detectors must be causal", Lavin & Ahmad 2015).
 */
export interface StreamingDetector {
  /** Scores `value` (the next row) in [0, 1]; may use only rows seen so far. */
  update(value: number, timestamp: number): number;
}

export interface DetectorContext {
  /** NAB's probationary length for this file (rows): detectors may use it to size their windows. */
  probationaryLength: number;
  /** Rows in the file (NAB detectors may size windows from the file length, as the probation is). */
  length: number;
}

export type DetectorFactory = (context: DetectorContext) => StreamingDetector;

/** Runs a detector over a whole series in order, returning one score per row. */
export function runDetector(
  factory: DetectorFactory,
  context: DetectorContext,
  values: ArrayLike<number>,
  timestamps: ArrayLike<number>
): Float64Array {
  const det = factory(context);
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    out[i] = det.update(values[i], timestamps[i]);
  }
  return out;
}
