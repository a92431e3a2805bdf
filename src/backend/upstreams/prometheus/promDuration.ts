/**
 * Duration texts written into PromQL and Grafana macros (`$__interval`, `$__range`), in the unit lengths of
 * `parseDuration` (src/shared), the plugin's one duration grammar, which reads everything these write.
 */
import { DURATION_UNIT_MS as UNIT_MS } from '../../../shared/parseDuration';

/**
 * Grafana's short interval text (`$__interval`): the largest whole unit, truncated (90 s → `1m`),
 * as Grafana's `gtime.FormatInterval` does; below 1 ms → `1ms`.
 */
export function formatIntervalShort(ms: number): string {
  const units: Array<[string, number]> = [
    ['y', UNIT_MS.y],
    ['d', UNIT_MS.d],
    ['h', UNIT_MS.h],
    ['m', UNIT_MS.m],
    ['s', UNIT_MS.s],
    ['ms', 1],
  ];
  for (const [u, len] of units) {
    if (ms >= len) {
      return `${Math.floor(ms / len)}${u}`;
    }
  }
  return '1ms';
}

/** Exact compound duration Prometheus parses (`1m15s`, `2h`, `250ms`), for ranges that must not be truncated. */
export function formatDurationExact(ms: number): string {
  let rest = Math.max(1, Math.round(ms));
  let out = '';
  for (const [u, len] of [
    ['h', UNIT_MS.h],
    ['m', UNIT_MS.m],
    ['s', UNIT_MS.s],
    ['ms', 1],
  ] as Array<[string, number]>) {
    const n = Math.floor(rest / len);
    if (n > 0) {
      out += `${n}${u}`;
      rest -= n * len;
    }
  }
  return out;
}
