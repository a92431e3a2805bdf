/**
 * Turns the pipeline's per-series results into dataplane `timeseries-multi` v0.1 frames (one time field + one
 * float64 value field each) with the conventions of src/shared/frameConventions.ts.
 *
 * Drawing without overrides (Grafana time-series panel field config, `custom.*` keys of the graph options):
 *  - every analysis field pins its display name (`displayNameFromDS`, "<series> <field>") so references hold;
 *  - `upper` has `custom.fillBelowTo` = the display name of `lower` of the same series, fill opacity 20, line
 *    width 0; `lower` line width 0; both hidden from the legend; the same for the forecast interval;
 *  - `expected` is a thin dashed line; `forecast` a dashed line (`custom.lineStyle`);
 *  - score, fraction, time to threshold, outlier and change series go on the right axis so they do not
 *    squash the series' own scale;
 *  - `flag` draws as shaded red bars on a hidden axis centred on 0 (upper half for +1, lower for −1), i.e. as
 *    regions over the flagged spans; the raw series is named `metric{labels}` (or by the legend format).
 */
import { Field, FieldConfig, Frame, FrameMeta, TIMESERIES_MULTI } from '../frames/frame';
import { applyLegendFormat, cutDisplayName } from '../frames/timeSeriesFrames';
import {
  FIELDS_OF_OUTPUT,
  LensFrameCustomMeta,
  needsOutputLabel,
  OUTPUT_FIELDS,
  OUTPUT_LABEL,
  OutputField,
} from '../../shared/frameConventions';
import type { LensOutput } from '../../shared/queryModel';

export interface FrameSeries {
  name: string;
  labels: Record<string, string>;
  unit?: string;
  /** Visible timestamps. */
  timestamps: Float64Array;
  fields: Map<OutputField, Float64Array>;
  forecast?: { timestamps: Float64Array; point: Float64Array; lower: Float64Array; upper: Float64Array; model: string };
  custom: Omit<LensFrameCustomMeta, 'output' | 'field'>;
  notices: string[];
  /** Shown with severity info (what was done, e.g. the forecast model chosen). */
  infos?: string[];
}

export interface AnalysisFramesOptions {
  refId: string;
  outputs: LensOutput[];
  legendFormat?: string;
  stepMs: number;
  executedQueryString: string;
  /** Query-level notices (first frame). */
  notices: string[];
}

const OUTPUT_OF_FIELD = new Map<OutputField, LensOutput>();
for (const [output, names] of Object.entries(FIELDS_OF_OUTPUT) as Array<[LensOutput, readonly OutputField[]]>) {
  for (const f of names) {
    OUTPUT_OF_FIELD.set(f, output);
  }
}

const BAND_COLOR = { mode: 'fixed', fixedColor: 'rgba(138, 184, 255, 0.9)' };
const FLAG_COLOR = { mode: 'fixed', fixedColor: 'rgba(242, 73, 92, 1)' };
const RIGHT_AXIS = new Set<OutputField>([
  OUTPUT_FIELDS.score,
  OUTPUT_FIELDS.flag,
  OUTPUT_FIELDS.fractionAnomalous,
  OUTPUT_FIELDS.timeToThreshold,
  OUTPUT_FIELDS.outlier,
  OUTPUT_FIELDS.outlierScore,
  OUTPUT_FIELDS.percentChange,
  OUTPUT_FIELDS.speed,
  OUTPUT_FIELDS.acceleration,
]);
const UNIT_OF: Partial<Record<OutputField, string>> = {
  [OUTPUT_FIELDS.score]: 'none',
  [OUTPUT_FIELDS.flag]: 'none',
  [OUTPUT_FIELDS.fractionAnomalous]: 'percentunit',
  [OUTPUT_FIELDS.timeToThreshold]: 's',
  [OUTPUT_FIELDS.outlier]: 'none',
  [OUTPUT_FIELDS.outlierScore]: 'none',
  [OUTPUT_FIELDS.percentChange]: 'percent',
};
/** Fields in the series' own unit. */
const SAME_UNIT = new Set<OutputField>([
  OUTPUT_FIELDS.raw,
  OUTPUT_FIELDS.expected,
  OUTPUT_FIELDS.lower,
  OUTPUT_FIELDS.upper,
  OUTPUT_FIELDS.forecast,
  OUTPUT_FIELDS.forecastLower,
  OUTPUT_FIELDS.forecastUpper,
  OUTPUT_FIELDS.trend,
  OUTPUT_FIELDS.seasonal,
  OUTPUT_FIELDS.remainder,
]);

