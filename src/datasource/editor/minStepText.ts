/**
 * The Min step field speaks durations as Grafana's Prometheus editor does (`15s`, `1m`, `1h30m`; a bare number
 * means seconds) while the query keeps storing `minStepMs`, a number of milliseconds: queries saved before the
 * field took durations keep their value and show it as a duration (15000 → `15s`), and the backend is unchanged.
 */
import { DurationError, formatDuration, parseDuration } from '../../shared/parseDuration';

/** The text the field shows for a stored value; empty when none is set. */
export function minStepText(minStepMs: number | undefined): string {
  return minStepMs !== undefined && Number.isFinite(minStepMs) && minStepMs > 0 ? formatDuration(minStepMs) : '';
}

export type MinStepParse = { ok: true; minStepMs: number | undefined } | { ok: false; error: string };

/** Reads what was typed: empty → no lower bound; a bare number → seconds; else a duration text. */
export function parseMinStep(text: string): MinStepParse {
  const s = text.trim();
  if (s === '') {
    return { ok: true, minStepMs: undefined };
  }
  let ms: number;
  try {
    ms = /^\d+(?:\.\d+)?$/.test(s) ? Math.round(Number(s) * 1000) : parseDuration(s);
  } catch (e) {
    return { ok: false, error: `Min step: ${e instanceof DurationError ? e.message : String(e)}` };
  }
  if (ms <= 0) {
    return { ok: false, error: 'Min step must be above zero, e.g. "15s" or "1m"' };
  }
  return { ok: true, minStepMs: ms };
}
