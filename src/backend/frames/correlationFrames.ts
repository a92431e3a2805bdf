/**
 * Frames of a `correlations` query (shapes in src/shared/queryTypes.ts): the ranking as one table frame, then
 * overlay time series of the target and the best candidates over the analysed range.
 */
import { CORRELATION_FRAME, OVERLAY_RANK_LABEL, OVERLAY_ROLE_LABEL, OVERLAY_ROLES } from '../../shared/queryTypes';
import type {
  CorrelationFamily,
  CorrelationMethod,
  CorrelationPreprocess,
  CorrelationRank,
} from '../../shared/queryModel';
import { Frame, FrameMeta, TIMESERIES_MULTI } from './frame';
import { labelSetText } from '../upstreams/prometheus/labelSetText';

/** One ranked candidate, best first. */
export interface CorrelationRow {
  displayName: string;
  labels: Record<string, string>;
  /** NaN when undefined (written as null). */
  score: number;
  lagSeconds: number;
  overlap: number;
  exploreExpr: string;
  /** The value rows are ordered by (NaN → null). */
  causeScore: number;
  /** NaN → null. */
  change: number;
  leads: boolean;
  /** NaN → null. */
  pValue: number;
  significant: boolean;
  family: boolean;
  /** The callee whose service was ranked before this row's in its stead (service graph); empty when none. */
  explainedBy: string;
  /** What the other measurements of the row's service added to `causeScore` (0 without a service). */
  corroboration: number;
}

export interface OverlaySeries {
  displayName: string;
  labels: Record<string, string>;
  unit?: string;
  values: ArrayLike<number>;
}

export interface CorrelationFramesInput {
  refId: string;
  rows: CorrelationRow[];
  /** Rows written to the table (the rest are counted in `meta.custom.candidates`). */
  limit: number;
  /** Candidates (best first) that also get an overlay frame. */
  overlays: number;
  target: OverlaySeries;
  /** Overlay series per row, in row order (only the first `overlays` are read). */
  candidateSeries: (index: number) => OverlaySeries;
  /** Analysed range timestamps (window plus context) shared by the overlays. */
  timestamps: ArrayLike<number>;
  custom: {
    windowFromMs: number;
    windowToMs: number;
    stepMs: number;
    method: CorrelationMethod;
    preprocess: CorrelationPreprocess;
    rank: CorrelationRank;
    family: CorrelationFamily;
    /** Nothing outside the target's family passed the significance control. */
    noClearCause: boolean;
    maxLagSeconds: number;
    /** What service graph the ranking used: `off`, `none (…)`, `<n> edges`, `not used (…)`. */
    serviceGraph: string;
  };
  executedQueryString: string;
  notices: string[];
}

const orNull = (v: number) => (Number.isFinite(v) ? v : null);

function directionText(score: number): string {
  return score > 0 ? 'with' : score < 0 ? 'against' : '';
}

export function correlationFrames(input: CorrelationFramesInput): Frame[] {
  const f = CORRELATION_FRAME.fields;
  const rows = input.rows.slice(0, input.limit);
  const meta: FrameMeta = {
    preferredVisualisationType: 'table',
    executedQueryString: input.executedQueryString,
    custom: {
      target: input.target.displayName,
      ...input.custom,
      candidates: input.rows.length,
    },
  };
  if (input.notices.length) {
    meta.notices = input.notices.map((text) => ({ severity: 'warning', text }));
  }
  const table: Frame = {
    name: CORRELATION_FRAME.name,
    refId: input.refId,
    meta,
    fields: [
      { name: f.rank, type: 'number', values: rows.map((_, i) => i + 1) },
      { name: f.series, type: 'string', values: rows.map((r) => r.displayName) },
      { name: f.labels, type: 'string', values: rows.map((r) => labelSetText(r.labels)) },
      {
        name: f.score,
        type: 'number',
        values: rows.map((r) => (Number.isFinite(r.score) ? r.score : null)),
        config: { min: -1, max: 1, decimals: 3 },
      },
      { name: f.lagSeconds, type: 'number', values: rows.map((r) => r.lagSeconds), config: { unit: 's' } },
      { name: f.direction, type: 'string', values: rows.map((r) => directionText(r.score)) },
      { name: f.overlap, type: 'number', values: rows.map((r) => r.overlap) },
      { name: f.exploreExpr, type: 'string', values: rows.map((r) => r.exploreExpr) },
      {
        name: f.causeScore,
        type: 'number',
        values: rows.map((r) => orNull(r.causeScore)),
        config: { decimals: 2 },
      },
      { name: f.change, type: 'number', values: rows.map((r) => orNull(r.change)), config: { decimals: 1 } },
      { name: f.leads, type: 'number', values: rows.map((r) => (r.leads ? 1 : 0)) },
      { name: f.pValue, type: 'number', values: rows.map((r) => orNull(r.pValue)), config: { min: 0, max: 1 } },
      { name: f.significant, type: 'number', values: rows.map((r) => (r.significant ? 1 : 0)) },
      { name: f.family, type: 'number', values: rows.map((r) => (r.family ? 1 : 0)) },
      { name: f.explainedBy, type: 'string', values: rows.map((r) => r.explainedBy) },
      {
        name: f.corroboration,
        type: 'number',
        values: rows.map((r) => r.corroboration),
        config: { decimals: 2 },
      },
    ],
  };
  const overlay = (s: OverlaySeries, extra: Record<string, string>): Frame => ({
    name: s.displayName,
    refId: input.refId,
    meta: { ...TIMESERIES_MULTI },
    fields: [
      { name: 'time', type: 'time', values: input.timestamps, config: { interval: input.custom.stepMs } },
      {
        name: 'value',
        type: 'number',
        values: s.values,
        labels: { ...s.labels, ...extra },
        config: s.unit ? { unit: s.unit, displayNameFromDS: s.displayName } : { displayNameFromDS: s.displayName },
      },
    ],
  });
  const frames = [table, overlay(input.target, { [OVERLAY_ROLE_LABEL]: OVERLAY_ROLES.target })];
  const count = Math.min(input.overlays, rows.length);
  for (let i = 0; i < count; i++) {
    frames.push(
      overlay(input.candidateSeries(i), {
        [OVERLAY_ROLE_LABEL]: OVERLAY_ROLES.candidate,
        [OVERLAY_RANK_LABEL]: String(i + 1),
      })
    );
  }
  return frames;
}
