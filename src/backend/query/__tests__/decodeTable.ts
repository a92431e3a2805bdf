/**
 * Test helper: one Arrow frame (any shape: tables with string and time fields too) as a plain object — time
 * fields in epoch ms, invalid slots null, labels/config/meta parsed.
 */
import { tableFromIPC, Type } from 'apache-arrow';

export interface TableField {
  name: string;
  labels?: Record<string, string>;
  config?: Record<string, any>;
  values: Array<number | string | null>;
}

export interface TableFrame {
  name: string;
  refId: string;
  meta: Record<string, any>;
  fields: TableField[];
  /** Field by name; throws when absent. */
  field(name: string): TableField;
}

export function decodeTable(bytes: Uint8Array): TableFrame {
  const t = tableFromIPC(bytes);
  const md = t.schema.metadata;
  const fields: TableField[] = t.schema.fields.map((f, i) => {
    const col = t.getChildAt(i)!;
    const values: Array<number | string | null> = [];
    for (let r = 0; r < t.numRows; r++) {
      const v = col.get(r);
      values.push(v === null ? null : f.type.typeId === Type.Timestamp ? Number(v) : (v as number | string));
    }
    return {
      name: f.name,
      labels: f.metadata.get('labels') ? JSON.parse(f.metadata.get('labels')!) : undefined,
      config: f.metadata.get('config') ? JSON.parse(f.metadata.get('config')!) : undefined,
      values,
    };
  });
  return {
    name: md.get('name') ?? '',
    refId: md.get('refId') ?? '',
    meta: md.get('meta') ? JSON.parse(md.get('meta')!) : {},
    fields,
    field(name: string) {
      const f = fields.find((x) => x.name === name);
      if (!f) {
        throw new Error(`no field ${name} in frame ${md.get('name')}: ${fields.map((x) => x.name)}`);
      }
      return f;
    },
  };
}
