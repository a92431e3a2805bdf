/**
 * Our own Arrow IPC *file* writer for exactly the frames we send (time, number and string fields): apache-arrow took
 * 0.05–0.25 ms per 1,000-row frame (schema objects, visitors, its flatbuffers builder, several copies), a large
 * part of the overhead for one series (a band answers 4 frames) and of 1,000 series (4,000 frames); this writer
 * takes 0.016 ms against apache-arrow's 0.07–0.08 ms for band-query frames (1,000 rows, their field config and
 * meta; benchmarks/pipeline.bench.ts "arrow" row, BENCHMARKS.md). frameToArrow.ts picks the writer.
 * Unlike apache-arrow JS, which writes the schema only in the footer, the file starts with the schema message as
 * the spec's layout has it (~0.7 KB more per frame).
 *
 * Layout (Arrow columnar format spec, "IPC File Format" and "Encapsulated message format", format/File.fbs,
 * Message.fbs, Schema.fbs at arrow/format): `ARROW1\0\0`, the schema message, one record-batch message (none for
 * zero rows), the footer (schema again + Block of the batch), its int32 length, `ARROW1`. Messages are
 * `0xFFFFFFFF`, int32 metadata length, the flatbuffer `Message` padded to 8 bytes, then the body; body buffers are
 * 8-byte aligned and padded. Columns as apache-arrow wrote them (docs/protocol.md §4.4, §4.5):
 *  - time   → Timestamp(NANOSECOND, no timezone), not nullable: validity (empty) + int64 ns;
 *  - number → FloatingPoint(DOUBLE), nullable: validity (empty when no nulls) + float64, null and NaN → null (0 in data);
 *  - string → Utf8, nullable: validity + int32 offsets + bytes.
 * Flatbuffers are written front to back: a table's vtable precedes it (soffset > 0) and its children follow it
 * (uoffset > 0); every offset is relative, so one writer lays out the schema for both the message and the footer.
 */

/** A column ready to write: its schema entry and its body buffers. */
export interface ArrowColumn {
  name: string;
  kind: 'time' | 'number' | 'string';
  nullable: boolean;
  /** Field custom_metadata, in order. */
  metadata: Array<[string, string]>;
  length: number;
  nullCount: number;
  /** Body buffers in spec order: validity (empty if no nulls), then values (or offsets, then bytes). */
  buffers: BodyBuffer[];
}

/**
 * A body buffer: bytes to copy, or a writer that fills `byteLength` bytes at an 8-aligned offset of the output
 * (numbers are written straight into the file rather than into a copy that is copied again).
 */
export type BodyBuffer = Uint8Array | { byteLength: number; writeInto(out: Uint8Array, at: number): void };

// Schema.fbs / Message.fbs enum values.
const TYPE_FLOATING_POINT = 3;
const TYPE_UTF8 = 5;
const TYPE_TIMESTAMP = 10;
const PRECISION_DOUBLE = 2;
const TIME_UNIT_NANOSECOND = 3;
const HEADER_SCHEMA = 1;
const HEADER_RECORD_BATCH = 3;
const METADATA_V5 = 4;

const encoder = new TextEncoder();
const MAGIC = encoder.encode('ARROW1');

/** The inline layout of one table kind, computed once: vtable bytes, inline size, each slot's offset (0 = absent). */
interface TableLayout {
  id: number;
  vtable: Uint8Array;
  size: number;
  /** 8-byte fields present: the table starts at 4 mod 8 so that they sit on 8-byte boundaries. */
  wide: boolean;
  offsets: number[];
}

let layouts = 0;

/**
 * `slots` gives, per vtable slot, the inline field size (1, 2, 4, 8; 0 = absent). Fields are laid out widest first
 * after the 4-byte soffset to the vtable.
 */
function layout(slots: number[]): TableLayout {
  const offsets = new Array<number>(slots.length).fill(0);
  let size = 4;
  for (const width of [8, 4, 2, 1]) {
    slots.forEach((w, i) => {
      if (w === width) {
        offsets[i] = size;
        size += w;
      }
    });
  }
  size = (size + 3) & ~3;
  const vtable = new Uint8Array(4 + 2 * slots.length);
  const v = new DataView(vtable.buffer);
  v.setUint16(0, vtable.length, true);
  v.setUint16(2, size, true);
  offsets.forEach((off, i) => v.setUint16(4 + 2 * i, off, true));
  return { id: layouts++, vtable, size, wide: slots.includes(8), offsets };
}

