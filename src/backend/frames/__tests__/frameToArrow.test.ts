import { Precision, RecordBatchFileReader, tableFromIPC, TimestampNanosecond, TimeUnit, Type } from 'apache-arrow';
import { REDACTED, redactor } from '../../server/redact';
import { ByteArena } from '../ByteArena';
import { frameToArrow, frameToArrowIn } from '../frameToArrow';
import type { Frame } from '../frame';

const T0 = Date.UTC(2026, 0, 5, 12, 0, 0);
const ascii = (b: Uint8Array) => Buffer.from(b).toString('latin1');

function sample(): Frame {
  return {
    name: 'cpu',
    refId: 'A',
    meta: { type: 'timeseries-multi', typeVersion: [0, 1] },
    fields: [
      { name: 'time', type: 'time', values: [T0, T0 + 60_000, T0 + 120_000], config: { interval: 60_000 } },
      { name: 'value', type: 'number', values: [0.5, null, NaN], labels: { host: 'web-1' }, config: { unit: 's' } },
      { name: 'note', type: 'string', values: ['ä', null, 'ok'] },
    ],
  };
}

test('frameToArrow writes the Arrow IPC file format (ARROW1 magic at both ends), not the stream format', () => {
  const bytes = frameToArrow(sample());
  expect(ascii(bytes.subarray(0, 6))).toBe('ARROW1');
  expect(ascii(bytes.subarray(bytes.length - 6))).toBe('ARROW1');
});

test('frameToArrow writes schema metadata name, refId and meta JSON', () => {
  const t = tableFromIPC(frameToArrow(sample()));
  expect(t.schema.metadata.get('name')).toBe('cpu');
  expect(t.schema.metadata.get('refId')).toBe('A');
  expect(JSON.parse(t.schema.metadata.get('meta')!)).toEqual({ type: 'timeseries-multi', typeVersion: [0, 1] });
});

test('frameToArrow writes time as non-null Timestamp(NANOSECOND) without timezone from exact integer nanoseconds', () => {
  const t = tableFromIPC(frameToArrow(sample()));
  const f = t.schema.fields[0];
  expect(f.type.typeId).toBe(Type.Timestamp);
  expect((f.type as TimestampNanosecond).unit).toBe(TimeUnit.NANOSECOND);
  expect((f.type as TimestampNanosecond).timezone ?? null).toBeNull();
  expect(f.nullable).toBe(false);
  expect(f.metadata.get('tstype')).toBe('time');
  expect(JSON.parse(f.metadata.get('config')!)).toEqual({ interval: 60_000 });
  const raw = t.getChild('time')!.data[0].values as BigInt64Array;
  const M = BigInt(1_000_000);
  expect(Array.from(raw)).toEqual([BigInt(T0) * M, BigInt(T0 + 60_000) * M, BigInt(T0 + 120_000) * M]);
});

test('frameToArrow writes numbers as nullable Float64 with a validity bitmap; null and NaN read back as null', () => {
  const t = tableFromIPC(frameToArrow(sample()));
  const f = t.schema.fields[1];
  expect(f.type.typeId).toBe(Type.Float);
  expect((f.type as unknown as { precision: Precision }).precision).toBe(Precision.DOUBLE);
  expect(f.nullable).toBe(true);
  expect(f.metadata.get('tstype')).toBe('number');
  expect(JSON.parse(f.metadata.get('labels')!)).toEqual({ host: 'web-1' });
  expect(JSON.parse(f.metadata.get('config')!)).toEqual({ unit: 's' });
  const col = t.getChild('value')!;
  expect([col.get(0), col.get(1), col.get(2)]).toEqual([0.5, null, null]);
  expect(col.nullCount).toBe(2);
});

test('frameToArrow writes strings as plain Utf8, never Dictionary', () => {
  const t = tableFromIPC(frameToArrow(sample()));
  const f = t.schema.fields[2];
  expect(f.type.typeId).toBe(Type.Utf8);
  expect(f.nullable).toBe(true);
  expect(t.getChild('note')!.toArray()).toEqual(['ä', null, 'ok']);
});

