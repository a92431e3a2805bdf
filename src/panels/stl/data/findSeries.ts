import { DataFrame, Field, FieldType, getFieldDisplayName } from '@grafana/data';
import { decompositionFieldNames, isDecompositionFieldName } from './decompositionFieldNames';

/** One numeric series found in the panel's frames, with its time axis in epoch milliseconds. */
export interface SeriesCandidate {
  name: string;
  times: number[];
  /** Raw values; `null` where the frame had null, NaN or a non-number. */
  values: Array<number | null>;
  /** Present when the frame also carried trend, seasonal and remainder fields (see `decompositionFieldNames`). */
  components?: { trend: Array<number | null>; seasonal: Array<number | null>; remainder: Array<number | null> };
}

export interface FindSeriesResult {
  series: SeriesCandidate[];
  /** Frames that had rows and numbers but no time field: reported so the panel can say why nothing is drawn. */
  framesWithoutTime: number;
}

const toNumberOrNull = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

const fieldValues = (field: Field): unknown[] => Array.from(field.values as ArrayLike<unknown>);

/**
 * Collects every numeric series (one per numeric field) from time-series frames, in frame order.
 * Rows are sorted by time when a frame is not already ascending; rows without a valid time are dropped.
 */
export function findSeries(frames: DataFrame[]): FindSeriesResult {
  const series: SeriesCandidate[] = [];
  let framesWithoutTime = 0;

  for (const frame of frames) {
    const numberFields = frame.fields.filter((f) => f.type === FieldType.number);
    if (numberFields.length === 0 || frame.length === 0) {
      continue;
    }
    const timeField = frame.fields.find((f) => f.type === FieldType.time);
    if (!timeField) {
      framesWithoutTime++;
      continue;
    }

    const rawTimes = fieldValues(timeField).map((t) => (typeof t === 'number' ? t : Date.parse(String(t))));
    const order = rawTimes
      .map((t, i) => ({ t, i }))
      .filter((r) => Number.isFinite(r.t))
      .sort((a, b) => a.t - b.t)
      .map((r) => r.i);
    const times = order.map((i) => rawTimes[i]);
    const pick = (f: Field) => {
      const vals = fieldValues(f);
      return order.map((i) => toNumberOrNull(vals[i]));
    };

    const byName = (name: string) => numberFields.find((f) => f.name === name);
    const trend = byName(decompositionFieldNames.trend);
    const seasonal = byName(decompositionFieldNames.seasonal);
    const remainder = byName(decompositionFieldNames.remainder);
    const hasComponents = Boolean(trend && seasonal && remainder);

    for (const field of numberFields) {
      if (hasComponents && isDecompositionFieldName(field.name)) {
        continue;
      }
      series.push({
        name: getFieldDisplayName(field, frame, frames),
        times,
        values: pick(field),
        components: hasComponents
          ? { trend: pick(trend!), seasonal: pick(seasonal!), remainder: pick(remainder!) }
          : undefined,
      });
    }
  }
  return { series, framesWithoutTime };
}