// Message: version, header_type, header, bodyLength (custom_metadata absent).
const MESSAGE = layout([2, 1, 4, 8]);
// Schema: endianness (absent = Little), fields, custom_metadata.
const SCHEMA = layout([0, 4, 4]);
// Field: name, nullable, type_type, type, dictionary (absent), children, custom_metadata.
const FIELD = layout([4, 1, 1, 4, 0, 4, 4]);
const KEY_VALUE = layout([4, 4]);
// Timestamp: unit, timezone (absent = none). FloatingPoint: precision. Utf8: no fields.
const ONE_SHORT = layout([2]);
const EMPTY_TABLE = layout([]);
// RecordBatch: length, nodes, buffers (compression, variadicBufferCounts absent).
const RECORD_BATCH = layout([8, 4, 4]);
// Footer: version, schema, dictionaries, recordBatches.
const FOOTER = layout([2, 4, 4, 4]);

/**
 * A growable little-endian byte buffer for one flatbuffer, written front to back. Three are reused for every file
 * (schema message, batch message, footer; encoding is synchronous): a fresh 2 KB buffer per message was a third of
 * the writer's time in the 1,000-series profile.
 */
class FlatWriter {
  bytes = new Uint8Array(4096);
  view = new DataView(this.bytes.buffer);
  pos = 0;
  /** Position of each layout's vtable once written: later tables of that kind point back to it. */
  private vtables: number[] = [];

  /**
   * Forgets the vtables written so far, so that every table written from here on points to a vtable after this
   * point: the schema subtree is copied into the footer, so none of its tables may point back before it.
   */
  startSubtree(): void {
    this.vtables = [];
  }

  /** Empties the writer: zeroes what was written, so that reserved bytes read as zero again. */
  reset(): FlatWriter {
    this.bytes.fill(0, 0, this.pos);
    this.pos = 0;
    this.vtables = [];
    return this;
  }

  reserve(n: number): number {
    const at = this.pos;
    const need = at + n;
    if (need > this.bytes.length) {
      const grown = new Uint8Array(Math.max(need, this.bytes.length * 2));
      grown.set(this.bytes);
      this.bytes = grown;
      this.view = new DataView(grown.buffer);
    }
    this.pos = need;
    return at; // bytes past `pos` are always zero (grown buffers are fresh, `reset` zeroes what was used)
  }

  /** Zero-pads until `pos % to === rem`. */
  align(to: number, rem = 0): void {
    this.reserve((((rem - this.pos) % to) + to) % to);
  }

  /** Points the uoffset at `at` to `target` (children always follow their parent). */
  link(at: number, target: number): void {
    this.view.setUint32(at, target - at, true);
  }

  /** A string: length, UTF-8 bytes, NUL. ASCII is copied code by code; anything else goes through encodeInto. */
  string(s: string): number {
    this.align(4);
    const n = s.length;
    const at = this.reserve(4 + 3 * n + 1);
    const bytes = this.bytes;
    let i = 0;
    for (; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c >= 0x80) {
        break;
      }
      bytes[at + 4 + i] = c;
    }
    let len = i;
    if (i < n) {
      len += encoder.encodeInto(s.slice(i), bytes.subarray(at + 4 + i)).written;
    }
    this.view.setUint32(at, len, true);
    this.pos = at + 4 + len + 1; // the NUL is already zero; the unused tail of the worst-case reserve is dropped
    return at;
  }

  /** A table of the given layout with zeroed fields; returns its position (field i at `at + layout.offsets[i]`). */
  table(l: TableLayout): number {
    let vt = this.vtables[l.id];
    if (vt === undefined) {
      this.align(2);
      vt = this.reserve(l.vtable.length);
      this.bytes.set(l.vtable, vt);
      this.vtables[l.id] = vt;
    }
    this.align(l.wide ? 8 : 4, l.wide ? 4 : 0);
    const at = this.reserve(l.size);
    this.view.setInt32(at, at - vt, true);
    return at;
  }

  /** A vector of `n` uoffsets (to tables or strings written afterwards); element i is at `at + 4 + 4i`. */
  offsetVector(n: number): number {
    this.align(4);
    const at = this.reserve(4 + 4 * n);
    this.view.setUint32(at, n, true);
    return at;
  }

  /** A vector of `n` zeroed structs of `size` bytes, 8-byte aligned; the first element is at `at + 4`. */
  structVector(n: number, size: number): number {
    this.align(8, 4);
    const at = this.reserve(4 + n * size);
    this.view.setUint32(at, n, true);
    return at;
  }

  /** int64 as two 32-bit halves (all our int64 metadata values are below 2^53). */
  int64(at: number, v: number): void {
    this.view.setUint32(at, v % 0x1_0000_0000, true);
    this.view.setUint32(at + 4, Math.floor(v / 0x1_0000_0000), true);
  }

  finish(): Uint8Array {
    return this.bytes.subarray(0, this.pos);
  }
}