export function seriesDisplayName(name: string, labels: Record<string, string>, legendFormat?: string): string {
  if (legendFormat) {
    return applyLegendFormat(legendFormat, labels, name);
  }
  const parts = Object.keys(labels)
    .filter((k) => k !== '__name__')
    .sort()
    .map((k) => `${k}="${labels[k]}"`);
  return cutDisplayName(parts.length ? `${name}{${parts.join(', ')}}` : name);
}

/** Band edges of a one-sided band are ±Infinity in the core; drawn as gaps (null). */
function finiteOrNull(values: Float64Array): Float64Array {
  let infinite = false;
  for (let i = 0; i < values.length && !infinite; i++) {
    infinite = values[i] === Infinity || values[i] === -Infinity;
  }
  if (!infinite) {
    return values;
  }
  return values.map((v) => (Number.isFinite(v) ? v : NaN));
}

function fieldConfig(field: OutputField, base: string, unit: string | undefined): FieldConfig {
  const config: FieldConfig = {};
  const u = SAME_UNIT.has(field) ? unit : UNIT_OF[field];
  if (u) {
    config.unit = u;
  }
  if (field === OUTPUT_FIELDS.raw) {
    // `metric{labels}` (or the legend format) without our internal `lens_output` label.
    config.displayNameFromDS = base;
    return config;
  }
  config.displayNameFromDS = `${base} ${field}`;
  const custom: Record<string, unknown> = {};
  switch (field) {
    case OUTPUT_FIELDS.upper:
      Object.assign(custom, {
        lineWidth: 0,
        fillOpacity: 20,
        fillBelowTo: `${base} ${OUTPUT_FIELDS.lower}`,
        hideFrom: { legend: true, tooltip: false, viz: false },
      });
      config.color = BAND_COLOR;
      break;
    case OUTPUT_FIELDS.lower:
      Object.assign(custom, { lineWidth: 0, fillOpacity: 0, hideFrom: { legend: true, tooltip: false, viz: false } });
      config.color = BAND_COLOR;
      break;
    case OUTPUT_FIELDS.forecastUpper:
      Object.assign(custom, {
        lineWidth: 0,
        fillOpacity: 15,
        fillBelowTo: `${base} ${OUTPUT_FIELDS.forecastLower}`,
        hideFrom: { legend: true, tooltip: false, viz: false },
      });
      config.color = BAND_COLOR;
      break;
    case OUTPUT_FIELDS.forecastLower:
      Object.assign(custom, { lineWidth: 0, fillOpacity: 0, hideFrom: { legend: true, tooltip: false, viz: false } });
      config.color = BAND_COLOR;
      break;
    case OUTPUT_FIELDS.expected:
      Object.assign(custom, { lineWidth: 1, lineStyle: { fill: 'dash', dash: [4, 4] } });
      break;
    case OUTPUT_FIELDS.forecast:
      Object.assign(custom, { lineWidth: 2, lineStyle: { fill: 'dash', dash: [10, 10] } });
      break;
    default:
      if (RIGHT_AXIS.has(field)) {
        custom.axisPlacement = 'right';
      }
  }
  if (field === OUTPUT_FIELDS.flag) {
    // Flagged spans as shaded bars on a hidden axis centred on 0: above the middle of the panel for +1, below for
    // −1, nothing for 0. Reads as regions over the series instead of a full-height ±1 step line.
    Object.assign(custom, {
      drawStyle: 'bars',
      barAlignment: 0,
      barWidthFactor: 1,
      lineWidth: 0,
      fillOpacity: 25,
      axisPlacement: 'hidden',
      axisCenteredZero: true,
      hideFrom: { legend: false, tooltip: false, viz: false },
    });
    config.color = FLAG_COLOR;
    config.min = -1;
    config.max = 1;
  }
  if (field === OUTPUT_FIELDS.outlier) {
    Object.assign(custom, { drawStyle: 'line', lineInterpolation: 'stepAfter' });
    config.min = 0;
    config.max = 1;
  }
  config.custom = custom;
  return config;
}

