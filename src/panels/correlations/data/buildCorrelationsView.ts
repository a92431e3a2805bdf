import { DataFrame, Field, FieldType } from '@grafana/data';
import { CORRELATION_FRAME, OVERLAY_RANK_LABEL, OVERLAY_ROLE_LABEL, OVERLAY_ROLES } from '../../../shared/queryTypes';
import { overlayLine, OverlayLine } from './overlayLine';

/**
 * Frames of a `correlations` query (shapes in src/shared/queryTypes.ts, CONTRACT: one table frame, then overlay
 * frames for the target and the top candidates) → the panel's view model, or a message saying why there is
 * nothing to rank. Pure: no React; reads fields by name, values as Grafana delivers them (plain arrays, nulls).
 */

export type CorrelationsMessageReason = 'noData' | 'unsuitable' | 'noRows';

export const CORRELATIONS_MESSAGES: Record<CorrelationsMessageReason, string> = {
  noData: 'No data: the query returned nothing for this time range.',
  unsuitable:
    'This panel needs an Anomaly Lens query of type "Correlations" (query type correlations, with a target ' +
    'query and candidate series). The current result has no correlations table; ordinary time-series queries ' +
    'belong in a time-series panel.',
  noRows: 'No candidates were ranked: the candidate query returned no series besides the target.',
};

export interface CorrelationsMessage {
  kind: 'message';
  reason: CorrelationsMessageReason;
  text: string;
}

export type Direction = 'with' | 'against' | '';

export interface CorrelationRow {
  rank: number;
  series: string;
  /** PromQL-style label set `{a="b"}`; may be empty. */
  labels: string;
  /** −1…1 at the best lag; null when undefined (constant candidate or too little data). */
  score: number | null;
  /** Best lag in seconds, > 0 when the candidate leads; null when the frame had none. */
  lagSeconds: number | null;
  direction: Direction;
  /** Complete point pairs behind the score; null when missing. */
  overlap: number | null;
  /** Upstream query showing only this candidate (for Explore); empty when the frame had none. */
  exploreExpr: string;
  /** The candidate's overlay, shifted by its lag; only for the top candidates the query asked overlays for. */
  overlay?: OverlayLine;
  /** Lower-case `series labels`, what the text filter matches. */
  searchText: string;
  /** Passed the data source's significance control; false rows are shown muted. True when the frame has no such
   * field (older data sources ranked by correlation alone). */
  significant: boolean;
  /** Of the target's own metric family (ranked apart by the data source). */
  family: boolean;
  /** Robust z of the window against the baseline; null when the frame had none. */
  change: number | null;
  /** Significance against chance, 0…1; null when the frame had none. */
  pValue: number | null;
  /** The callee service ranked before this row's service in its stead (the service graph); empty when none. */
  explainedBy: string;
  /** What the other measurements of the row's service added to its cause score; null when the frame had none. */
  corroboration: number | null;
}

export interface CorrelationsMeta {
  method?: string;
  preprocess?: string;
  stepMs?: number;
  maxLagSeconds?: number;
  /** Candidates the data source ranked (may exceed the rows returned, see `correlate.limit`). */
  candidates?: number;
  /** The data source found no significant candidate outside the target's family. */
  noClearCause?: boolean;
}

export interface CorrelationsView {
  kind: 'ranking';
  /** refId of the correlations table frame, to find its query (and data source) in the request. */
  refId?: string;
  target: { name: string; overlay?: OverlayLine };
  /** The ranked window; `source` says whether the frame stated it or the panel fell back to the time range. */
  window: { fromMs: number; toMs: number; source: 'frame' | 'timeRange' };
  /** Time extent the overlays are drawn over: the target overlay's (window plus context), else the window. */
  range: { fromMs: number; toMs: number };
  meta: CorrelationsMeta;
  /** Sorted by rank ascending. */
  rows: CorrelationRow[];
  /** Further correlations tables in the result (other refIds) that this panel does not show. */
  ignoredTables: number;
  /** Their refIds, to name in the header (the panel option `query` picks one). */
  otherRefIds: string[];
  /** The `query` option's refId when no correlations table has it (the first table is shown instead). */
  missingRefId?: string;
}

