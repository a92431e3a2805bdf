import { CallGraph, CallGraphRow, orderByCallGraph } from '../orderByCallGraph';

function graph(edges: Array<[string, string]>): CallGraph {
  const g = new Map<string, Set<string>>();
  for (const [caller, callee] of edges) {
    g.set(caller, (g.get(caller) ?? new Set()).add(callee));
  }
  return g;
}

const nodesInOrder = (rows: CallGraphRow[], order: number[]) => order.map((i) => rows[i].node);

describe('orderByCallGraph', () => {
  test('a caller showing the same change as its callee ranks after it, and says which callee explains it', () => {
    const rows: CallGraphRow[] = [
      { node: 'gateway', score: 10 },
      { node: 'lambda', score: 9.5 },
      { node: 'db', score: 3 },
    ];
    const { order, explainedBy } = orderByCallGraph(rows, graph([['gateway', 'lambda']]));
    expect(nodesInOrder(rows, order)).toEqual(['lambda', 'gateway', 'db']);
    expect(explainedBy).toEqual(['lambda', undefined, undefined]);
  });

  test('a chain is followed to its end: the faulty service at the bottom ranks first', () => {
    const rows: CallGraphRow[] = [
      { node: 'stage', score: 10 },
      { node: 'other', score: 9.9 },
      { node: 'lambda', score: 9.6 },
      { node: 'function', score: 9.2 },
    ];
    const g = graph([
      ['stage', 'lambda'],
      ['lambda', 'function'],
    ]);
    const { order, explainedBy } = orderByCallGraph(rows, g);
    // 9.2 ≥ 0.9 × 10: stage → lambda → function; then stage (10) descends to lambda (9.6); then stage by its score.
    expect(nodesInOrder(rows, order)).toEqual(['function', 'lambda', 'stage', 'other']);
    expect(explainedBy).toEqual(['function', undefined, undefined, undefined]);
  });

  test('a callee that did not move does not pull its caller down', () => {
    const rows: CallGraphRow[] = [
      { node: 'frontend', score: 10 },
      { node: 'auth', score: 8.9 },
      { node: 'cache', score: 2 },
    ];
    const { order, explainedBy } = orderByCallGraph(
      rows,
      graph([
        ['frontend', 'cache'],
        ['frontend', 'auth'],
      ])
    );
    // 8.9 < 0.9 × 10: nothing below frontend moved with it.
    expect(order).toEqual([0, 1, 2]);
    expect(explainedBy.every((e) => e === undefined)).toBe(true);
  });

  test('the ratio sets how close the callee must come', () => {
    const rows: CallGraphRow[] = [
      { node: 'a', score: 10 },
      { node: 'b', score: 8 },
    ];
    const g = graph([['a', 'b']]);
    expect(orderByCallGraph(rows, g, { ratio: 0.9 }).order).toEqual([0, 1]);
    expect(orderByCallGraph(rows, g, { ratio: 0.8 }).order).toEqual([1, 0]);
    expect(() => orderByCallGraph(rows, g, { ratio: 0 })).toThrow(RangeError);
    expect(() => orderByCallGraph(rows, g, { ratio: 1.5 })).toThrow(RangeError);
  });

  test('cycles terminate', () => {
    const rows: CallGraphRow[] = [
      { node: 'a', score: 10 },
      { node: 'b', score: 9.8 },
      { node: 'c', score: 9.5 },
    ];
    const g = graph([
      ['a', 'b'],
      ['b', 'c'],
      ['c', 'a'],
      ['b', 'a'],
    ]);
    const { order } = orderByCallGraph(rows, g);
    expect(nodesInOrder(rows, order)).toEqual(['c', 'b', 'a']);
  });

  test('nodes absent from the graph, and rows without a node, keep their order', () => {
    const rows: CallGraphRow[] = [
      { node: undefined, score: 12 },
      { node: 'x', score: 11 },
      { node: 'caller', score: 10 },
      { node: undefined, score: 9.7 },
      { node: 'callee', score: 9.5 },
      { node: 'y', score: 1 },
    ];
    const { order } = orderByCallGraph(rows, graph([['caller', 'callee']]));
    expect(order).toEqual([0, 1, 4, 2, 3, 5]);
  });

  test('with no edges among the nodes a ranked input keeps exactly its order', () => {
    const rows: CallGraphRow[] = [
      { node: 'b', score: 7 },
      { node: 'a', score: 5 },
      { node: 'a', score: 4 },
      { node: 'b', score: 1 },
      { node: 'c', score: NaN },
    ];
    const { order, explainedBy } = orderByCallGraph(rows, graph([['zz', 'a']]));
    expect(order).toEqual([0, 1, 2, 3, 4]);
    expect(explainedBy.every((e) => e === undefined)).toBe(true);
  });

  test('rows of a node stay in their input order and move only as far as the node order requires', () => {
    const rows: CallGraphRow[] = [
      { node: 'caller', score: 10 },
      { node: 'other', score: 9.8 },
      { node: 'callee', score: 9.5 },
      { node: 'caller', score: 8 },
      { node: 'callee', score: 7 },
    ];
    const { order, explainedBy } = orderByCallGraph(rows, graph([['caller', 'callee']]));
    expect(order).toEqual([2, 0, 1, 3, 4]);
    expect(explainedBy).toEqual(['callee', undefined, undefined, 'callee', undefined]);
  });

  test('a NaN score never attracts a descent, and inputs are not mutated', () => {
    const rows: CallGraphRow[] = [
      { node: 'a', score: 0 },
      { node: 'b', score: NaN },
    ];
    const copy = JSON.parse(JSON.stringify(rows));
    expect(orderByCallGraph(rows, graph([['a', 'b']])).order).toEqual([0, 1]);
    expect(JSON.parse(JSON.stringify(rows))).toEqual(copy);
  });
});
