/**
 * Average-tie ranks of a subset of a series without sorting again (our own): given the series' sorted
 * order (`argsortInto`), walking it and keeping the selected positions yields the subset in sorted order.
 * Used by `rankCorrelations` to re-score Spearman exactly at the chosen lag in O(n) per candidate.
 *
 * `pairOf[p]` is the output slot of position p, or −1 to leave it out; `key(p)` equality defines ties
 * (`keys[p − keyOffset]`). Writes 1-based average ranks into `out[slot]`; returns the number ranked.
 */
export function subsetRanksInto(
  order: Uint32Array,
  orderCount: number,
  pairOf: Int32Array,
  keys: Float64Array,
  keyOffset: number,
  out: Float64Array
): number {
  let rankPos = 0; // 0-based rank of the next kept element
  let runStart = 0;
  let runKey = NaN;
  let runSlots = 0;
  // Kept slots of the current tie run are buffered at the end of the walk order in `pending`.
  const pending: number[] = [];
  for (let o = 0; o < orderCount; o++) {
    const p = order[o];
    const slot = pairOf[p];
    if (slot < 0) {
      continue;
    }
    const key = keys[p - keyOffset];
    if (runSlots > 0 && key !== runKey) {
      const r = (runStart + 1 + rankPos) / 2;
      for (let q = 0; q < runSlots; q++) {
        out[pending[q]] = r;
      }
      runSlots = 0;
    }
    if (runSlots === 0) {
      runStart = rankPos;
      runKey = key;
    }
    pending[runSlots++] = slot;
    rankPos++;
  }
  if (runSlots > 0) {
    const r = (runStart + 1 + rankPos) / 2;
    for (let q = 0; q < runSlots; q++) {
      out[pending[q]] = r;
    }
  }
  return rankPos;
}
