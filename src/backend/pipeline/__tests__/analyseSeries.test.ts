import { validateQuery } from '../../../shared/validateQuery';
import type { LensQuery } from '../../../shared/queryModel';
import { analyseSeries } from '../analyseSeries';

function series(n: number): { timestamps: Float64Array; values: Float64Array } {
  const timestamps = new Float64Array(n);
  const values = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    timestamps[i] = 1_700_000_000_000 + i * 60_000;
    values[i] = 50 + 10 * Math.sin((2 * Math.PI * i) / 60) + (i === n - 20 ? 200 : 0);
  }
  return { timestamps, values };
}

describe('analyseSeries', () => {
  it('writes the visible copies into the block visibleBlock gives, with the same values as fresh arrays', () => {
    const o = validateQuery({ refId: 'A', expr: 'x', schemaVersion: 2, outputs: ['raw', 'band', 'flag'] } as LensQuery);
    const input = { ...series(600), visibleStart: 400, stepMs: 60_000 };
    const fresh = analyseSeries(input, o);
    const blocks: Float64Array[] = [];
    const given = analyseSeries(
      {
        ...input,
        visibleBlock: (length) => {
          const b = new Float64Array(length);
          blocks.push(b);
          return b;
        },
      },
      o
    );
    expect(blocks).toHaveLength(1);
    expect([...given.fields.keys()]).toEqual([...fresh.fields.keys()]);
    for (const [field, values] of given.fields) {
      expect(values.buffer).toBe(blocks[0].buffer);
      expect(Array.from(values)).toEqual(Array.from(fresh.fields.get(field)!));
    }
  });
});
