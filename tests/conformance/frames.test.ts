/**
 * Every frame the executable returns, decoded with apache-arrow and checked against what Grafana's Go reader and
 * alerting need (docs/protocol.md §4 and §5): Arrow IPC file per frame, schema metadata name/refId/meta with
 * `timeseries-multi` [0,1], one frame per label set, Timestamp(NANOSECOND) time, nullable Float64 values, labels and
 * config as JSON field metadata, strings as plain Utf8.
 */
import { Float, Precision, TimeUnit, Timestamp, Type } from 'apache-arrow';
import { decodeFrame, DecodedFrame } from './support/decodeFrame';
import { connect, demoPluginContext, demoQuery } from './support/pluginClients';
import { launchPlugin, RunningPlugin, stopPlugin } from './support/launchPlugin';

jest.setTimeout(60_000);

const FROM = Date.UTC(2024, 0, 8, 12); // Monday noon UTC
const TO = FROM + 999_000;
const NS_PER_MS = BigInt(1_000_000);

/** `frames`: one per series and per output field (raw: 1; band: expected, lower, upper; change: 3). */
const QUERIES: Record<string, { expr: string; frames: number; extra?: object }> = {
  LAT: { expr: 'demo_http_latency_seconds', frames: 4 },
  CPU: { expr: 'demo_cpu_utilization{host=~"web-.*"}', frames: 3 },
  ONE: { expr: 'demo_kafka_bytes_in{broker="kafka-3"}', frames: 1 },
  LEGEND: { expr: 'demo_consumer_lag', frames: 3, extra: { legendFormat: 'lag {{group}}' } },
  // Analysis outputs without history: the band's warm-up and the first 5 minutes of percent change have no value,
  // which must travel as nulls.
  V2: {
    expr: 'demo_http_latency_seconds{service="checkout"}',
    frames: 7,
    extra: {
      schemaVersion: 2,
      outputs: ['raw', 'band', 'change'],
      method: 'moving',
      movingWindow: '5m',
      history: '0s',
      change: { window: '5m' },
    },
  },
};

