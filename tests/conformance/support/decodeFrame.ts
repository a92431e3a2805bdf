/**
 * Decodes one element of `DataResponse.frames` the way Grafana's Go SDK reads it (`data.UnmarshalArrowFrames`,
 * docs/protocol.md §4): an Arrow IPC *file* per frame, schema metadata `name`/`refId`/`meta`, field metadata
 * `labels`/`config`/`tstype`. Returns a plain description the tests assert on.
 */
import { DataType, Field, Table, tableFromIPC, Type, Vector } from 'apache-arrow';

const MAGIC = 'ARROW1';

export interface DecodedField {
  name: string;
  type: DataType;
  nullable: boolean;
  metadata: Map<string, string>;
  labels?: Record<string, string>;
  config?: Record<string, unknown>;
  /**
   * Values as apache-arrow returns them, null for invalid slots. For Timestamp and 64-bit integer fields these are
   * the raw int64 values as bigint (apache-arrow's `get` would convert timestamps to milliseconds, hiding the unit).
   */
  values: unknown[];
  nullCount: number;
}

export interface DecodedFrame {
  /** True when the bytes start and end with the Arrow file magic (the stream format has neither). */
  fileMagicAtBothEnds: boolean;
  schemaMetadata: Map<string, string>;
  name?: string;
  refId?: string;
  meta?: Record<string, unknown> & { type?: string; typeVersion?: number[] };
  fields: DecodedField[];
  rows: number;
  table: Table;
}

function hasFileMagic(bytes: Uint8Array): boolean {
  const text = (from: number, to: number) => Buffer.from(bytes.subarray(from, to)).toString('latin1');
  return bytes.length >= 12 && text(0, 6) === MAGIC && text(bytes.length - 6, bytes.length) === MAGIC;
}

/** Raw int64 storage of a Timestamp/Int64 column, honouring validity (Go reads these int64 as-is). */
function rawInt64Values(column: Vector): unknown[] {
  const out: unknown[] = [];
  for (const chunk of column.data) {
    const raw = chunk.values as BigInt64Array;
    for (let i = 0; i < chunk.length; i++) {
      out.push(chunk.getValid(i) ? raw[i] : null);
    }
  }
  return out;
}

function isInt64Storage(type: DataType): boolean {
  return (
    type.typeId === Type.Timestamp ||
    (type.typeId === Type.Int && (type as unknown as { bitWidth: number }).bitWidth === 64)
  );
}

function parseJson<T>(text: string | undefined, what: string): T | undefined {
  if (text === undefined) {
    return undefined;
  }
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new Error(`${what} is not JSON: ${text}`);
  }
}

export function decodeFrame(bytes: Uint8Array): DecodedFrame {
  const table = tableFromIPC(bytes);
  const fields = table.schema.fields.map((f: Field, i: number): DecodedField => {
    const column = table.getChildAt(i);
    let values: unknown[] = [];
    if (column && isInt64Storage(f.type)) {
      values = rawInt64Values(column);
    } else {
      for (let r = 0; r < table.numRows; r++) {
        values.push(column?.get(r) ?? null);
      }
    }
    return {
      name: f.name,
      type: f.type,
      nullable: f.nullable,
      metadata: f.metadata,
      labels: parseJson(f.metadata.get('labels'), `labels of field ${f.name}`),
      config: parseJson(f.metadata.get('config'), `config of field ${f.name}`),
      values,
      nullCount: column?.nullCount ?? 0,
    };
  });
  const md = table.schema.metadata;
  return {
    fileMagicAtBothEnds: hasFileMagic(bytes),
    schemaMetadata: md,
    name: md.get('name'),
    refId: md.get('refId'),
    meta: parseJson(md.get('meta'), 'schema meta'),
    fields,
    rows: table.numRows,
    table,
  };
}