export type CorrelationsViewResult = CorrelationsMessage | CorrelationsView;

const F = CORRELATION_FRAME.fields;

const message = (reason: CorrelationsMessageReason): CorrelationsMessage => ({
  kind: 'message',
  reason,
  text: CORRELATIONS_MESSAGES[reason],
});

const byName = (frame: DataFrame, name: string): Field | undefined => frame.fields.find((f) => f.name === name);

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const str = (v: unknown): string => (v === null || v === undefined ? '' : String(v));

/** The table frame by its name, or (when a transformation or proxy renamed the frame) by its key fields. */
function isCorrelationTable(frame: DataFrame): boolean {
  const has = (name: string) => frame.fields.some((f) => f.name === name);
  const keyFields = has(F.rank) && has(F.series) && has(F.score);
  return keyFields && (frame.name === CORRELATION_FRAME.name || has(F.lagSeconds));
}

interface OverlayFrame {
  role: string;
  rank: number | null;
  refId?: string;
  times: number[];
  values: Array<number | null>;
  unit?: string;
}

function readOverlay(frame: DataFrame): OverlayFrame | undefined {
  const time = frame.fields.find((f) => f.type === FieldType.time);
  const value = frame.fields.find((f) => f.type === FieldType.number && f.labels?.[OVERLAY_ROLE_LABEL] !== undefined);
  const role = value?.labels?.[OVERLAY_ROLE_LABEL];
  if (!time || !value || (role !== OVERLAY_ROLES.target && role !== OVERLAY_ROLES.candidate)) {
    return undefined;
  }
  const times: number[] = [];
  const values: Array<number | null> = [];
  for (let i = 0; i < frame.length; i++) {
    const t = num(time.values[i]);
    if (t !== null) {
      times.push(t);
      values.push(num(value.values[i]));
    }
  }
  const rankText = value.labels?.[OVERLAY_RANK_LABEL];
  const rank = rankText === undefined ? null : Number(rankText);
  const unit = value.config?.unit || undefined;
  return { role, rank: Number.isFinite(rank) ? rank : null, refId: frame.refId, times, values, unit };
}

function readMeta(frame: DataFrame): { meta: CorrelationsMeta; target?: string; from?: number; to?: number } {
  const c = (frame.meta?.custom ?? {}) as Record<string, unknown>;
  const text = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);
  const n = (v: unknown) => num(v) ?? undefined;
  return {
    meta: {
      method: text(c.method),
      preprocess: text(c.preprocess),
      stepMs: n(c.stepMs),
      maxLagSeconds: n(c.maxLagSeconds),
      candidates: n(c.candidates),
      noClearCause: c.noClearCause === true ? true : undefined,
    },
    target: text(c.target),
    from: n(c.windowFromMs),
    to: n(c.windowToMs),
  };
}

function direction(v: unknown, score: number | null): Direction {
  if (v === 'with' || v === 'against') {
    return v;
  }
  // Older or hand-built frames without the field: the sign says it (the contract leaves it empty without a score).
  return score === null || score === 0 ? '' : score > 0 ? 'with' : 'against';
}

