import { jsonNestingPath, MAX_QUERY_JSON_DEPTH } from '../jsonNestingPath';

function nested(depth: number): unknown {
  let v: unknown = 1;
  for (let i = 0; i < depth; i++) {
    v = i % 2 === 0 ? [v] : { k: v };
  }
  return v;
}

describe('jsonNestingPath', () => {
  it('accepts values up to the depth, scalars included', () => {
    expect(jsonNestingPath(1, 1)).toBeUndefined();
    expect(jsonNestingPath({ a: { b: [1] } }, 3)).toBeUndefined();
    expect(jsonNestingPath(nested(MAX_QUERY_JSON_DEPTH), MAX_QUERY_JSON_DEPTH)).toBeUndefined();
  });

  it('names the path of the first container past the depth', () => {
    expect(jsonNestingPath({ expr: 'x', options: { a: [{ b: {} }] } }, 4)).toBe('options.a[0].b');
    expect(jsonNestingPath({ 'odd key': [[]] }, 2)).toBe('"odd key"[0]');
  });

  it('walks 200,000 levels without overflowing the stack', () => {
    expect(jsonNestingPath({ options: nested(200_000) }, MAX_QUERY_JSON_DEPTH)).toMatch(/^options/);
  });
});
