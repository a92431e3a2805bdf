/**
 * Reads the table frame of an `anomalyWindows` query (src/shared/queryTypes.ts) into plain windows, for the
 * editor's preview and for annotation events. Frames of other shapes are ignored, so a mixed response is fine.
 */
import { DataFrame, Field } from '@grafana/data';
import { ANOMALY_WINDOW_FRAME } from '../../shared/queryTypes';

export interface AnomalyWindow {
  fromMs: number;
  toMs: number;
  title: string;
  text: string;
  tags: string[];
  series: string;
  /** Peak signed score in σ units; NaN when absent. */
  score: number;
}

const F = ANOMALY_WINDOW_FRAME.fields;

function valueAt(field: Field | undefined, i: number): unknown {
  return field ? (field.values as ArrayLike<unknown>)[i] : undefined;
}

function timeOf(v: unknown): number {
  if (typeof v === 'number') {
    return v;
  }
  if (typeof v === 'string') {
    return Date.parse(v);
  }
  if (v instanceof Date) {
    return v.getTime();
  }
  return NaN;
}

export function isAnomalyWindowFrame(frame: DataFrame): boolean {
  return frame.name === ANOMALY_WINDOW_FRAME.name && frame.fields.some((f) => f.name === F.time);
}

export function readAnomalyWindows(frames: DataFrame[]): AnomalyWindow[] {
  const out: AnomalyWindow[] = [];
  for (const frame of frames) {
    if (!isAnomalyWindowFrame(frame)) {
      continue;
    }
    const field = (name: string) => frame.fields.find((f) => f.name === name);
    const [time, timeEnd, title, text, tags, series, score] = [
      F.time,
      F.timeEnd,
      F.title,
      F.text,
      F.tags,
      F.series,
      F.score,
    ].map(field);
    for (let i = 0; i < frame.length; i++) {
      const fromMs = timeOf(valueAt(time, i));
      if (!Number.isFinite(fromMs)) {
        continue;
      }
      const end = timeOf(valueAt(timeEnd, i));
      const s = valueAt(score, i);
      out.push({
        fromMs,
        toMs: Number.isFinite(end) ? end : fromMs,
        title: String(valueAt(title, i) ?? ''),
        text: String(valueAt(text, i) ?? ''),
        tags: String(valueAt(tags, i) ?? '')
          .split(',')
          .map((t) => t.trim())
          .filter((t) => t !== ''),
        series: String(valueAt(series, i) ?? ''),
        score: typeof s === 'number' ? s : NaN,
      });
    }
  }
  return out.sort((a, b) => a.fromMs - b.fromMs);
}