export function analysisFrames(series: FrameSeries[], options: AnalysisFramesOptions): Frame[] {
  const baseMeta: FrameMeta = { ...TIMESERIES_MULTI, executedQueryString: options.executedQueryString };
  const labelled = needsOutputLabel(options.outputs);
  const frames: Frame[] = [];
  const timeConfig = { interval: options.stepMs };
  const queryNotices = options.notices.map((text) => ({ severity: 'warning' as const, text }));
  let first = true;

  for (const s of series) {
    const base = seriesDisplayName(s.name, s.labels, options.legendFormat);
    let seriesFirst = true;
    const emit = (
      field: OutputField,
      timestamps: Float64Array,
      values: Float64Array,
      extra: Record<string, unknown> = {}
    ) => {
      const output = OUTPUT_OF_FIELD.get(field)!;
      const labels = labelled ? { ...s.labels, [OUTPUT_LABEL]: field } : s.labels;
      const meta: FrameMeta = { ...baseMeta, custom: { output, field, ...s.custom, ...extra } };
      const notices = [
        ...(first ? queryNotices : []),
        ...(seriesFirst ? s.notices.map((text) => ({ severity: 'warning' as const, text: `${base}: ${text}` })) : []),
        ...(seriesFirst
          ? (s.infos ?? []).map((text) => ({ severity: 'info' as const, text: `${base}: ${text}` }))
          : []),
      ];
      if (notices.length) {
        meta.notices = notices;
      }
      first = false;
      seriesFirst = false;
      const valueName = field === OUTPUT_FIELDS.raw ? s.name : field;
      const fields: Field[] = [
        { name: 'time', type: 'time', values: timestamps, config: timeConfig },
        {
          name: valueName,
          type: 'number',
          values: field === OUTPUT_FIELDS.lower || field === OUTPUT_FIELDS.upper ? finiteOrNull(values) : values,
          labels,
          config: fieldConfig(field, base, s.unit),
        },
      ];
      frames.push({
        name: `${base} ${field === OUTPUT_FIELDS.raw ? '' : field}`.trim(),
        refId: options.refId,
        meta,
        fields,
      });
    };
    for (const output of options.outputs) {
      if (output === 'forecast') {
        if (s.forecast) {
          const extra = { model: s.forecast.model };
          emit(OUTPUT_FIELDS.forecast, s.forecast.timestamps, s.forecast.point, extra);
          emit(OUTPUT_FIELDS.forecastLower, s.forecast.timestamps, s.forecast.lower, extra);
          emit(OUTPUT_FIELDS.forecastUpper, s.forecast.timestamps, s.forecast.upper, extra);
        }
        continue;
      }
      for (const field of FIELDS_OF_OUTPUT[output]) {
        const values = s.fields.get(field);
        if (values) {
          emit(field, s.timestamps, values);
        }
      }
    }
  }
  if (frames.length === 0) {
    const meta: FrameMeta = { ...baseMeta };
    if (queryNotices.length) {
      meta.notices = queryNotices;
    }
    return [{ name: '', refId: options.refId, meta, fields: [] }];
  }
  return frames;
}
