/**
 * One line of a row's overlay: z-normalised values on (possibly lag-shifted) times. Our own (a mean and a
 * standard deviation, two passes for stability); the drawing only needs shape, not units, so target and
 * candidate share one y scale after normalising.
 */

export interface OverlayLine {
  /** Epoch ms, ascending; shifted by the lag for candidates so their movement lines up with the target's. */
  times: number[];
  /** (value − mean) / population σ over the finite values; NaN where the value was missing. */
  z: Float64Array;
  /** The values themselves (NaN where missing), for the hover tooltip. */
  values: Float64Array;
  /** Grafana unit of the values (the frame field's `config.unit`), when the data source sent one. */
  unit?: string;
}

export interface OverlayLineOptions {
  /** Added to every time (ms). Default 0. */
  shiftMs?: number;
}

/**
 * z-normalises `values` (null, NaN and ±Inf count as missing and stay NaN). A constant series (σ = 0) becomes
 * all zeros so it is drawn as a flat line instead of vanishing; no finite value gives all NaN. Inputs are not
 * mutated.
 */
export function overlayLine(
  times: ArrayLike<number>,
  values: ArrayLike<number | null>,
  options: OverlayLineOptions = {}
): OverlayLine {
  const shift = options.shiftMs ?? 0;
  const n = Math.min(times.length, values.length);
  let count = 0;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (typeof v === 'number' && Number.isFinite(v)) {
      sum += v;
      count++;
    }
  }
  const mean = count > 0 ? sum / count : NaN;
  let ss = 0;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (typeof v === 'number' && Number.isFinite(v)) {
      ss += (v - mean) * (v - mean);
    }
  }
  const sd = count > 0 ? Math.sqrt(ss / count) : NaN;
  const z = new Float64Array(n);
  const raw = new Float64Array(n);
  const out: number[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const v = values[i];
    out[i] = times[i] + shift;
    const finite = typeof v === 'number' && Number.isFinite(v);
    z[i] = finite ? (sd > 0 ? (v - mean) / sd : 0) : NaN;
    raw[i] = finite ? v : NaN;
  }
  return { times: out, z, values: raw };
}