function readRows(frame: DataFrame): CorrelationRow[] {
  const field = (name: string) => byName(frame, name)?.values;
  const rank = field(F.rank);
  const series = field(F.series);
  const labels = field(F.labels);
  const score = field(F.score);
  const lag = field(F.lagSeconds);
  const dir = field(F.direction);
  const overlap = field(F.overlap);
  const explore = field(F.exploreExpr);
  const significant = field(F.significant);
  const family = field(F.family);
  const change = field(F.change);
  const pValue = field(F.pValue);
  const explainedBy = field(F.explainedBy);
  const corroboration = field(F.corroboration);
  const rows: CorrelationRow[] = [];
  for (let i = 0; i < frame.length; i++) {
    const s = num(score?.[i]);
    const r: CorrelationRow = {
      // A missing rank keeps the frame's order (it is written best first).
      rank: num(rank?.[i]) ?? i + 1,
      series: str(series?.[i]),
      labels: str(labels?.[i]),
      score: s,
      lagSeconds: num(lag?.[i]),
      direction: direction(dir?.[i], s),
      overlap: num(overlap?.[i]),
      exploreExpr: str(explore?.[i]),
      searchText: '',
      // 0 or false mutes; a missing field or value does not.
      significant: !(significant?.[i] === 0 || significant?.[i] === false),
      family: family?.[i] === 1 || family?.[i] === true,
      change: num(change?.[i]),
      pValue: num(pValue?.[i]),
      explainedBy: str(explainedBy?.[i]),
      corroboration: num(corroboration?.[i]),
    };
    r.searchText = `${r.series} ${r.labels}`.toLowerCase();
    rows.push(r);
  }
  // Stable sort: equal ranks keep the frame's order.
  return rows.sort((a, b) => a.rank - b.rank);
}

function extentOf(times: number[]): { fromMs: number; toMs: number } | undefined {
  return times.length > 0 ? { fromMs: times[0], toMs: times[times.length - 1] } : undefined;
}

/**
 * Reads one correlations table in `frames` (the one of query `refId` when given and present, else the first) and the
 * overlay frames of the same refId. `timeRange` (epoch ms) stands in for the window when the frame's `meta.custom`
 * does not state one.
 */
export function buildCorrelationsView(
  frames: DataFrame[],
  timeRange: { fromMs: number; toMs: number },
  refId = ''
): CorrelationsViewResult {
  const tables = frames.filter(isCorrelationTable);
  if (tables.length === 0) {
    const anything = frames.some((f) => f.fields.length > 0 && f.length > 0);
    return message(anything ? 'unsuitable' : 'noData');
  }
  const chosen = refId ? tables.find((t) => t.refId === refId) : undefined;
  const table = chosen ?? tables[0];
  const rows = readRows(table);
  if (rows.length === 0) {
    return message('noRows');
  }

  const sameQuery = (f: OverlayFrame) => !table.refId || !f.refId || f.refId === table.refId;
  const overlays = frames
    .filter((f) => !isCorrelationTable(f))
    .map(readOverlay)
    .filter((o): o is OverlayFrame => o !== undefined && sameQuery(o));
  const targetFrame = overlays.find((o) => o.role === OVERLAY_ROLES.target);
  const byRank = new Map<number, OverlayFrame>();
  for (const o of overlays) {
    if (o.role === OVERLAY_ROLES.candidate && o.rank !== null && !byRank.has(o.rank)) {
      byRank.set(o.rank, o);
    }
  }
  for (const row of rows) {
    const o = byRank.get(row.rank);
    if (o) {
      row.overlay = { ...overlayLine(o.times, o.values, { shiftMs: (row.lagSeconds ?? 0) * 1000 }), unit: o.unit };
    }
  }

  const { meta, target, from, to } = readMeta(table);
  const window =
    from !== undefined && to !== undefined && to >= from
      ? { fromMs: from, toMs: to, source: 'frame' as const }
      : { ...timeRange, source: 'timeRange' as const };
  const targetOverlay = targetFrame
    ? { ...overlayLine(targetFrame.times, targetFrame.values), unit: targetFrame.unit }
    : undefined;
  const range = (targetFrame && extentOf(targetFrame.times)) ?? { fromMs: window.fromMs, toMs: window.toMs };

  return {
    kind: 'ranking',
    refId: table.refId,
    target: { name: target ?? 'target', overlay: targetOverlay },
    window,
    range,
    meta,
    rows,
    ignoredTables: tables.length - 1,
    otherRefIds: tables.filter((t) => t !== table).map((t) => t.refId ?? ''),
    missingRefId: refId && !chosen ? refId : undefined,
  };
}
