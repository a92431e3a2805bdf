/**
 * Round times for a time axis from `t0` to `t1` (epoch ms): multiples of a step from a fixed ladder (5 s … 30 d),
 * the smallest that gives at most `maxCount` ticks, counted in local time so that hours and midnights fall where
 * the viewer's clock has them. `offsetMs(t)` is the time zone's offset from UTC at `t` (taken once, at `t0`: a
 * daylight-saving change inside the range shifts the later ticks by the change, which is rare enough on the
 * ranges STL is drawn for). `format` is the label format the step calls for (seconds, minutes, days).
 */
export interface TimeTicks {
  ticks: number[];
  stepMs: number;
  format: string;
}

const S = 1000;
const M = 60 * S;
const H = 60 * M;
const D = 24 * H;
const LADDER = [
  5 * S,
  15 * S,
  30 * S,
  M,
  2 * M,
  5 * M,
  10 * M,
  15 * M,
  30 * M,
  H,
  2 * H,
  3 * H,
  6 * H,
  12 * H,
  D,
  2 * D,
  7 * D,
  14 * D,
  30 * D,
];

export function timeTicks(
  t0: number,
  t1: number,
  maxCount: number,
  offsetMs: (t: number) => number = () => 0
): TimeTicks {
  if (!Number.isFinite(t0) || !Number.isFinite(t1) || t1 <= t0) {
    return { ticks: Number.isFinite(t0) ? [t0] : [], stepMs: 0, format: 'MM-DD HH:mm' };
  }
  const count = Math.max(1, Math.floor(maxCount));
  const span = t1 - t0;
  const stepMs = LADDER.find((s) => span / s <= count) ?? Math.ceil(span / count / D) * D;
  const offset = offsetMs(t0);
  const ticks: number[] = [];
  for (let local = Math.ceil((t0 + offset) / stepMs) * stepMs; local - offset <= t1; local += stepMs) {
    ticks.push(local - offset);
  }
  const format = stepMs < M ? 'HH:mm:ss' : stepMs >= D ? 'MM-DD' : span > D ? 'MM-DD HH:mm' : 'HH:mm';
  return { ticks, stepMs, format };
}
