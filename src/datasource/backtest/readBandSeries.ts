/**
 * Reads the frames of an analysis query with the `raw` and `band` outputs (src/shared/frameConventions.ts: one
 * value field per frame, told apart by OUTPUT_LABEL) into one record per series: its values and its expected value
 * and band on the raw series' time axis. What the backtest preview's sparkline draws. Other frames are ignored.
 *
 * NaN policy: null, NaN and non-numbers become NaN; a band point missing at a raw time is NaN (a gap is drawn).
 */
import { DataFrame, Field, FieldType, formatLabels, Labels } from '@grafana/data';
import { OUTPUT_FIELDS, OUTPUT_LABEL } from '../../shared/frameConventions';

export interface BandSeries {
  /** The series' display name as the backend gives it (the same name backtest firings carry). */
  name: string;
  times: number[];
  values: Float64Array;
  expected: Float64Array;
  lower: Float64Array;
  upper: Float64Array;
}

type Part = 'values' | 'expected' | 'lower' | 'upper';
const PART_OF: Record<string, Part> = {
  [OUTPUT_FIELDS.raw]: 'values',
  [OUTPUT_FIELDS.expected]: 'expected',
  [OUTPUT_FIELDS.lower]: 'lower',
  [OUTPUT_FIELDS.upper]: 'upper',
};

interface Column {
  times: number[];
  values: unknown[];
  field: Field;
}

function toMs(t: unknown): number {
  return typeof t === 'number' ? t : t instanceof Date ? t.getTime() : Date.parse(String(t));
}

function withoutOutput(labels: Labels | undefined): Labels {
  const { [OUTPUT_LABEL]: _output, ...rest } = labels ?? {};
  return rest;
}

export function readBandSeries(frames: DataFrame[]): BandSeries[] {
  const groups = new Map<string, Partial<Record<Part, Column>>>();
  for (const frame of frames) {
    const time = frame.fields.find((f) => f.type === FieldType.time);
    if (!time) {
      continue;
    }
    const times = Array.from(time.values as ArrayLike<unknown>, toMs);
    for (const field of frame.fields) {
      const output = field.labels?.[OUTPUT_LABEL];
      const part = field.type === FieldType.number && output !== undefined ? PART_OF[output] : undefined;
      if (!part) {
        continue;
      }
      const key = `${frame.refId ?? ''}|${formatLabels(withoutOutput(field.labels))}`;
      const group = groups.get(key) ?? {};
      group[part] = { times, values: Array.from(field.values as ArrayLike<unknown>), field };
      groups.set(key, group);
    }
  }
  const out: BandSeries[] = [];
  for (const g of groups.values()) {
    const raw = g.values;
    if (!raw) {
      continue;
    }
    const order = raw.times
      .map((t, i) => ({ t, i }))
      .filter((r) => Number.isFinite(r.t))
      .sort((a, b) => a.t - b.t);
    const times = order.map((r) => r.t);
    const aligned = (col: Column | undefined) => {
      const byTime = new Map<number, unknown>();
      col?.times.forEach((t, i) => byTime.set(t, col.values[i]));
      return Float64Array.from(times, (t) => {
        const v = byTime.get(t);
        return typeof v === 'number' ? v : NaN;
      });
    };
    const labels = withoutOutput(raw.field.labels);
    out.push({
      name: raw.field.config?.displayNameFromDS ?? `${raw.field.name}${formatLabels(labels)}`,
      times,
      values: aligned(raw),
      expected: aligned(g.expected),
      lower: aligned(g.lower),
      upper: aligned(g.upper),
    });
  }
  return out;
}