/** `[KeyValue]` (key, value strings). */
function writeKeyValues(w: FlatWriter, pairs: Array<[string, string]>): number {
  const vec = w.offsetVector(pairs.length);
  for (let i = 0; i < pairs.length; i++) {
    const kv = w.table(KEY_VALUE);
    w.link(vec + 4 + 4 * i, kv);
    w.link(kv + KEY_VALUE.offsets[0], w.string(pairs[i][0]));
    w.link(kv + KEY_VALUE.offsets[1], w.string(pairs[i][1]));
  }
  return vec;
}

function writeField(w: FlatWriter, c: ArrowColumn): number {
  const o = FIELD.offsets;
  const f = w.table(FIELD);
  w.bytes[f + o[1]] = c.nullable ? 1 : 0;
  w.bytes[f + o[2]] = c.kind === 'time' ? TYPE_TIMESTAMP : c.kind === 'number' ? TYPE_FLOATING_POINT : TYPE_UTF8;
  w.link(f + o[0], w.string(c.name));
  if (c.kind === 'string') {
    w.link(f + o[3], w.table(EMPTY_TABLE));
  } else {
    const t = w.table(ONE_SHORT);
    w.view.setInt16(t + ONE_SHORT.offsets[0], c.kind === 'time' ? TIME_UNIT_NANOSECOND : PRECISION_DOUBLE, true);
    w.link(f + o[3], t);
  }
  // Arrow C++ refuses a Field whose children vector is missing, so an empty one is written.
  w.link(f + o[5], w.offsetVector(0));
  w.link(f + o[6], writeKeyValues(w, c.metadata));
  return f;
}

function writeSchema(w: FlatWriter, columns: ArrowColumn[], metadata: Array<[string, string]>): number {
  const s = w.table(SCHEMA);
  const fields = w.offsetVector(columns.length);
  w.link(s + SCHEMA.offsets[1], fields);
  for (let i = 0; i < columns.length; i++) {
    w.link(fields + 4 + 4 * i, writeField(w, columns[i]));
  }
  w.link(s + SCHEMA.offsets[2], writeKeyValues(w, metadata));
  return s;
}

const writers = { schema: new FlatWriter(), batch: new FlatWriter(), footer: new FlatWriter() };

/** One flatbuffer `Message` with the given header, in `w` (valid until `w` is reset). */
function message(w: FlatWriter, headerType: number, bodyLength: number, header: (w: FlatWriter) => number): Uint8Array {
  w.reset();
  const root = w.reserve(4);
  const m = w.table(MESSAGE);
  const o = MESSAGE.offsets;
  w.link(root, m);
  w.view.setInt16(m + o[0], METADATA_V5, true);
  w.bytes[m + o[1]] = headerType;
  w.int64(m + o[3], bodyLength);
  w.link(m + o[2], header(w));
  return w.finish();
}

const pad8 = (n: number) => (n + 7) & ~7;

/**
 * Writes one Arrow IPC file: the schema, one record batch of `length` rows (none when 0), the footer. `alloc` gives
 * the zero-filled bytes the file is written into (default a new array; executeQueries cuts them from a ByteArena).
 */
