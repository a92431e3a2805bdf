/**
 * Test oracle: a Frame → Arrow IPC file writer built on apache-arrow, the library the product's own writer
 * (src/backend/frames/frameToArrow.ts) replaced for speed. Tests and the pipeline benchmark compare the two: both
 * must decode to the same table. Every column is built with an explicit type because apache-arrow's inference
 * turns strings into Dictionary and treats timestamps as milliseconds in floating point (docs/protocol.md).
 * Not shipped: apache-arrow is a devDependency.
 */
import {
  Data,
  DataType,
  Field as ArrowField,
  Float64,
  makeData,
  RecordBatch,
  RecordBatchFileWriter,
  Schema,
  Struct,
  Table,
  TimestampNanosecond,
  Utf8,
} from 'apache-arrow';
import type { Field, Frame } from '../../src/backend/frames/frame';
import {
  fieldMetadata,
  rowCount,
  schemaMetadata,
  utf8Buffers,
  validityBitmap,
} from '../../src/backend/frames/frameToArrow';
import { inNanosecondTimeRange, nanosecondTimeRangeError } from '../../src/backend/frames/nanosecondTimeRange';

const NS_PER_MS = BigInt(1_000_000);
const NS_PER_US = BigInt(1_000);

/**
 * Time columns already encoded, by the array they came from: the frames of one response (every output field of
 * every series) share one timestamps array, so it is converted to nanoseconds once rather than once per frame.
 * Keyed weakly, so a column lives as long as its source array; callers never mutate an array after framing it.
 */
const encodedTimes = new WeakMap<object, Data<TimestampNanosecond>>();

function timeData(values: ArrayLike<number>, name: string): Data<TimestampNanosecond> {
  const cached = typeof values === 'object' ? encodedTimes.get(values) : undefined;
  if (cached && cached.length === values.length) {
    return cached;
  }
  const n = values.length;
  const ns = new BigInt64Array(n);
  for (let i = 0; i < n; i++) {
    const ms = values[i];
    if (!Number.isFinite(ms)) {
      throw new Error(`time field "${name}" has a non-finite timestamp at row ${i}`);
    }
    if (!inNanosecondTimeRange(ms)) {
      throw nanosecondTimeRangeError(`time field "${name}" row ${i}: the time`, ms);
    }
    // Microseconds are exact in a double up to 2^53 µs (year 2255), so one BigInt conversion and one multiply keep
    // the value exact; beyond that, whole ms go through BigInt separately.
    const us = Math.round(ms * 1000);
    ns[i] =
      Math.abs(us) <= Number.MAX_SAFE_INTEGER
        ? BigInt(us) * NS_PER_US
        : BigInt(Math.floor(ms)) * NS_PER_MS + BigInt(Math.round((ms - Math.floor(ms)) * 1e6));
  }
  const data = makeData({ type: new TimestampNanosecond(), length: n, nullCount: 0, data: ns });
  if (typeof values === 'object') {
    encodedTimes.set(values, data);
  }
  return data;
}

function numberData(values: ArrayLike<number | null>): Data<Float64> {
  const n = values.length;
  const data = new Float64Array(n);
  const { bitmap, nullCount } = validityBitmap(n, (i) => {
    const v = values[i];
    return v !== null && v !== undefined && !Number.isNaN(v);
  });
  for (let i = 0; i < n; i++) {
    const v = values[i];
    data[i] = v === null || v === undefined || Number.isNaN(v) ? 0 : v;
  }
  return makeData({ type: new Float64(), length: n, nullCount, nullBitmap: nullCount > 0 ? bitmap : undefined, data });
}

function stringData(values: ArrayLike<string | null>): Data<Utf8> {
  // The UTF-8 bytes and offsets are the product's (one copy); what this oracle checks is apache-arrow's framing.
  const { offsets, data, bitmap, nullCount } = utf8Buffers(values);
  const n = values.length;
  return makeData({
    type: new Utf8(),
    length: n,
    nullCount,
    nullBitmap: nullCount > 0 ? bitmap : undefined,
    valueOffsets: offsets,
    data,
  });
}

function columnOf(field: Field): { type: DataType; nullable: boolean; data: Data } {
  switch (field.type) {
    case 'time':
      return { type: new TimestampNanosecond(), nullable: false, data: timeData(field.values, field.name) };
    case 'number':
      return { type: new Float64(), nullable: true, data: numberData(field.values) };
    case 'string':
      return { type: new Utf8(), nullable: true, data: stringData(field.values) };
  }
}

/** The same frame through apache-arrow: the reference our writer is tested against. */
export function frameToArrowWithApacheArrow(frame: Frame): Uint8Array {
  const length = rowCount(frame);
  const columns = frame.fields.map(columnOf);
  const fields = frame.fields.map(
    (f, i) => new ArrowField(f.name, columns[i].type, columns[i].nullable, new Map(fieldMetadata(f)))
  );
  const schema = new Schema(fields, new Map(schemaMetadata(frame)));

  let table: Table;
  if (length === 0) {
    // Zero rows: schema only, no record batch (docs/protocol.md).
    table = new Table(schema);
  } else {
    const struct = makeData({
      type: new Struct(schema.fields),
      length,
      nullCount: 0,
      children: columns.map((c) => c.data),
    });
    table = new Table([new RecordBatch(schema, struct)]);
  }
  return RecordBatchFileWriter.writeAll(table).toUint8Array(true);
}
