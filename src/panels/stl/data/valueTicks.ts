/**
 * Round values for a y axis between `lo` and `hi`: multiples of a step of 1, 2, 2.5 or 5 × 10^k chosen so that at
 * most `maxCount` ticks fall inside [lo, hi] (at least one when the range is not empty). `decimals` is how many
 * digits after the point the step needs, for labels that show the ticks exactly (0.25, not 0.2500001).
 * NaN or infinite bounds give no ticks; lo = hi gives that one value.
 */
export interface ValueTicks {
  ticks: number[];
  step: number;
  decimals: number;
}

const MULTIPLIERS = [1, 2, 2.5, 5, 10];

export function valueTicks(lo: number, hi: number, maxCount: number): ValueTicks {
  if (!Number.isFinite(lo) || !Number.isFinite(hi) || hi < lo) {
    return { ticks: [], step: NaN, decimals: 0 };
  }
  if (hi === lo) {
    return { ticks: [lo], step: 0, decimals: decimalsOf(lo) };
  }
  const count = Math.max(1, Math.floor(maxCount));
  const raw = (hi - lo) / count;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = MULTIPLIERS.map((m) => m * magnitude).find((s) => s >= raw * (1 - 1e-12))!;
  const first = Math.ceil(lo / step - 1e-9);
  const last = Math.floor(hi / step + 1e-9);
  const decimals = Math.max(0, -Math.floor(Math.log10(step) + 1e-9) + (step / magnitude === 2.5 ? 1 : 0));
  const ticks: number[] = [];
  for (let k = first; k <= last; k++) {
    // Rounded to the step's decimals so that 0.1 × 3 reads 0.3.
    ticks.push(Number((k * step).toFixed(Math.min(20, decimals))));
  }
  return { ticks, step, decimals };
}

function decimalsOf(v: number): number {
  const text = String(Math.abs(v));
  const dot = text.indexOf('.');
  return dot < 0 || text.includes('e') ? 0 : Math.min(20, text.length - dot - 1);
}