export function encodeArrowFile(
  columns: ArrowColumn[],
  schemaMetadata: Array<[string, string]>,
  length: number,
  alloc: (byteLength: number) => Uint8Array = (byteLength) => new Uint8Array(byteLength)
): Uint8Array {
  // The schema subtree is written once; the footer gets a byte copy of it at the same position modulo 8 (flatbuffer
  // offsets are relative, so the copy is valid where it lands).
  let schemaFrom = 0;
  let schemaTable = 0;
  let schemaTo = 0;
  const schemaMessage = message(writers.schema, HEADER_SCHEMA, 0, (w) => {
    w.startSubtree();
    schemaFrom = w.pos;
    schemaTable = writeSchema(w, columns, schemaMetadata);
    schemaTo = w.pos;
    return schemaTable;
  });

  // Record batch: body buffers each 8-aligned; FieldNode {length, null_count} and Buffer {offset, length} structs.
  let batchMessage: Uint8Array | undefined;
  const bodyOffsets: number[] = [];
  let bodyLength = 0;
  if (length > 0) {
    for (const c of columns) {
      for (const b of c.buffers) {
        bodyOffsets.push(bodyLength);
        bodyLength += pad8(b.byteLength);
      }
    }
    batchMessage = message(writers.batch, HEADER_RECORD_BATCH, bodyLength, (w) => {
      const o = RECORD_BATCH.offsets;
      const rb = w.table(RECORD_BATCH);
      w.int64(rb + o[0], length);
      // FieldNode {length, null_count} and Buffer {offset, length}: 16-byte structs.
      const nodes = w.structVector(columns.length, 16);
      w.link(rb + o[1], nodes);
      columns.forEach((c, i) => {
        w.int64(nodes + 4 + 16 * i, c.length);
        w.int64(nodes + 4 + 16 * i + 8, c.nullCount);
      });
      const buffers = w.structVector(bodyOffsets.length, 16);
      w.link(rb + o[2], buffers);
      let i = 0;
      for (const c of columns) {
        for (const b of c.buffers) {
          w.int64(buffers + 4 + 16 * i, bodyOffsets[i]);
          w.int64(buffers + 4 + 16 * i + 8, b.byteLength);
          i++;
        }
      }
      return rb;
    });
  }

  const schemaBlockLength = 8 + pad8(schemaMessage.length);
  const batchOffset = 8 + schemaBlockLength;
  const batchMetaLength = batchMessage ? 8 + pad8(batchMessage.length) : 0;

  // Footer, with Block {offset, metaDataLength, pad, bodyLength} (24-byte struct) of the batch.
  const fw = writers.footer.reset();
  const root = fw.reserve(4);
  const footer = fw.table(FOOTER);
  const o = FOOTER.offsets;
  fw.link(root, footer);
  fw.view.setInt16(footer + o[0], METADATA_V5, true);
  fw.align(8, schemaFrom % 8);
  const copied = fw.reserve(schemaTo - schemaFrom);
  fw.bytes.set(schemaMessage.subarray(schemaFrom, schemaTo), copied);
  fw.link(footer + o[1], copied + (schemaTable - schemaFrom));
  fw.link(footer + o[2], fw.structVector(0, 24));
  const blocks = fw.structVector(batchMessage ? 1 : 0, 24);
  fw.link(footer + o[3], blocks);
  if (batchMessage) {
    fw.int64(blocks + 4, batchOffset);
    fw.view.setInt32(blocks + 4 + 8, batchMetaLength, true);
    fw.int64(blocks + 4 + 16, bodyLength);
  }
  const footerBytes = fw.finish();

  const footerOffset = batchOffset + batchMetaLength + bodyLength;
  const total = footerOffset + pad8(footerBytes.length) + 4 + MAGIC.length;
  const out = alloc(total);
  const view = new DataView(out.buffer, out.byteOffset, out.byteLength);
  out.set(MAGIC, 0);
  view.setUint32(8, 0xffffffff, true);
  view.setInt32(12, schemaBlockLength - 8, true);
  out.set(schemaMessage, 16);
  if (batchMessage) {
    view.setUint32(batchOffset, 0xffffffff, true);
    view.setInt32(batchOffset + 4, batchMetaLength - 8, true);
    out.set(batchMessage, batchOffset + 8);
    let i = 0;
    const body = batchOffset + batchMetaLength;
    for (const c of columns) {
      for (const b of c.buffers) {
        const at = body + bodyOffsets[i++];
        if (b instanceof Uint8Array) {
          out.set(b, at);
        } else {
          b.writeInto(out, at);
        }
      }
    }
  }
  out.set(footerBytes, footerOffset);
  view.setInt32(footerOffset + pad8(footerBytes.length), pad8(footerBytes.length), true);
  out.set(MAGIC, total - MAGIC.length);
  return out;
}
