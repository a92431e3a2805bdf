import { LensError } from '../../errors/LensError';
import { MAX_NANOSECOND_TIME_MS, MIN_NANOSECOND_TIME_MS } from '../nanosecondTimeRange';
import { tableFromIPC, type Table } from 'apache-arrow';
import fc from 'fast-check';
import type { Field, Frame } from '../frame';
import { frameToArrow } from '../frameToArrow';
import { frameToArrowWithApacheArrow } from '../../../../tests/oracles/frameToArrowWithApacheArrow';

const T0 = Date.UTC(2026, 0, 5, 12, 0, 0);
const text = (b: Uint8Array, from: number, to: number) => Buffer.from(b.subarray(from, to)).toString('latin1');

/** Everything a reader sees of a decoded file: metadata, field types and flags, every cell (raw int64 for time). */
function decoded(bytes: Uint8Array) {
  const t: Table = tableFromIPC(bytes);
  return {
    rows: t.numRows,
    batches: t.batches.length,
    metadata: [...t.schema.metadata.entries()],
    fields: t.schema.fields.map((f, i) => {
      const col = t.getChildAt(i)!;
      const cells: unknown[] = [];
      for (const batch of col.data) {
        for (let r = 0; r < batch.length; r++) {
          const valid = batch.getValid(r);
          cells.push(
            !valid ? null : f.type.toString().startsWith('Timestamp') ? (batch.values as BigInt64Array)[r] : col.get(r)
          );
        }
      }
      return {
        name: f.name,
        type: f.type.toString(),
        nullable: f.nullable,
        metadata: [...f.metadata.entries()],
        nullCount: col.nullCount,
        cells,
      };
    }),
  };
}

/** Cells compared with Object.is, so −0, ±Infinity and the bits of every timestamp must match. */
function expectSameDecoding(ours: Uint8Array, reference: Uint8Array): void {
  const a = decoded(ours);
  const b = decoded(reference);
  expect({ ...a, fields: a.fields.map((f) => ({ ...f, cells: undefined })) }).toEqual({
    ...b,
    fields: b.fields.map((f) => ({ ...f, cells: undefined })),
  });
  a.fields.forEach((f, i) => {
    expect(f.cells.length).toBe(b.fields[i].cells.length);
    f.cells.forEach((c, r) => {
      if (!Object.is(c, b.fields[i].cells[r])) {
        throw new Error(`field ${f.name} row ${r}: ours ${String(c)}, apache-arrow ${String(b.fields[i].cells[r])}`);
      }
    });
  });
}

const label = fc.string({ unit: 'binary', maxLength: 10 });
// apache-arrow writes an empty field name as an absent one, which its own reader turns into "null": names are not
// empty here, and the empty name has its own test below.
const fieldName = fc.string({ unit: 'binary', minLength: 1, maxLength: 10 });
const labels = fc.option(fc.dictionary(label, label, { maxKeys: 4 }), { nil: undefined });
const number = fc.oneof(
  { weight: 8, arbitrary: fc.double() },
  { weight: 1, arbitrary: fc.constantFrom(null, NaN, -0, Infinity, -Infinity, Number.MIN_VALUE) }
);
// Every time a frame can hold (±292 years, nanosecondTimeRange.ts); times beyond are refused, tested below.
const timestamp = fc.oneof(
  { weight: 8, arbitrary: fc.integer({ min: MIN_NANOSECOND_TIME_MS, max: 4e12 }) },
  // fractional ms, microsecond precision edge, and beyond 2^53 µs (the BigInt route)
  { weight: 2, arbitrary: fc.double({ min: MIN_NANOSECOND_TIME_MS, max: MAX_NANOSECOND_TIME_MS, noNaN: true }) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      0,
      -1,
      0.5,
      -0.0005,
      9_007_199_254_740.991,
      9_007_199_254_741,
      9.2e12,
      MAX_NANOSECOND_TIME_MS,
      MIN_NANOSECOND_TIME_MS
    ),
  }
);

const frameArb: fc.Arbitrary<Frame> = fc.integer({ min: 0, max: 40 }).chain((rows) => {
  const field: fc.Arbitrary<Field> = fc.oneof(
    fc.record({
      name: fieldName,
      type: fc.constant('time' as const),
      values: fc.array(timestamp, { minLength: rows, maxLength: rows }),
      config: fc.option(fc.record({ interval: fc.integer({ min: 1, max: 86_400_000 }) }), { nil: undefined }),
    }),
    fc.record({
      name: fieldName,
      type: fc.constant('number' as const),
      values: fc.oneof(
        fc.array(number, { minLength: rows, maxLength: rows }),
        fc.array(fc.double(), { minLength: rows, maxLength: rows }).map((v) => Float64Array.from(v))
      ),
      labels,
      config: fc.option(fc.record({ unit: label, displayNameFromDS: label }, { requiredKeys: [] }), { nil: undefined }),
    }),
    fc.record({
      name: fieldName,
      type: fc.constant('string' as const),
      values: fc.array(fc.option(fc.string({ unit: 'binary', maxLength: 20 }), { nil: null }), {
        minLength: rows,
        maxLength: rows,
      }),
      labels,
    })
  );
  return fc.record({
    name: fc.option(label, { nil: undefined }),
    refId: fc.option(fc.constantFrom('A', 'B', ''), { nil: undefined }),
    meta: fc.option(
      fc.record({
        type: fc.constantFrom('timeseries-multi', 'table'),
        typeVersion: fc.constant<[number, number]>([0, 1]),
        notices: fc.array(fc.record({ severity: fc.constant('info' as const), text: label }), { maxLength: 2 }),
      }),
      { nil: undefined }
    ),
    fields: fc.array(field, { maxLength: 5 }),
  });
});