test('frameToArrow omits labels and config metadata when empty', () => {
  const t = tableFromIPC(
    frameToArrow({ fields: [{ name: 'v', type: 'number', values: [1], labels: {}, config: {} }] })
  );
  expect([...t.schema.fields[0].metadata.keys()]).toEqual(['tstype']);
  expect(t.schema.metadata.has('meta')).toBe(false);
  expect(t.schema.metadata.get('name')).toBe('');
});

test('frameToArrow writes a zero-row frame as a schema with no record batch', () => {
  const bytes = frameToArrow({
    refId: 'B',
    fields: [
      { name: 'time', type: 'time', values: [] },
      { name: 'v', type: 'number', values: [] },
    ],
  });
  const reader = RecordBatchFileReader.from(bytes);
  reader.open();
  expect(reader.numRecordBatches).toBe(0);
  const t = tableFromIPC(bytes);
  expect(t.numRows).toBe(0);
  expect(t.schema.fields.map((f) => f.name)).toEqual(['time', 'v']);
});

test('frameToArrow keeps sub-millisecond precision and dates beyond 2^53 ns exactly', () => {
  const far = Date.UTC(2262, 0, 1); // 9.2e18 ns is close to the int64 limit
  const t = tableFromIPC(frameToArrow({ fields: [{ name: 'time', type: 'time', values: [far, 1.5] }] }));
  const raw = t.getChild('time')!.data[0].values as BigInt64Array;
  expect(raw[0]).toBe(BigInt(far) * BigInt(1_000_000));
  expect(raw[1]).toBe(BigInt(1_500_000));
});

test('frameToArrow rejects ragged frames and non-finite timestamps with clear errors', () => {
  expect(() =>
    frameToArrow({
      name: 'x',
      fields: [
        { name: 'time', type: 'time', values: [1, 2] },
        { name: 'v', type: 'number', values: [1] },
      ],
    })
  ).toThrow('field "v" has 1 rows, expected 2');
  expect(() => frameToArrow({ fields: [{ name: 'time', type: 'time', values: [NaN] }] })).toThrow(
    'non-finite timestamp at row 0'
  );
});

test('frameToArrow masks registered secrets in notices, labels and config, wherever the text came from', () => {
  const secret = 'frame-secret-Qx81';
  redactor.registerSecret(secret);
  const frame = sample();
  frame.meta = { ...frame.meta, notices: [{ severity: 'warning', text: `Upstream warning: tenant ${secret}` }] };
  frame.fields[1].labels = { tenant: secret };
  const bytes = frameToArrow(frame);
  expect(Buffer.from(bytes).includes(secret)).toBe(false);
  const t = tableFromIPC(bytes);
  expect(JSON.parse(t.schema.metadata.get('meta') ?? '{}').notices[0].text).toBe(
    `Upstream warning: tenant ${REDACTED}`
  );
});

test('frames sharing one timestamps array each carry the same exact times (the column is encoded once)', () => {
  const times = Float64Array.from([T0, T0 + 0.25, T0 + 60_000]);
  const frame = (name: string): Frame => ({
    name,
    fields: [
      { name: 'time', type: 'time', values: times },
      { name, type: 'number', values: [1, 2, 3] },
    ],
  });
  const M = BigInt(1_000_000);
  const expected = [BigInt(T0) * M, BigInt(T0) * M + BigInt(250_000), BigInt(T0 + 60_000) * M];
  for (const name of ['expected', 'lower', 'upper']) {
    const raw = tableFromIPC(frameToArrow(frame(name))).getChild('time')!.data[0].values as BigInt64Array;
    expect(Array.from(raw)).toEqual(expected);
  }
});

test('frameToArrowIn writes the same bytes as frameToArrow into blocks of a shared arena, each file intact', () => {
  const frames: Frame[] = [
    sample(),
    { ...sample(), name: 'other', refId: 'B' },
    { name: 'empty', fields: [] },
    sample(),
  ];
  const arena = new ByteArena(4096);
  const written = frames.map((f) => frameToArrowIn(f, (n) => arena.take(n)));
  expect(written[1].buffer).toBe(written[0].buffer);
  written.forEach((bytes, i) => {
    expect(Array.from(bytes)).toEqual(Array.from(frameToArrow(frames[i])));
  });
  expect(tableFromIPC(written[3]).getChild('value')!.toArray()[0]).toBe(0.5);
});