describe('data frames returned by QueryData', () => {
  let plugin: RunningPlugin;
  let frames: Record<string, { bytes: Buffer[]; decoded: DecodedFrame[] }>;
  beforeAll(async () => {
    plugin = await launchPlugin();
    const clients = connect(plugin.address);
    const res = await clients.queryData({
      pluginContext: demoPluginContext(),
      queries: Object.entries(QUERIES).map(([refId, q]) => demoQuery(refId, q.expr, FROM, TO, q.extra ?? {})),
    });
    clients.close();
    frames = {};
    for (const [refId, r] of Object.entries(res.responses)) {
      if (r.error) {
        throw new Error(`query ${refId} failed: ${r.error}`);
      }
      frames[refId] = { bytes: r.frames, decoded: r.frames.map((b) => decodeFrame(b)) };
    }
  });
  afterAll(async () => {
    await stopPlugin(plugin);
  });

  const all = () =>
    Object.entries(frames).flatMap(([refId, f]) => f.decoded.map((d, i) => ({ refId, d, bytes: f.bytes[i] })));

  it('answers every query with one frame per selected series and output field', () => {
    expect(Object.keys(frames).sort()).toEqual(Object.keys(QUERIES).sort());
    for (const [refId, q] of Object.entries(QUERIES)) {
      expect(frames[refId].decoded).toHaveLength(q.frames);
    }
  });

  it('encodes each frame as its own Arrow IPC file (ARROW1 magic at both ends, not the stream format)', () => {
    for (const { bytes, d } of all()) {
      expect(d.fileMagicAtBothEnds).toBe(true);
      expect(bytes.subarray(0, 6).toString('latin1')).toBe('ARROW1');
      expect(bytes.subarray(bytes.length - 6).toString('latin1')).toBe('ARROW1');
    }
  });

  it('writes schema metadata name, refId and meta {type: timeseries-multi, typeVersion [0,1]}', () => {
    for (const { refId, d } of all()) {
      expect(d.schemaMetadata.has('name')).toBe(true);
      expect(d.refId).toBe(refId);
      expect(d.meta?.type).toBe('timeseries-multi');
      expect(d.meta?.typeVersion).toEqual([0, 1]);
    }
  });

  it('has exactly [time, value] per frame: Timestamp(NANOSECOND, no zone) non-null, then nullable Float64', () => {
    for (const { d } of all()) {
      expect(d.fields).toHaveLength(2);
      const [time, value] = d.fields;
      expect(time.type.typeId).toBe(Type.Timestamp);
      expect((time.type as Timestamp).unit).toBe(TimeUnit.NANOSECOND);
      expect((time.type as Timestamp).timezone ?? null).toBeNull();
      expect(time.nullCount).toBe(0);
      expect(time.labels).toBeUndefined();

      expect(value.type.typeId).toBe(Type.Float);
      expect((value.type as Float).precision).toBe(Precision.DOUBLE);
      // Grafana honours the validity bitmap only when the Arrow field is nullable (docs/protocol.md §4.3).
      expect(value.nullable).toBe(true);
    }
  });

  it('writes nanosecond timestamps inside the requested range, strictly ascending', () => {
    for (const { d } of all()) {
      const ts = d.fields[0].values as bigint[];
      expect(ts).toHaveLength(1000);
      expect(ts[0]).toBeGreaterThanOrEqual(BigInt(FROM) * NS_PER_MS);
      expect(ts[ts.length - 1]).toBeLessThanOrEqual(BigInt(TO) * NS_PER_MS);
      expect(ts.every((t, i) => i === 0 || t > ts[i - 1])).toBe(true);
    }
  });

  it('keeps values finite or null (NaN never travels as a value), null count matching the validity bitmap', () => {
    for (const { d } of all()) {
      const value = d.fields[1];
      const nulls = value.values.filter((v) => v === null).length;
      expect(nulls).toBe(value.nullCount);
      expect(value.values.every((v) => v === null || Number.isFinite(v as number))).toBe(true);
    }
  });

  it('writes missing values as nulls in the validity bitmap, read back as null where the analysis has no value', () => {
    const change = frames.V2.decoded.find((d) => d.fields[1].name === 'percent_change');
    expect(change).toBeDefined();
    const values = change!.fields[1].values;
    const firstValue = values.findIndex((v) => v !== null);
    // Percent change over 5 minutes needs a value 5 minutes earlier; with no history the first ones have none.
    expect(change!.fields[1].nullCount).toBeGreaterThan(0);
    expect(firstValue).toBe(change!.fields[1].nullCount);
    expect(values.slice(firstValue).every((v) => typeof v === 'number' && Number.isFinite(v))).toBe(true);
  });

  it('puts the series labels on the value field as JSON, unique per refId', () => {
    for (const [refId, f] of Object.entries(frames)) {
      const keys = f.decoded.map((d) => JSON.stringify(d.fields[1].labels));
      expect(new Set(keys).size).toBe(keys.length);
      for (const d of f.decoded) {
        expect(d.fields[1].labels).toEqual(expect.any(Object));
        expect(Object.keys(d.fields[1].labels!).length).toBeGreaterThan(0);
      }
      if (refId === 'LAT') {
        expect(f.decoded.map((d) => d.fields[1].labels!.service).sort()).toEqual([
          'cart',
          'checkout',
          'payments',
          'search',
        ]);
      }
    }
  });

  it('writes field config as JSON: the metric unit, and displayNameFromDS from legendFormat', () => {
    for (const d of frames.LAT.decoded) {
      expect(d.fields[1].config).toEqual(expect.objectContaining({ unit: 's' }));
    }
    for (const d of frames.LEGEND.decoded) {
      expect(d.fields[1].config?.displayNameFromDS).toBe(`lag ${d.fields[1].labels!.group}`);
    }
  });

  it('uses no Arrow type Grafana cannot read (Dictionary, LargeUtf8, Date, Decimal, List, Struct, Null)', () => {
    const readable = new Set([Type.Timestamp, Type.Float, Type.Int, Type.Utf8, Type.Bool, Type.Binary]);
    for (const { d } of all()) {
      for (const f of d.fields) {
        expect(readable.has(f.type.typeId)).toBe(true);
        expect(f.type.typeId).not.toBe(Type.Dictionary);
      }
    }
  });

  it('answers a selector that matches nothing with one empty typed frame (dataplane "no data")', async () => {
    const clients = connect(plugin.address);
    const res = await clients.queryData({
      pluginContext: demoPluginContext(),
      queries: [demoQuery('EMPTY', 'demo_cpu_utilization{host="no-such-host"}', FROM, TO)],
    });
    clients.close();
    const r = res.responses.EMPTY;
    expect(r.error).toBe('');
    expect(r.frames).toHaveLength(1);
    const d = decodeFrame(r.frames[0]);
    expect(d.fileMagicAtBothEnds).toBe(true);
    expect(d.rows).toBe(0);
    expect(d.refId).toBe('EMPTY');
    expect(d.meta?.type).toBe('timeseries-multi');
  });
});