describe('encodeArrowFile (frameToArrow)', () => {
  it('decodes to the same table as the apache-arrow encoder for generated frames', () => {
    fc.assert(
      fc.property(frameArb, (frame) => {
        expectSameDecoding(frameToArrow(frame), frameToArrowWithApacheArrow(frame));
      }),
      { seed: 20261122, numRuns: 1500 }
    );
  });

  it('writes ARROW1 at both ends, the schema message first and a footer of the one record batch', () => {
    const frame: Frame = {
      name: 'cpu',
      refId: 'A',
      fields: [
        { name: 'time', type: 'time', values: [T0, T0 + 60_000] },
        { name: 'value', type: 'number', values: Float64Array.of(1, NaN) },
      ],
    };
    const bytes = frameToArrow(frame);
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    expect(text(bytes, 0, 6)).toBe('ARROW1');
    expect(text(bytes, bytes.length - 6, bytes.length)).toBe('ARROW1');
    expect(view.getUint32(8, true)).toBe(0xffffffff); // continuation marker of the schema message
    expect(view.getInt32(12, true) % 8).toBe(0); // metadata padded to 8 bytes
    const footerLength = view.getInt32(bytes.length - 10, true);
    expect((bytes.length - 10 - footerLength) % 8).toBe(0);
    const t = tableFromIPC(bytes);
    expect(t.batches).toHaveLength(1);
    expect([t.getChild('value')!.get(0), t.getChild('value')!.get(1)]).toEqual([1, null]);
  });

  it('writes exact nanoseconds from millisecond times, fractional and far-future ones included', () => {
    const ms = [T0, T0 + 0.001, -1, -0.5, 9_007_199_254_741, 9.1e12 + 0.25];
    const bytes = frameToArrow({ fields: [{ name: 'time', type: 'time', values: ms }] });
    const raw = tableFromIPC(bytes).getChild('time')!.data[0].values as BigInt64Array;
    const M = BigInt(1_000_000);
    expect(Array.from(raw)).toEqual([
      BigInt(T0) * M,
      BigInt(T0) * M + BigInt(1000),
      -M,
      -M / BigInt(2),
      BigInt(9_007_199_254_741) * M,
      BigInt(9.1e12) * M + BigInt(250_000),
    ]);
  });

  it('writes an empty field name as an empty string', () => {
    const t = tableFromIPC(frameToArrow({ fields: [{ name: '', type: 'number', values: [1] }] }));
    expect(t.schema.fields[0].name).toBe('');
  });

  it('does not change the Float64Array it encodes (NaN stays NaN in the caller’s array)', () => {
    const values = Float64Array.of(1, NaN, 3);
    frameToArrow({ fields: [{ name: 'v', type: 'number', values }] });
    expect(Array.from(values)).toEqual([1, NaN, 3]);
  });

  it('refuses a time outside ±292 years instead of wrapping it into another century', () => {
    for (const ms of [MAX_NANOSECOND_TIME_MS + 1, MIN_NANOSECOND_TIME_MS - 1, 8.64e15, -8.64e15]) {
      const frame: Frame = { fields: [{ name: 't', type: 'time', values: [T0, ms] }] };
      expect(() => frameToArrow(frame)).toThrow(LensError);
      expect(() => frameToArrow(frame)).toThrow(
        `time field "t" row 1: the time ${ms} ms lies outside the time range a frame can hold ` +
          `(1677-09-21T00:12:43.146Z to 2262-04-11T23:47:16.854Z, nanosecond timestamps)`
      );
    }
    // The ends themselves are exact.
    const ends = frameToArrow({
      fields: [{ name: 't', type: 'time', values: [MIN_NANOSECOND_TIME_MS, MAX_NANOSECOND_TIME_MS] }],
    });
    const raw = tableFromIPC(ends).getChild('t')!.data[0].values as BigInt64Array;
    expect(Array.from(raw)).toEqual([BigInt('-9223372036854000000'), BigInt('9223372036854000000')]);
  });

  it('refuses a non-finite timestamp and a ragged frame, as the apache-arrow path does', () => {
    const bad: Frame = { fields: [{ name: 't', type: 'time', values: [T0, NaN] }] };
    expect(() => frameToArrow(bad)).toThrow('time field "t" has a non-finite timestamp at row 1');
    const ragged: Frame = {
      name: 'r',
      fields: [
        { name: 't', type: 'time', values: [T0] },
        { name: 'v', type: 'number', values: [1, 2] },
      ],
    };
    expect(() => frameToArrow(ragged)).toThrow('frame "r": field "v" has 2 rows, expected 1');
  });
});
