/**
 * The one duration grammar of the plugin, read by every setting and query option that takes a duration (query
 * `history`/`step`/`minInterval`, the data source's `timeInterval`, `maxHistory`, `incrementalQueryOverlapWindow`,
 * recording-rule intervals), in the editor and in the backend alike:
 * - one or more number+unit pairs, `30s`, `5m`, `1h30m`, `1.5h`, `250ms`; units ms, s, m, h, d (24 h), w (7 d),
 *   y (365 d), the fixed lengths Prometheus gives them (UTC, no calendar);
 * - a bare number is seconds (`30` = `30s`), as in Grafana's interval fields.
 * It accepts everything the two grammars it replaced accepted (the query options' and the Prometheus settings'):
 * see docs/query-options.md. Returns milliseconds or throws `DurationError` with a message that shows the
 * accepted form.
 */

/** Length of each duration unit in milliseconds (the fixed lengths Prometheus gives them). */
export const DURATION_UNIT_MS: Readonly<Record<string, number>> = {
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
  y: 31_536_000_000,
};

export class DurationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DurationError';
  }
}

const PART = /(\d+(?:\.\d+)?)(ms|s|m|h|d|w|y)/y;
const BARE_SECONDS = /^\d+(?:\.\d+)?$/;

/** Milliseconds of a duration text; throws DurationError for anything else (empty, negative, unknown unit). */
export function parseDuration(text: string): number {
  if (typeof text !== 'string') {
    throw new DurationError(`expected a duration text such as "5m", "1h" or "1d", got ${typeof text}`);
  }
  const s = text.trim();
  if (s === '') {
    throw new DurationError('the duration is empty; write e.g. "5m", "1h" or "1d"');
  }
  if (BARE_SECONDS.test(s)) {
    return Math.round(Number(s) * 1000);
  }
  let total = 0;
  PART.lastIndex = 0;
  let at = 0;
  while (at < s.length) {
    PART.lastIndex = at;
    const m = PART.exec(s);
    if (!m) {
      throw new DurationError(
        `"${text}" is not a duration; use a number and a unit (ms, s, m, h, d, w, y), e.g. "5m", "1h30m", "1d"`
      );
    }
    total += Number(m[1]) * DURATION_UNIT_MS[m[2]];
    at = PART.lastIndex;
  }
  return Math.round(total);
}

/** The shortest text for a whole number of milliseconds, e.g. 90 000 → `1m30s` (for notices and docs). */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) {
    return String(ms);
  }
  if (ms === 0) {
    return '0s';
  }
  let rest = Math.round(ms);
  let out = '';
  for (const unit of ['w', 'd', 'h', 'm', 's', 'ms']) {
    const size = DURATION_UNIT_MS[unit];
    const n = Math.floor(rest / size);
    if (n > 0) {
      out += `${n}${unit}`;
      rest -= n * size;
    }
  }
  return out;
}
