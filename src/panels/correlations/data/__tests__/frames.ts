import { DataFrame, FieldType, toDataFrame } from '@grafana/data';
import {
  CORRELATION_FRAME,
  OVERLAY_RANK_LABEL,
  OVERLAY_ROLE_LABEL,
  OVERLAY_ROLES,
} from '../../../../shared/queryTypes';

/**
 * Test factories for `correlations` query results, shaped exactly as CONTRACT.md / src/shared/queryTypes.ts
 * say the backend writes them (table fields in the listed order, meta.custom, overlay labels). Neutral
 * defaults; fixed instants (2026-01-01T00:00Z, one-minute steps).
 */
export const T0 = Date.UTC(2026, 0, 1);
export const MINUTE = 60 * 1000;

export interface RowSpec {
  rank: number;
  series: string;
  labels: string;
  score: number | null;
  lagSeconds: number;
  direction: string;
  overlap: number;
  exploreExpr: string;
  /** Fields of the cause ranking; written only when some row sets them (older frames lack them). */
  causeScore?: number;
  change?: number | null;
  pValue?: number;
  significant?: number;
  family?: number;
  /** Written only when some row sets it (frames before the corroboration by service lack it). */
  corroboration?: number;
  /** Written only when some row sets it (frames before the service graph lack it). */
  explainedBy?: string;
}

/** Row `rank` with a name and expr derived from it and a score that falls with the rank. */
export function rowSpec(rank: number, over: Partial<RowSpec> = {}): RowSpec {
  const score = over.score !== undefined ? over.score : Math.round((0.99 - rank * 0.0001) * 1e4) / 1e4;
  return {
    rank,
    series: `metric_${rank}`,
    labels: `{__name__="metric_${rank}", host="h${rank % 7}"}`,
    score,
    lagSeconds: 0,
    direction: score === null ? '' : score >= 0 ? 'with' : 'against',
    overlap: 60,
    exploreExpr: `metric_${rank}{host="h${rank % 7}"}`,
    ...over,
  };
}

export interface CustomSpec {
  target: string;
  windowFromMs: number;
  windowToMs: number;
  stepMs: number;
  method: string;
  preprocess: string;
  maxLagSeconds: number;
  candidates: number;
  noClearCause: boolean;
}

export function correlationFrame(rows: RowSpec[], custom: Partial<CustomSpec> = {}, refId = 'A'): DataFrame {
  const F = CORRELATION_FRAME.fields;
  const col = <K extends keyof RowSpec>(k: K) => rows.map((r) => r[k]);
  return toDataFrame({
    name: CORRELATION_FRAME.name,
    refId,
    meta: {
      preferredVisualisationType: 'table',
      custom: {
        target: 'checkout latency',
        windowFromMs: T0 + 30 * MINUTE,
        windowToMs: T0 + 60 * MINUTE,
        stepMs: MINUTE,
        method: 'pearson',
        preprocess: 'difference',
        maxLagSeconds: 600,
        candidates: rows.length,
        ...custom,
      },
    },
    fields: [
      { name: F.rank, type: FieldType.number, values: col('rank') },
      { name: F.series, type: FieldType.string, values: col('series') },
      { name: F.labels, type: FieldType.string, values: col('labels') },
      { name: F.score, type: FieldType.number, values: col('score') },
      { name: F.lagSeconds, type: FieldType.number, values: col('lagSeconds') },
      { name: F.direction, type: FieldType.string, values: col('direction') },
      { name: F.overlap, type: FieldType.number, values: col('overlap') },
      { name: F.exploreExpr, type: FieldType.string, values: col('exploreExpr') },
      ...(['causeScore', 'change', 'pValue', 'significant', 'family', 'corroboration'] as const)
        .filter((k) => rows.some((r) => r[k] !== undefined))
        .map((k) => ({ name: F[k], type: FieldType.number, values: rows.map((r) => r[k] ?? null) })),
      ...(rows.some((r) => r.explainedBy !== undefined)
        ? [{ name: F.explainedBy, type: FieldType.string, values: rows.map((r) => r.explainedBy ?? '') }]
        : []),
    ],
  });
}

export function minuteTimes(n: number, start = T0): number[] {
  return Array.from({ length: n }, (_, i) => start + i * MINUTE);
}

/** An overlay frame: one time field and one `value` field whose labels carry the role (and rank). */
export function overlayFrame(
  values: Array<number | null>,
  opts: { rank?: number; labels?: Record<string, string>; times?: number[]; refId?: string } = {}
): DataFrame {
  const labels: Record<string, string> = {
    ...(opts.labels ?? {}),
    [OVERLAY_ROLE_LABEL]: opts.rank === undefined ? OVERLAY_ROLES.target : OVERLAY_ROLES.candidate,
  };
  if (opts.rank !== undefined) {
    labels[OVERLAY_RANK_LABEL] = String(opts.rank);
  }
  return toDataFrame({
    refId: opts.refId ?? 'A',
    fields: [
      { name: 'time', type: FieldType.time, values: opts.times ?? minuteTimes(values.length) },
      { name: 'value', type: FieldType.number, values, labels },
    ],
  });
}

/** A smooth bump centred at `centre` (index), so lags are visible: deterministic, no noise. */
export function bump(n: number, centre: number, width = 5, level = 10): number[] {
  return Array.from({ length: n }, (_, i) => level + Math.exp(-((i - centre) ** 2) / (2 * width * width)));
}

/** A full correlations response: the table of `n` rows, the target overlay and overlays for the first `overlays`. */
export function correlationsResponse(n: number, overlays = 3): DataFrame[] {
  const rows = Array.from({ length: n }, (_, i) => rowSpec(i + 1, { lagSeconds: i === 0 ? 120 : 0 }));
  const frames = [correlationFrame(rows)];
  frames.push(overlayFrame(bump(90, 45), { labels: { service: 'checkout' } }));
  for (let r = 1; r <= Math.min(overlays, n); r++) {
    frames.push(overlayFrame(bump(90, r === 1 ? 43 : 45), { rank: r, labels: { host: `h${r % 7}` } }));
  }
  return frames;
}
