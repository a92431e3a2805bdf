/**
 * A small data-frame model for the backend, mirroring Grafana's frame concepts (name, refId, meta, fields with
 * labels and config) without depending on @grafana/data. Encoded to Arrow by frameToArrow.ts.
 */

/** FrameMeta keys we use (docs/protocol.md §4.2); `typeVersion` is always written. */
export interface FrameMeta {
  type?: string;
  typeVersion?: [number, number];
  executedQueryString?: string;
  notices?: Array<{ severity: 'info' | 'warning' | 'error'; text: string }>;
  custom?: Record<string, unknown>;
  [key: string]: unknown;
}

/** FieldConfig keys we set (docs/protocol.md §4.3). */
export interface FieldConfig {
  displayName?: string;
  displayNameFromDS?: string;
  unit?: string;
  decimals?: number;
  min?: number;
  max?: number;
  /** Expected interval between points in ms (on time fields). */
  interval?: number;
  [key: string]: unknown;
}

interface FieldBase {
  name: string;
  labels?: Record<string, string>;
  config?: FieldConfig;
}

/** Non-null timestamps in epoch milliseconds (integers); encoded as Timestamp(NANOSECOND). */
export interface TimeField extends FieldBase {
  type: 'time';
  values: ArrayLike<number>;
}

/** Float64 values; `null` and NaN become null (validity bitmap), so gaps are honest. */
export interface NumberField extends FieldBase {
  type: 'number';
  values: ArrayLike<number | null>;
}

/** Utf8 strings; `null` allowed. */
export interface StringField extends FieldBase {
  type: 'string';
  values: ArrayLike<string | null>;
}

export type Field = TimeField | NumberField | StringField;

export interface Frame {
  name?: string;
  refId?: string;
  meta?: FrameMeta;
  fields: Field[];
}

/** Dataplane time-series kinds (grafana dataplane contract, docs/protocol.md §5.4). */
export const TIMESERIES_MULTI: Pick<FrameMeta, 'type' | 'typeVersion'> = {
  type: 'timeseries-multi',
  typeVersion: [0, 1],
};
