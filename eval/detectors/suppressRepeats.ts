/**
 * Alarm suppression that needs no threshold (harness-side, our own): a row keeps its score only when it
 * exceeds every score emitted in the previous `span` rows; otherwise it is scaled down by `factor`.
 * Under NAB only the first detection in a window earns credit and every later one outside it costs, so a
 * detector should alert once per event whatever threshold the optimiser later picks.
 * The trailing maximum uses a monotone deque (amortised O(1) per row).
 */
export interface SuppressRepeats {
  update(score: number): number;
}

export function suppressRepeats(span: number, factor = 0.5): SuppressRepeats {
  const w = Math.max(1, Math.round(span));
  // Deque of [row, emitted score], scores decreasing from front to back.
  const rows: number[] = [];
  const vals: number[] = [];
  let head = 0;
  let t = 0;
  return {
    update(score: number): number {
      while (head < rows.length && rows[head] < t - w) {
        head++;
      }
      const max = head < rows.length ? vals[head] : -Infinity;
      const out = score > max ? score : score * factor;
      while (rows.length > head && vals[vals.length - 1] <= out) {
        rows.pop();
        vals.pop();
      }
      rows.push(t);
      vals.push(out);
      if (head > 1024 && head * 2 > rows.length) {
        rows.splice(0, head);
        vals.splice(0, head);
        head = 0;
      }
      t++;
      return out;
    },
  };
}
