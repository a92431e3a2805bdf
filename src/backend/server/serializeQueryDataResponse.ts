/**
 * Encodes a QueryDataResponse (proto/backend.proto) straight into one reused buffer, byte for byte as the generic
 * protobuf.js codec does (same fields, same order, a field written whenever the object holds it, default or not).
 *
 * Why: the generic codec builds a list of write operations, then copies every frame into a fresh buffer of the
 * message's size; gRPC then copies that buffer once more to frame it. In the executable every allocation of 4 KiB
 * or more is a memory mapping of its own (docs/reliability.md, "Memory"), and unmapping it interrupts the other core
 * to flush its address cache: for an alert query's ~90 KiB answer that mapping was a measurable share of the
 * plugin's CPU (BENCHMARKS.md, "Load and soak"). gRPC copies the returned bytes before this function can run again
 * (its `serializeMessage` copies synchronously), so the buffer is reused from one answer to the next.
 *
 * After encoding, the answer's frames have been copied out, so blocks they were cut from may be reused
 * (`releaseSentFrames`). The returned bytes are valid only until the next call.
 */
import type { DataResponse, QueryDataResponse } from './protoTypes';
import { releaseSentFrames } from '../frames/sentFrames';

/** Answers up to this size are encoded into the kept buffer; a larger one gets a buffer of its own. */
const KEPT_BYTES_MAX = 1024 * 1024;
let kept = Buffer.allocUnsafe(0);

/** Field tags: (field number << 3) | wire type (0 varint, 2 length-delimited). */
const TAG_ENTRY = 0x0a; // QueryDataResponse.responses (map entry), and the entry's key
const TAG_VALUE = 0x12; // map entry value
const TAG_FRAMES = 0x0a;
const TAG_ERROR = 0x12;
const TAG_JSON_META = 0x1a;
const TAG_STATUS = 0x20;
const TAG_ERROR_SOURCE = 0x2a;
const TAG_FORMAT = 0x30;

/** The wire form of DataResponse with the conversions protobuf.js' `fromObject` applies. */
interface WireResponse {
  frames: readonly Uint8Array[];
  error?: string;
  jsonMeta?: Uint8Array;
  status?: number;
  errorSource?: string;
  format?: number;
}

function varintLength(v: number): number {
  let n = 1;
  while (v > 0x7f) {
    v = Math.floor(v / 128);
    n++;
  }
  return n;
}

/** An int32 field's encoded length: a negative value is sign-extended to ten bytes. */
function int32Length(v: number): number {
  return v < 0 ? 10 : varintLength(v);
}

function writeVarint(buf: Buffer, pos: number, v: number): number {
  while (v > 0x7f) {
    buf[pos++] = (v & 0x7f) | 0x80;
    v = Math.floor(v / 128);
  }
  buf[pos++] = v;
  return pos;
}

function writeInt32(buf: Buffer, pos: number, v: number): number {
  if (v >= 0) {
    return writeVarint(buf, pos, v);
  }
  // Two's complement over 64 bits: the low 32 bits, then all ones.
  let lo = v >>> 0;
  for (let i = 0; i < 4; i++) {
    buf[pos++] = (lo & 0x7f) | 0x80;
    lo >>>= 7;
  }
  buf[pos++] = (lo & 0x0f) | 0x70 | 0x80;
  for (let i = 0; i < 4; i++) {
    buf[pos++] = 0xff;
  }
  buf[pos++] = 0x01;
  return pos;
}

function toWire(r: DataResponse & { jsonMeta?: Uint8Array; format?: number }): WireResponse {
  if (typeof r !== 'object' || r === null) {
    throw new TypeError('QueryDataResponse.responses: object expected');
  }
  const wire: WireResponse = { frames: r.frames ?? [] };
  if (r.error != null) {
    wire.error = String(r.error);
  }
  if (r.jsonMeta != null) {
    wire.jsonMeta = r.jsonMeta;
  }
  if (r.status != null) {
    wire.status = r.status | 0;
  }
  if (r.errorSource != null) {
    wire.errorSource = String(r.errorSource);
  }
  if (typeof r.format === 'number') {
    wire.format = r.format | 0;
  }
  return wire;
}

