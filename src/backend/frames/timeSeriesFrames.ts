/**
 * Builds dataplane `timeseries-multi` frames (typeVersion [0,1]): one frame per series, each [time, value] with the
 * series labels on the value field (docs/protocol.md §5.4–5.5; grafana dataplane contract).
 * Label sets must be unique per refId; a duplicate is a programming error and throws.
 */
import { LEGEND_AUTO } from '../../shared/legendAuto';
import { Frame, FrameMeta, TIMESERIES_MULTI } from './frame';

export interface SeriesInput {
  /** Value field name (the metric name). */
  name: string;
  labels: Record<string, string>;
  timestamps: ArrayLike<number>;
  values: ArrayLike<number | null>;
  unit?: string;
  /** Value field `config.displayNameFromDS`. */
  displayName?: string;
}

export interface TimeSeriesFramesOptions {
  refId: string;
  /** Expected step in ms (time field `config.interval`). */
  intervalMs?: number;
  executedQueryString?: string;
  notices?: FrameMeta['notices'];
}

function labelKey(labels: Record<string, string>): string {
  return JSON.stringify(
    Object.keys(labels)
      .sort()
      .map((k) => [k, labels[k]])
  );
}

function frameName(name: string, labels: Record<string, string>): string {
  const parts = Object.keys(labels)
    .sort()
    .map((k) => `${k}="${labels[k]}"`);
  return parts.length ? `${name}{${parts.join(', ')}}` : name;
}

export function timeSeriesFrames(series: SeriesInput[], options: TimeSeriesFramesOptions): Frame[] {
  const meta: FrameMeta = { ...TIMESERIES_MULTI };
  if (options.executedQueryString) {
    meta.executedQueryString = options.executedQueryString;
  }
  if (options.notices?.length) {
    meta.notices = options.notices;
  }
  if (series.length === 0) {
    // Dataplane "no data": one typed frame with no fields.
    return [{ name: '', refId: options.refId, meta, fields: [] }];
  }
  const seen = new Set<string>();
  return series.map((s) => {
    const key = `${s.name}|${labelKey(s.labels)}`;
    if (seen.has(key)) {
      throw new Error(`duplicate series ${frameName(s.name, s.labels)} in query ${options.refId}`);
    }
    seen.add(key);
    const valueConfig: Record<string, unknown> = {};
    if (s.unit) {
      valueConfig.unit = s.unit;
    }
    if (s.displayName) {
      valueConfig.displayNameFromDS = s.displayName;
    }
    return {
      name: frameName(s.name, s.labels),
      refId: options.refId,
      meta,
      fields: [
        {
          name: 'time',
          type: 'time',
          values: s.timestamps,
          config: options.intervalMs ? { interval: options.intervalMs } : undefined,
        },
        { name: s.name, type: 'number', values: s.values, labels: s.labels, config: valueConfig },
      ],
    };
  });
}

/**
 * Longest series name a legend or the label set makes (characters; longer ones end in `…`). A legend repeating
 * `{{label}}` over long label values once built names of megabytes for every series and every output field.
 */
export const MAX_DISPLAY_NAME_CHARS = 1000;

/** Cuts a series name to MAX_DISPLAY_NAME_CHARS, never inside a surrogate pair. */
export function cutDisplayName(name: string): string {
  if (name.length <= MAX_DISPLAY_NAME_CHARS) {
    return name;
  }
  const last = name.charCodeAt(MAX_DISPLAY_NAME_CHARS - 1);
  const end = last >= 0xd800 && last <= 0xdbff ? MAX_DISPLAY_NAME_CHARS - 1 : MAX_DISPLAY_NAME_CHARS;
  return `${name.slice(0, end)}…`;
}

/**
 * `{{label}}` → the label's value (missing labels → empty), like Prometheus legend formats. The expansion stops
 * once the name is past MAX_DISPLAY_NAME_CHARS, so its cost is bounded whatever the legend and the labels.
 * `LEGEND_AUTO` names the series by its labels without the metric name (one label: its value; none: `name`).
 */
export function applyLegendFormat(format: string, labels: Record<string, string>, name = ''): string {
  if (format === LEGEND_AUTO) {
    return autoDisplayName(labels, name);
  }
  const placeholder = /\{\{\s*([a-zA-Z_][a-zA-Z0-9_]*)\s*\}\}/g;
  let out = '';
  let last = 0;
  let m: RegExpExecArray | null;
  while (out.length <= MAX_DISPLAY_NAME_CHARS && (m = placeholder.exec(format)) !== null) {
    out += format.slice(last, m.index) + (labels[m[1]] ?? '');
    last = placeholder.lastIndex;
  }
  if (out.length <= MAX_DISPLAY_NAME_CHARS) {
    out += format.slice(last);
  }
  return cutDisplayName(out);
}

function autoDisplayName(labels: Record<string, string>, name: string): string {
  const keys = Object.keys(labels)
    .filter((k) => k !== '__name__')
    .sort();
  if (keys.length === 0) {
    return cutDisplayName(name || labels.__name__ || '');
  }
  if (keys.length === 1) {
    return cutDisplayName(labels[keys[0]]);
  }
  return cutDisplayName(`{${keys.map((k) => `${k}="${labels[k]}"`).join(', ')}}`);
}
