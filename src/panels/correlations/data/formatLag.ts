/**
 * Human text for a correlation lag. Sign convention of the correlations frame (src/shared/queryTypes.ts):
 * lag > 0 means the candidate moves first, i.e. it leads the target.
 */

const UNITS: Array<[string, number]> = [
  ['d', 86400],
  ['h', 3600],
  ['m', 60],
  ['s', 1],
];

/** Whole-second duration as compact units: 90 → `1m30s`, 3600 → `1h`, 0 → `0s`. Fractions round to seconds. */
export function formatDuration(seconds: number): string {
  let rest = Math.round(Math.abs(seconds));
  if (rest === 0) {
    return '0s';
  }
  let text = '';
  for (const [unit, size] of UNITS) {
    const n = Math.floor(rest / size);
    if (n > 0) {
      text += `${n}${unit}`;
      rest -= n * size;
    }
  }
  return text;
}

/** `leads by 2m`, `lags by 30s`, `same time`; `—` when the lag is unknown (null or not finite). */
export function formatLag(lagSeconds: number | null): string {
  if (lagSeconds === null || !Number.isFinite(lagSeconds)) {
    return '—';
  }
  if (Math.round(lagSeconds) === 0) {
    return 'same time';
  }
  return `${lagSeconds > 0 ? 'leads' : 'lags'} by ${formatDuration(lagSeconds)}`;
}
