import { DataFrame, Field, FieldType, formatLabels, getFieldDisplayName, Labels } from '@grafana/data';
import { OUTPUT_FIELDS, OUTPUT_LABEL } from '../../../shared/frameConventions';

/** One numeric series found in the panel's frames, with its time axis in epoch milliseconds. */
export interface SeriesCandidate {
  name: string;
  times: number[];
  /** Raw values; `null` where the frame had null, NaN or a non-number. */
  values: Array<number | null>;
  /** The field's unit (Grafana value format id, e.g. `ms`, `percent`), when the frame or panel set one. */
  unit?: string;
  /**
   * Present when the result also carried the Anomaly Lens `decomposition` output for this series (fields
   * `trend`, `seasonal`, `remainder`, see src/shared/frameConventions.ts), aligned to `times`.
   */
  components?: { trend: Array<number | null>; seasonal: Array<number | null>; remainder: Array<number | null> };
}

export interface FindSeriesResult {
  series: SeriesCandidate[];
  /** Frames that had rows and numbers but no time field: reported so the panel can say why nothing is drawn. */
  framesWithoutTime: number;
}

type Component = 'trend' | 'seasonal' | 'remainder';
const COMPONENTS: Component[] = ['trend', 'seasonal', 'remainder'];

interface Column {
  times: number[];
  values: Array<number | null>;
}

interface Group {
  name?: string;
  unit?: string;
  observed?: Column;
  parts: Partial<Record<Component, Column>>;
  labels: Labels;
  refId?: string;
}

const toNumberOrNull = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

function withoutOutputLabel(labels: Labels | undefined): Labels {
  const { [OUTPUT_LABEL]: _drop, ...rest } = labels ?? {};
  return rest;
}

/** A decomposition field: named after a component and marked as such by the label or by its frame. */
function componentOf(field: Field, frame: DataFrame): Component | undefined {
  const c = COMPONENTS.find((name) => field.name === OUTPUT_FIELDS[name]);
  if (!c) {
    return undefined;
  }
  const marked =
    field.labels?.[OUTPUT_LABEL] === OUTPUT_FIELDS[c] ||
    (frame.meta?.custom as { output?: string } | undefined)?.output === 'decomposition' ||
    COMPONENTS.every((name) => frame.fields.some((f) => f.name === OUTPUT_FIELDS[name]));
  return marked ? c : undefined;
}

function align(target: number[], col: Column): Array<number | null> {
  const byTime = new Map<number, number | null>();
  col.times.forEach((t, i) => byTime.set(t, col.values[i]));
  return target.map((t) => byTime.get(t) ?? null);
}

/**
 * Collects every numeric series from time-series frames (wide or one-value-per-frame), in frame order.
 * Anomaly Lens outputs other than the raw series (band, flag, score, …) are skipped; `trend`/`seasonal`/`remainder`
 * are attached to the series with the same refId and labels. Rows are sorted by time; rows without a valid time
 * are dropped.
 */
export function findSeries(frames: DataFrame[]): FindSeriesResult {
  const groups = new Map<string, Group>();
  let framesWithoutTime = 0;
  const group = (key: string, init: () => Group) => {
    let g = groups.get(key);
    if (!g) {
      g = init();
      groups.set(key, g);
    }
    return g;
  };

  let duplicates = 0;
  frames.forEach((frame, frameIndex) => {
    const numberFields = frame.fields.filter((f) => f.type === FieldType.number);
    if (numberFields.length === 0 || frame.length === 0) {
      return;
    }
    const timeField = frame.fields.find((f) => f.type === FieldType.time);
    if (!timeField) {
      framesWithoutTime++;
      return;
    }
    const rawTimes = Array.from(timeField.values as ArrayLike<unknown>, (t) =>
      typeof t === 'number' ? t : Date.parse(String(t))
    );
    const order = rawTimes
      .map((t, i) => ({ t, i }))
      .filter((r) => Number.isFinite(r.t))
      .sort((a, b) => a.t - b.t)
      .map((r) => r.i);
    const times = order.map((i) => rawTimes[i]);
    const column = (f: Field): Column => {
      const vals = f.values as ArrayLike<unknown>;
      return { times, values: order.map((i) => toNumberOrNull(vals[i])) };
    };

    const frameHasComponents = numberFields.some((f) => componentOf(f, frame));
    numberFields.forEach((field, fieldIndex) => {
      const output = field.labels?.[OUTPUT_LABEL];
      const component = componentOf(field, frame);
      if (output !== undefined && output !== OUTPUT_FIELDS.raw && !component) {
        return; // band, flag, score, forecast, …: not a series to decompose
      }
      const labels = withoutOutputLabel(field.labels);
      // Series identity: refId + labels. Without labels, Lens outputs of one query belong together (the query
      // had one series); any other unlabelled field is its own series.
      const identity =
        Object.keys(labels).length > 0
          ? formatLabels(labels)
          : output !== undefined || component || frameHasComponents
            ? ''
            : `#${frameIndex}.${fieldIndex}`;
      const key = `${frame.refId ?? ''}|${identity}`;
      const init = (): Group => ({ parts: {}, labels, refId: frame.refId });
      if (component) {
        group(key, init).parts[component] = column(field);
        return;
      }
      let g = group(key, init);
      if (g.observed) {
        g = group(`${key}|${duplicates++}`, init); // same labels twice in one result: keep both, apart
      }
      g.observed = column(field);
      g.unit = field.config?.unit || undefined;
      // A Lens field with the output label: Grafana's display name would repeat the metric and list lens_output,
      // because the frame's other fields differ only by that label; name it by metric and series labels instead.
      g.name =
        output !== undefined
          ? (field.config?.displayNameFromDS ?? field.config?.displayName ?? `${field.name}${formatLabels(labels)}`)
          : getFieldDisplayName(field, frame, frames);
    });
  });

  const series: SeriesCandidate[] = [];
  for (const g of groups.values()) {
    const { trend, seasonal, remainder } = g.parts;
    const complete = trend && seasonal && remainder;
    if (g.observed) {
      series.push({
        name: g.name ?? 'series',
        times: g.observed.times,
        values: g.observed.values,
        unit: g.unit,
        components: complete
          ? {
              trend: align(g.observed.times, trend),
              seasonal: align(g.observed.times, seasonal),
              remainder: align(g.observed.times, remainder),
            }
          : undefined,
      });
    } else if (complete) {
      // Only the decomposition was asked for: observed is the sum of its parts by definition of STL.
      const s = align(trend.times, seasonal);
      const r = align(trend.times, remainder);
      const values = trend.values.map((t, i) =>
        t === null || s[i] === null || r[i] === null ? null : t + s[i]! + r[i]!
      );
      const labelText = formatLabels(g.labels);
      series.push({
        name: labelText || g.refId || 'series',
        times: trend.times,
        values,
        components: { trend: trend.values, seasonal: s, remainder: r },
      });
    } else {
      for (const c of COMPONENTS) {
        const col = g.parts[c];
        if (col) {
          series.push({ name: `${c} ${formatLabels(g.labels)}`.trim(), times: col.times, values: col.values });
        }
      }
    }
  }
  return { series, framesWithoutTime };
}
