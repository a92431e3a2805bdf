/**
 * Where a `correlations` query looks: the window (default the whole query range), the context before it, and the
 * lag margin on both sides, as one grid of the query's step that the target and the candidates are both fetched on,
 * with the indices `rankCorrelations` takes. Our own rules (docs/query-options.md, "Correlations"):
 *  - the window must lie inside the query range (400 otherwise); its grid points are the multiples of the step in
 *    [window.from, window.to];
 *  - context is rounded up to whole steps and may reach before the query range (it is context, not the window);
 *  - maxLag is rounded to whole steps, must be at most a quarter of the analysed range (window plus context), and
 *    widens the fetch on both sides so lags at the edges still pair real points;
 *  - the analysed range needs MIN_CORRELATION_POINTS grid points.
 * Throws LensError (400) with a message naming the option to change.
 */
import { formatDuration } from '../../shared/parseDuration';
import type { ResolvedCorrelate } from '../../shared/validateQuery';
import { LensError } from '../errors/LensError';

/**
 * Fewest grid points of window plus context: after differencing, rankCorrelations needs max(3, ⌈m/2⌉) complete
 * pairs at a lag; 6 points leave 5 differences, enough for one lag step of slack.
 */
export const MIN_CORRELATION_POINTS = 6;

/**
 * `context: auto`: the baseline before the window is as long as the window, and at least this many steps, so a short
 * window still gets a baseline whose median and MAD mean something (chosen on the evaluation: EVALUATION.md, §3).
 * Shortened (with a notice) when the data source's point limit would be exceeded.
 */
export const AUTO_CONTEXT_MIN_POINTS = 60;

export interface CorrelationRangeInput {
  refId: string;
  /** The query's time range. */
  rangeFromMs: number;
  rangeToMs: number;
  stepMs: number;
  correlate: Pick<ResolvedCorrelate, 'window' | 'contextMs' | 'maxLagMs'>;
  /** Points per series one fetch may return (the data source limit). */
  maxPointsPerSeries: number;
}

export interface CorrelationRange {
  /** The window as requested (or the query range). */
  windowFromMs: number;
  windowToMs: number;
  /** First and last grid point fetched (multiples of the step). */
  fetchFromMs: number;
  fetchToMs: number;
  /** Grid points fetched. */
  points: number;
  /** Window as grid indices [start, end) of the fetch. */
  window: { start: number; end: number };
  contextSteps: number;
  maxLagSteps: number;
  /** First grid index of the analysed range (window start − context). */
  analysedStart: number;
  notices: string[];
}

const iso = (ms: number) => (Number.isFinite(ms) && Math.abs(ms) < 8.64e15 ? new Date(ms).toISOString() : String(ms));

export function correlationRange(input: CorrelationRangeInput): CorrelationRange {
  const { refId, rangeFromMs, rangeToMs, stepMs, correlate, maxPointsPerSeries } = input;
  const bad = (message: string) => LensError.badQuery(`query ${refId}: ${message}`);
  const notices: string[] = [];
  const windowFromMs = correlate.window?.fromMs ?? rangeFromMs;
  const windowToMs = correlate.window?.toMs ?? rangeToMs;
  if (windowFromMs < rangeFromMs || windowToMs > rangeToMs) {
    throw bad(
      `correlate.window (${iso(windowFromMs)} to ${iso(windowToMs)}) must lie inside the query's time range ` +
        `(${iso(rangeFromMs)} to ${iso(rangeToMs)}); widen the time range or move the window`
    );
  }
  const firstMs = Math.ceil(windowFromMs / stepMs) * stepMs;
  const lastMs = Math.floor(windowToMs / stepMs) * stepMs;
  const windowPoints = lastMs >= firstMs ? Math.round((lastMs - firstMs) / stepMs) + 1 : 0;
  const maxLagSteps = Math.round(correlate.maxLagMs / stepMs);
  let contextSteps: number;
  if (correlate.contextMs === 'auto') {
    const wanted = Math.max(windowPoints, AUTO_CONTEXT_MIN_POINTS);
    contextSteps = Math.max(0, Math.min(wanted, maxPointsPerSeries - windowPoints - 2 * maxLagSteps));
    if (contextSteps < wanted) {
      notices.push(
        `The automatic baseline was shortened to ${contextSteps} steps (${formatDuration(contextSteps * stepMs)}) ` +
          `by the point limit; raise the step (Min interval) for a longer one.`
      );
    }
  } else {
    contextSteps = Math.ceil(correlate.contextMs / stepMs);
  }
  if (correlate.maxLagMs > 0 && maxLagSteps === 0) {
    notices.push(
      `correlate.maxLag ${formatDuration(correlate.maxLagMs)} is under half the step ` +
        `(${formatDuration(stepMs)}); only lag 0 was searched.`
    );
  }
  if (windowPoints === 0) {
    throw bad(
      `correlate.window (${iso(windowFromMs)} to ${iso(windowToMs)}) holds no point of the ${formatDuration(stepMs)} ` +
        `grid; widen the window or lower the step (Min interval)`
    );
  }
  const analysed = windowPoints + contextSteps;
  if (analysed < MIN_CORRELATION_POINTS) {
    throw bad(
      `the correlation window${contextSteps > 0 ? ' and its context' : ''} hold ${analysed} points at step ` +
        `${formatDuration(stepMs)}; correlations need at least ${MIN_CORRELATION_POINTS}: widen correlate.window, ` +
        `add correlate.context or lower the step (Min interval)`
    );
  }
  if (4 * correlate.maxLagMs > analysed * stepMs) {
    throw bad(
      `correlate.maxLag must be at most a quarter of the analysed range (window plus context, ` +
        `${formatDuration(analysed * stepMs)} → ${formatDuration(Math.floor((analysed * stepMs) / 4))}); ` +
        `got ${formatDuration(correlate.maxLagMs)}`
    );
  }
  const before = contextSteps + maxLagSteps;
  const points = analysed + 2 * maxLagSteps;
  if (points > maxPointsPerSeries) {
    throw bad(
      `the correlation needs ${points} points per series (window, context and lags at step ` +
        `${formatDuration(stepMs)}; limit ${maxPointsPerSeries}); shorten the window, context or maxLag, ` +
        `or raise the step (Min interval)`
    );
  }
  const start = before;
  return {
    windowFromMs,
    windowToMs,
    fetchFromMs: firstMs - before * stepMs,
    fetchToMs: lastMs + maxLagSteps * stepMs,
    points,
    window: { start, end: start + windowPoints },
    contextSteps,
    maxLagSteps,
    analysedStart: start - contextSteps,
    notices,
  };
}
