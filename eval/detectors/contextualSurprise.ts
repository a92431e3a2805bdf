/**
 * A causal sequence-learning anomaly signal (harness-side, our own implementation), in the spirit of the
 * Contextual Anomaly Detector (CAD OSE) by Mikhail Smirnov, described in NAB's README, wiki and detector
 * folder (github.com/numenta/NAB, `nab/detectors/context_OSE`; NAB scoreboard 69.9). What we keep of the idea:
 * values are quantised, the recent quantised values form contexts, every context learns which values have
 * followed it, and a row's anomaly is the share of the currently active contexts that did not foresee it.
 * What is ours: the contexts are the last k bins for every order k = 0…`maxOrder` (k = 0, the empty context,
 * asks "was this bin ever seen?") at one or more bin widths (w, 2w, 4w, …), so a row is judged both by short
 * and long histories and at coarse and fine resolution; and the quantiser is fixed from the first rows only.
 *
 * Per row t (t ≥ 1):
 *  1. bin_r(t) = ⌊(x_t − lo)/(w·2^r)⌋ for each resolution r, unbounded (values outside the learning rows'
 *     range get bins of their own, so a new extreme is new to every context);
 *  2. a context (r, k, bin_r(t−k … t−1)) is active when it has occurred before; it misses when bin_r(t) never
 *     followed it. Score = share of the active contexts that miss, in [0, 1]; 1 when none is active. With the
 *     defaults (one resolution, orders 0 and 1) the score is 0 (a known step between known bins), 0.5 (a new
 *     step between known bins) or 1 (a bin never seen);
 *  3. every context then learns bin_r(t).
 *
 * Quantiser: lo and w come from the first `learnRows` rows (their `rangeQuantile` and 1 − `rangeQuantile`
 * quantiles, split into `bins` bins; a flat start falls back to w = max(|median|·1e-3, 1e-9)). Rows before
 * `learnRows` are scored once it is fixed, i.e. with knowledge of rows up to `learnRows` − 1; pass NAB's
 * probationary length, so every row that is actually scored depends only on itself and earlier rows.
 * NaN policy: a NaN row scores NaN, is not learned, and breaks the context (the next row has no history).
 */
export interface ContextualSurpriseOptions {
  /** Rows that fix the quantiser (NAB: the probationary length). At least 2. */
  learnRows: number;
  /** Bins across the learning rows' robust range at the finest resolution. Default 12. */
  bins?: number;
  /** Longest context in rows. Default 1. */
  maxOrder?: number;
  /** Bin widths w, 2w, … (count). Default 1. */
  resolutions?: number;
  /** Lower quantile of the learning rows that bounds the range (upper: 1 − q). Default 0.01. */
  rangeQuantile?: number;
}

function quantile(sorted: readonly number[], q: number): number {
  const pos = q * (sorted.length - 1);
  const i = Math.floor(pos);
  const f = pos - i;
  return i + 1 < sorted.length ? sorted[i] * (1 - f) + sorted[i + 1] * f : sorted[i];
}

export function contextualSurprise(values: ArrayLike<number>, options: ContextualSurpriseOptions): Float64Array {
  const n = values.length;
  const learnRows = Math.min(n, Math.floor(options.learnRows));
  if (!(options.learnRows >= 2)) {
    throw new RangeError(`contextualSurprise: learnRows must be ≥ 2, got ${options.learnRows}`);
  }
  const bins = options.bins ?? 12;
  const maxOrder = options.maxOrder ?? 1;
  const resolutions = options.resolutions ?? 1;
  const q = options.rangeQuantile ?? 0.01;
  if (!(bins >= 1) || !(maxOrder >= 0) || !(resolutions >= 1) || !(q >= 0 && q < 0.5)) {
    throw new RangeError('contextualSurprise: need bins ≥ 1, maxOrder ≥ 0, resolutions ≥ 1, 0 ≤ rangeQuantile < 0.5');
  }
  const out = new Float64Array(n).fill(NaN);
  const start: number[] = [];
  for (let i = 0; i < learnRows; i++) {
    const v = values[i];
    if (v === v) {
      start.push(v);
    }
  }
  if (!start.length) {
    return out;
  }
  start.sort((a, b) => a - b);
  const lo = quantile(start, q);
  const hi = quantile(start, 1 - q);
  const w = hi > lo ? (hi - lo) / bins : Math.max(Math.abs(quantile(start, 0.5)) * 1e-3, 1e-9);

  // followers.get(key) = bins seen right after that context.
  const followers = new Map<string, Set<number>>();
  // history[r] = bins of the previous rows at resolution r, most recent last (at most maxOrder kept).
  const history: number[][] = Array.from({ length: resolutions }, () => []);
  const current = new Array<number>(resolutions);
  for (let t = 0; t < n; t++) {
    const x = values[t];
    if (x !== x) {
      history.forEach((h) => (h.length = 0));
      continue;
    }
    let missed = 0;
    let active = 0;
    for (let r = 0; r < resolutions; r++) {
      current[r] = Math.floor((x - lo) / (w * 2 ** r));
    }
    const keys: string[] = [];
    for (let r = 0; r < resolutions; r++) {
      const h = history[r];
      let key = `${r}`;
      for (let k = 0; k <= Math.min(maxOrder, h.length); k++) {
        if (k > 0) {
          key += `,${h[h.length - k]}`;
        }
        keys.push(key);
        const f = followers.get(key);
        if (f) {
          active++;
          if (!f.has(current[r])) {
            missed++;
          }
        }
      }
    }
    // Row 0 has nothing to be judged against; it only seeds the contexts.
    if (t > 0) {
      out[t] = active > 0 ? missed / active : 1;
    }
    let i = 0;
    for (let r = 0; r < resolutions; r++) {
      const h = history[r];
      for (let k = 0; k <= Math.min(maxOrder, h.length); k++, i++) {
        const key = keys[i];
        let f = followers.get(key);
        if (!f) {
          f = new Set<number>();
          followers.set(key, f);
        }
        f.add(current[r]);
      }
      h.push(current[r]);
      if (h.length > maxOrder) {
        h.shift();
      }
    }
  }
  return out;
}