function responseLength(w: WireResponse, stringBytes: number[]): number {
  let n = 0;
  for (const f of w.frames) {
    n += 1 + varintLength(f.byteLength) + f.byteLength;
  }
  if (w.error !== undefined) {
    const b = Buffer.byteLength(w.error, 'utf8');
    stringBytes.push(b);
    n += 1 + varintLength(b) + b;
  }
  if (w.jsonMeta !== undefined) {
    n += 1 + varintLength(w.jsonMeta.byteLength) + w.jsonMeta.byteLength;
  }
  if (w.status !== undefined) {
    n += 1 + int32Length(w.status);
  }
  if (w.errorSource !== undefined) {
    const b = Buffer.byteLength(w.errorSource, 'utf8');
    stringBytes.push(b);
    n += 1 + varintLength(b) + b;
  }
  if (w.format !== undefined) {
    n += 1 + int32Length(w.format);
  }
  return n;
}

function writeBytes(buf: Buffer, pos: number, tag: number, bytes: Uint8Array): number {
  buf[pos++] = tag;
  pos = writeVarint(buf, pos, bytes.byteLength);
  buf.set(bytes, pos);
  return pos + bytes.byteLength;
}

function writeString(buf: Buffer, pos: number, tag: number, s: string, byteLength: number): number {
  buf[pos++] = tag;
  pos = writeVarint(buf, pos, byteLength);
  return pos + buf.write(s, pos, byteLength, 'utf8');
}

/** The answer's protobuf encoding, in a buffer reused by the next call (or its own, for a large answer). */
export function serializeQueryDataResponse(res: QueryDataResponse): Buffer {
  const responses = res.responses ?? {};
  const keys = Object.keys(responses);
  const wires: WireResponse[] = [];
  const keyBytes: number[] = [];
  const valueBytes: number[] = [];
  const stringBytes: number[] = [];
  let total = 0;
  for (const key of keys) {
    const wire = toWire(responses[key]);
    const kb = Buffer.byteLength(key, 'utf8');
    const vb = responseLength(wire, stringBytes);
    const entry = 1 + varintLength(kb) + kb + 1 + varintLength(vb) + vb;
    wires.push(wire);
    keyBytes.push(kb);
    valueBytes.push(vb);
    total += 1 + varintLength(entry) + entry;
  }

  let buf: Buffer;
  if (total <= KEPT_BYTES_MAX) {
    if (kept.length < total) {
      kept = Buffer.allocUnsafeSlow(Math.min(KEPT_BYTES_MAX, Math.max(total, 2 * kept.length, 64 * 1024)));
    }
    buf = kept;
  } else {
    buf = Buffer.allocUnsafeSlow(total);
  }

  let pos = 0;
  let s = 0;
  for (let i = 0; i < keys.length; i++) {
    const w = wires[i];
    const kb = keyBytes[i];
    const vb = valueBytes[i];
    buf[pos++] = TAG_ENTRY;
    pos = writeVarint(buf, pos, 1 + varintLength(kb) + kb + 1 + varintLength(vb) + vb);
    pos = writeString(buf, pos, TAG_ENTRY, keys[i], kb);
    buf[pos++] = TAG_VALUE;
    pos = writeVarint(buf, pos, vb);
    for (const f of w.frames) {
      pos = writeBytes(buf, pos, TAG_FRAMES, f);
    }
    if (w.error !== undefined) {
      pos = writeString(buf, pos, TAG_ERROR, w.error, stringBytes[s++]);
    }
    if (w.jsonMeta !== undefined) {
      pos = writeBytes(buf, pos, TAG_JSON_META, w.jsonMeta);
    }
    if (w.status !== undefined) {
      buf[pos++] = TAG_STATUS;
      pos = writeInt32(buf, pos, w.status);
    }
    if (w.errorSource !== undefined) {
      pos = writeString(buf, pos, TAG_ERROR_SOURCE, w.errorSource, stringBytes[s++]);
    }
    if (w.format !== undefined) {
      buf[pos++] = TAG_FORMAT;
      pos = writeInt32(buf, pos, w.format);
    }
  }
  if (pos !== total) {
    throw new Error(`QueryDataResponse encoding wrote ${pos} bytes, expected ${total}`);
  }
  for (const key of keys) {
    releaseSentFrames(responses[key]);
  }
  return buf.subarray(0, total);
}
