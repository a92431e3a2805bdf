/**
 * Decides how much training history to fetch before the visible range (our own rule, documented in
 * docs/query-options.md): `history: auto` asks for 3 seasons when a seasonal method, forecast or decomposition is
 * requested (3 days when seasonality is `auto`), and at least one window of every rolling computation (moving
 * band, fraction window, change window, trend window). The result is bounded by the data source's `maxHistory`
 * (default and ceiling 8 weeks) and by the points-per-series limit. Either bound shortens the history, `auto` or
 * explicit, rather than refusing the query (a band on less history still answers; an alert keeps evaluating),
 * and a notice says by how much and what to change.
 *
 * When the query runs the default detector (`auto`), the history then starts on a whole hour (a multiple of the
 * step of at least an hour since the epoch), up to an hour earlier than asked, if the bounds allow it: evaluations
 * within that hour (an alert rule every minute, a dashboard refresh) share their first point, so the detector goes
 * on from where the previous one stopped instead of running over the whole history again (detectorCheckpointCache).
 */
import { formatDuration } from '../../shared/parseDuration';
import { QUERY_DEFAULTS, QUERY_LIMITS, ResolvedOptions } from '../../shared/validateQuery';

const DAY_MS = 86_400_000;
/** The history of an `auto` query starts on a multiple of this (rounded up to a multiple of the step). */
export const AUTO_HISTORY_ALIGN_MS = 3_600_000;

export interface WindowPlan {
  /** First grid point fetched (multiple of the step). */
  fetchFromMs: number;
  /** First grid point of the visible range. */
  visibleFromMs: number;
  toMs: number;
  stepMs: number;
  /** History actually fetched before the visible range. */
  historyMs: number;
  notices: string[];
}

/** Outputs that need a band (and so its training history). */
export function needsBand(o: ResolvedOptions): boolean {
  return o.outputs.some((x) => x === 'band' || x === 'score' || x === 'flag' || x === 'fractionAnomalous');
}

function needsSeasons(o: ResolvedOptions): boolean {
  return (
    (needsBand(o) && o.method !== 'moving') || o.outputs.includes('forecast') || o.outputs.includes('decomposition')
  );
}

/** History `auto` asks for, before bounds. */
export function wantedHistoryMs(o: ResolvedOptions, stepMs: number): number {
  if (o.historyMs !== 'auto') {
    return o.historyMs;
  }
  let wanted = 0;
  if (needsSeasons(o)) {
    if (o.seasonality.mode === 'explicit') {
      wanted = QUERY_DEFAULTS.historySeasons * Math.max(...o.seasonality.periodsMs);
    } else if (o.seasonality.mode === 'auto' && DAY_MS / stepMs >= 4) {
      wanted = QUERY_DEFAULTS.historySeasons * DAY_MS;
    }
  }
  if (needsBand(o)) {
    wanted = Math.max(wanted, o.movingWindowMs);
  }
  if (o.outputs.includes('fractionAnomalous')) {
    wanted = Math.max(wanted, o.movingWindowMs + o.flags.fractionWindowMs);
  }
  if (o.outputs.includes('change')) {
    wanted = Math.max(wanted, o.change.windowMs + 2 * stepMs);
  }
  if (o.outputs.includes('timeToThreshold') && o.threshold) {
    wanted = Math.max(wanted, o.threshold.windowMs);
  }
  return wanted;
}

/**
 * `maxPoints`: points per series the fetch may return, history included (the data source's `maxPointsPerSeries`).
 * `maxHistoryMs`: the data source's `maxHistory` (default 8 weeks).
 */
export function planWindow(
  o: ResolvedOptions,
  visible: { fromMs: number; toMs: number },
  stepMs: number,
  maxPoints: number,
  maxHistoryMs: number = QUERY_LIMITS.maxHistoryMs
): WindowPlan {
  const notices: string[] = [];
  const visibleFromMs = Math.ceil(visible.fromMs / stepMs) * stepMs;
  const visiblePoints = visibleFromMs > visible.toMs ? 0 : Math.floor((visible.toMs - visibleFromMs) / stepMs) + 1;
  let wanted = wantedHistoryMs(o, stepMs);
  if (wanted > maxHistoryMs) {
    notices.push(
      `Training history shortened from ${formatDuration(wanted)} to ${formatDuration(maxHistoryMs)}: ` +
        `the data source setting maxHistory allows at most ${formatDuration(maxHistoryMs)}. ` +
        `Ask for a shorter history, or raise maxHistory (up to ${formatDuration(QUERY_LIMITS.maxHistoryMs)}).`
    );
    wanted = maxHistoryMs;
  }
  let historyPoints = Math.ceil(wanted / stepMs);
  const room = Math.max(0, maxPoints - visiblePoints);
  if (historyPoints > room) {
    notices.push(
      `Training history shortened from ${formatDuration(wanted)} to ${formatDuration(room * stepMs)}: ` +
        `at most ${maxPoints} points per series (maxPointsPerSeries) at step ${formatDuration(stepMs)}. ` +
        `Raise the step (Min interval) or shorten the time range for a longer history.`
    );
    historyPoints = room;
  }
  if (needsBand(o) && o.method === 'auto') {
    const unit = stepMs * Math.max(1, Math.ceil(AUTO_HISTORY_ALIGN_MS / stepMs));
    const from = visibleFromMs - historyPoints * stepMs;
    const extra = Math.round((from - Math.floor(from / unit) * unit) / stepMs);
    if (historyPoints + extra <= room && (historyPoints + extra) * stepMs <= maxHistoryMs) {
      historyPoints += extra;
    }
  }
  const historyMs = historyPoints * stepMs;
  return { fetchFromMs: visibleFromMs - historyMs, visibleFromMs, toMs: visible.toMs, stepMs, historyMs, notices };
}
