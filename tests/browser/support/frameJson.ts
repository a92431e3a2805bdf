/**
 * Arrow frames from QueryData → Grafana's frame JSON (`DataFrameJSON`), the shape Grafana's server sends the
 * browser from /api/ds/query (Go SDK `data.FrameToJSON`): `schema` with name, refId, meta and fields (name, type,
 * labels, config), `data.values` column by column with time as epoch milliseconds, and NaN/±Inf, which JSON
 * cannot carry, listed per field in `data.entities`. The page turns it back with `dataFrameFromJSON`.
 */
import { Type } from 'apache-arrow';
import type { DataFrameJSON, FieldType, QueryResultMeta } from '@grafana/data';
import { decodeFrame, DecodedField } from '../../conformance/support/decodeFrame';

const NS_PER_MS = BigInt(1_000_000);

function fieldType(f: DecodedField): `${FieldType}` {
  switch (f.type.typeId) {
    case Type.Timestamp:
      return 'time';
    case Type.Float:
    case Type.Int:
      return 'number';
    case Type.Utf8:
    case Type.LargeUtf8:
      return 'string';
    case Type.Bool:
      return 'boolean';
    default:
      return 'other';
  }
}

interface Entities {
  NaN?: number[];
  Inf?: number[];
  NegInf?: number[];
}

function columnValues(f: DecodedField): { values: unknown[]; entities: Entities | null } {
  const entities: Entities = {};
  const note = (key: keyof Entities, i: number) => (entities[key] ??= []).push(i);
  const values = f.values.map((v, i) => {
    if (v === null || v === undefined) {
      return null;
    }
    if (typeof v === 'bigint') {
      // Timestamps are int64 nanoseconds; Grafana's JSON carries milliseconds.
      return f.type.typeId === Type.Timestamp ? Number(v / NS_PER_MS) : Number(v);
    }
    if (typeof v === 'number' && !Number.isFinite(v)) {
      note(Number.isNaN(v) ? 'NaN' : v > 0 ? 'Inf' : 'NegInf', i);
      return null;
    }
    return v;
  });
  return { values, entities: Object.keys(entities).length ? entities : null };
}

export function arrowFrameToJson(bytes: Uint8Array): DataFrameJSON {
  const d = decodeFrame(bytes);
  const columns = d.fields.map(columnValues);
  return {
    schema: {
      name: d.name,
      refId: d.refId,
      meta: d.meta as QueryResultMeta | undefined,
      fields: d.fields.map((f) => ({
        name: f.name,
        type: fieldType(f) as FieldType,
        ...(f.labels ? { labels: f.labels } : {}),
        ...(f.config ? { config: f.config } : {}),
      })),
    },
    data: {
      values: columns.map((c) => c.values),
      ...(columns.some((c) => c.entities) ? { entities: columns.map((c) => c.entities) } : {}),
    },
  };
}
