/**
 * Test helper: decodes the Arrow frames of one DataResponse into plain objects (time in epoch ms, values with
 * null for invalid slots, labels/config/meta parsed), the way Grafana's SDK reads them.
 */
import { tableFromIPC } from 'apache-arrow';

export interface PlainField {
  name: string;
  labels?: Record<string, string>;
  config?: Record<string, any>;
  values: Array<number | null>;
}

export interface PlainFrame {
  name: string;
  refId: string;
  meta: Record<string, any>;
  time: number[];
  value: PlainField;
}

export function decodeResponse(frames: Uint8Array[] | undefined): PlainFrame[] {
  return (frames ?? []).map((bytes) => {
    const t = tableFromIPC(bytes);
    const md = t.schema.metadata;
    const meta = md.get('meta') ? JSON.parse(md.get('meta')!) : {};
    if (t.schema.fields.length === 0) {
      return {
        name: md.get('name') ?? '',
        refId: md.get('refId') ?? '',
        meta,
        time: [],
        value: { name: '', values: [] },
      };
    }
    const [tf, vf] = t.schema.fields;
    const timeCol = t.getChildAt(0)!;
    const valueCol = t.getChildAt(1)!;
    const time: number[] = [];
    const values: Array<number | null> = [];
    for (const chunk of timeCol.data) {
      const raw = chunk.values as BigInt64Array;
      for (let i = 0; i < chunk.length; i++) {
        time.push(Number(raw[i] / BigInt(1_000_000)));
      }
    }
    for (let i = 0; i < t.numRows; i++) {
      const v = valueCol.get(i);
      values.push(v === null ? null : Number(v));
    }
    expectTimeField(tf.name);
    return {
      name: md.get('name') ?? '',
      refId: md.get('refId') ?? '',
      meta,
      time,
      value: {
        name: vf.name,
        labels: vf.metadata.get('labels') ? JSON.parse(vf.metadata.get('labels')!) : undefined,
        config: vf.metadata.get('config') ? JSON.parse(vf.metadata.get('config')!) : undefined,
        values,
      },
    };
  });
}

function expectTimeField(name: string): void {
  if (name !== 'time') {
    throw new Error(`first field is ${name}, expected time`);
  }
}
