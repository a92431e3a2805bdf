import { callGraphFromSeries } from '../callGraphFromSeries';

const edge = (client: string, server: string, values: number[], extra: Record<string, string> = {}) => ({
  labels: { client, server, ...extra },
  values,
});

describe('callGraphFromSeries', () => {
  test('a series with a sample > 0 is an edge client → server; several series of one pair are one edge', () => {
    const r = callGraphFromSeries([
      edge('frontend', 'orders', [NaN, 0, 4]),
      edge('frontend', 'orders', [1], { connection_type: 'database' }),
      edge('orders', 'db', [2]),
    ]);
    expect(r).toEqual({
      ok: true,
      edges: 2,
      graph: new Map([
        ['frontend', new Set(['orders'])],
        ['orders', new Set(['db'])],
      ]),
    });
  });

  test('a counter that counted nothing, a self-call or a series without both labels is no edge', () => {
    const r = callGraphFromSeries([
      edge('a', 'b', [0, 0, NaN]),
      edge('a', 'a', [5]),
      { labels: { client: 'a' }, values: [5] },
    ]);
    expect(r).toEqual({ ok: true, edges: 0, graph: new Map() });
  });

  test('series of which none has client and server labels are refused with the reason', () => {
    const r = callGraphFromSeries([{ labels: { job: 'x' }, values: [1] }]);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.reason).toMatch(/client and server labels/);
  });

  test('more edges than the bound are refused before the graph is built', () => {
    const many = Array.from({ length: 5 }, (_, i) => edge('caller', `callee${i}`, [1]));
    expect(callGraphFromSeries(many, 5).ok).toBe(true);
    const r = callGraphFromSeries([...many, edge('x', 'y', [1])], 5);
    expect(r).toEqual({ ok: false, reason: 'the service graph has more than 5 edges' });
  });
});
