/**
 * Alarm suppression that needs no threshold (harness-side, our own): a row keeps its score only when it
 * exceeds every score emitted in the previous `span` rows; otherwise it is scaled down by `factor`.
 * Under NAB only the first detection in a window earns credit and every later one outside it costs, so a
 * detector should alert once per event whatever threshold the optimiser later picks.
 */
export interface SuppressRepeats {
  update(score: number): number;
}

export function suppressRepeats(span: number, factor = 0.5): SuppressRepeats {
  const buf = new Float64Array(Math.max(1, span)).fill(-Infinity);
  let head = 0;
  return {
    update(score: number): number {
      let max = -Infinity;
      for (let i = 0; i < buf.length; i++) {
        if (buf[i] > max) {
          max = buf[i];
        }
      }
      const out = score > max ? score : score * factor;
      buf[head] = out;
      head = (head + 1) % buf.length;
      return out;
    },
  };
}
