/**
 * The table frame of an `anomalyWindows` query (src/shared/queryTypes.ts): one row per window, sorted by start
 * time, in the field names Grafana maps to annotations by default. Zero windows is an empty frame with the fields.
 */
import { ANOMALY_WINDOW_FRAME } from '../../shared/queryTypes';
import type { Frame, FrameMeta } from './frame';

export interface AnomalyWindowRow {
  timeMs: number;
  timeEndMs: number;
  title: string;
  text: string;
  /** Joined with commas. */
  tags: string[];
  series: string;
  score: number;
  value: number;
  expected: number;
}

export function anomalyWindowFrame(refId: string, rows: AnomalyWindowRow[], meta: FrameMeta): Frame {
  const f = ANOMALY_WINDOW_FRAME.fields;
  const sorted = [...rows].sort(
    (a, b) => a.timeMs - b.timeMs || (a.series < b.series ? -1 : a.series > b.series ? 1 : 0)
  );
  return {
    name: ANOMALY_WINDOW_FRAME.name,
    refId,
    meta,
    fields: [
      { name: f.time, type: 'time', values: sorted.map((r) => r.timeMs) },
      { name: f.timeEnd, type: 'time', values: sorted.map((r) => r.timeEndMs) },
      { name: f.title, type: 'string', values: sorted.map((r) => r.title) },
      { name: f.text, type: 'string', values: sorted.map((r) => r.text) },
      { name: f.tags, type: 'string', values: sorted.map((r) => r.tags.join(',')) },
      { name: f.series, type: 'string', values: sorted.map((r) => r.series) },
      { name: f.score, type: 'number', values: sorted.map((r) => r.score) },
      { name: f.value, type: 'number', values: sorted.map((r) => r.value) },
      { name: f.expected, type: 'number', values: sorted.map((r) => r.expected) },
    ],
  };
}
