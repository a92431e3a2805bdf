/**
 * Re-orders ranked root-cause candidates along the service call graph, so that a faulty service beats the callers
 * that merely show its change (our own rule; docs/algorithms/correlation.md, "Root-cause ranking").
 *
 * A failing callee makes its callers' latency and errors move too, often as strongly as its own, and a caller's
 * metric may then score just above the callee's. Each node (service) scores the best score of its rows. Repeatedly:
 * start at the highest-scoring node not yet placed; while the current node has a direct callee not yet placed whose
 * score is at least `ratio` × the starting node's score, step to the best such callee; place the node reached. A
 * callee that did not move (score below the threshold) therefore does not pull its caller down, and a chain
 * (gateway → function → its runtime) is followed to its end. Nodes already visited in one descent are not visited
 * again, so cycles terminate. With no edges among the candidates' nodes every descent stops where it starts and the
 * order of a ranked input (scores descending) is exactly the input's.
 *
 * Rows keep their detail; only their order changes, as little as the node order requires: rows are taken in their
 * input order, except that a row whose node has not appeared yet waits until every node placed before it has
 * appeared. A node that was the best remaining one but was placed after the callee its descent reached is
 * `explainedBy` that callee (the first one, when it was passed over more than once).
 *
 * Rows without a node (no service label, or a value not in the graph) are nodes of their own with no edges: they
 * keep their order relative to each other and take part by score like any other node. Scores are expected ≥ 0
 * (the cause score); NaN scores count as −∞ and never attract a descent. Inputs are never mutated.
 */

/** Callees of each node (row = caller, edge = caller → callee). */
export type CallGraph = ReadonlyMap<string, ReadonlySet<string>>;

export interface CallGraphRow {
  /** The row's node in the call graph; undefined when it has none. */
  node: string | undefined;
  score: number;
}

export interface OrderByCallGraphOptions {
  /** A callee attracts the descent when its score is ≥ ratio × the starting node's score; in (0, 1]. Default 0.9,
   * chosen on the evaluation's settings half. */
  ratio?: number;
}

export interface OrderByCallGraphResult {
  /** Input positions in their new order. */
  order: number[];
  /** Per input position: the callee whose node was placed before this row's node in its stead, or undefined. */
  explainedBy: Array<string | undefined>;
}

export const DEFAULT_CALL_GRAPH_RATIO = 0.9;

/** `rows` in ranked order (score descending; ties keep the earlier row first). */
export function orderByCallGraph(
  rows: readonly CallGraphRow[],
  graph: CallGraph,
  options: OrderByCallGraphOptions = {}
): OrderByCallGraphResult {
  const ratio = options.ratio ?? DEFAULT_CALL_GRAPH_RATIO;
  if (!(ratio > 0 && ratio <= 1)) {
    throw new RangeError(`orderByCallGraph: ratio must be in (0, 1], got ${ratio}`);
  }
  // Node keys: a row without a node gets a key of its own that no graph can name.
  const keyOf = rows.map((r, i) => (r.node === undefined ? `\u0000row${i}` : r.node));
  const score = new Map<string, number>();
  for (let i = 0; i < rows.length; i++) {
    const s = rows[i].score === rows[i].score ? rows[i].score : -Infinity;
    const prev = score.get(keyOf[i]);
    if (prev === undefined || s > prev) {
      score.set(keyOf[i], s);
    }
  }
  // Best first; ties keep the first appearance in the input (Map order), as the input does.
  const byScore = [...score.keys()];
  const firstSeen = new Map(byScore.map((k, i) => [k, i]));
  byScore.sort((a, b) => score.get(b)! - score.get(a)! || firstSeen.get(a)! - firstSeen.get(b)!);
  const remaining = new Map(score);
  const placed: string[] = [];
  const explainedByNode = new Map<string, string>();
  let best = 0;
  while (remaining.size > 0) {
    while (!remaining.has(byScore[best])) {
      best++;
    }
    const top = byScore[best];
    const topScore = score.get(top)!;
    const threshold = ratio * topScore;
    let current = top;
    const seen = new Set([current]);
    for (;;) {
      let next: string | undefined;
      let nextScore = -Infinity;
      for (const c of graph.get(current) ?? []) {
        const v = remaining.get(c);
        if (
          v !== undefined &&
          !seen.has(c) &&
          v >= threshold &&
          v > -Infinity &&
          (next === undefined || v > nextScore)
        ) {
          next = c;
          nextScore = v;
        }
      }
      if (next === undefined) {
        break;
      }
      seen.add(next);
      current = next;
    }
    if (current !== top && !explainedByNode.has(top)) {
      explainedByNode.set(top, current);
    }
    placed.push(current);
    remaining.delete(current);
  }
  return { order: interleave(keyOf, placed), explainedBy: keyOf.map((k) => explainedByNode.get(k)) };
}

/** Input order, except that a row of a node not yet opened waits until the nodes placed before its node opened. */
function interleave(keyOf: readonly string[], placed: readonly string[]): number[] {
  const opened = new Set<string>();
  const taken = new Uint8Array(keyOf.length);
  const order: number[] = [];
  let nextNode = 0;
  let firstFree = 0;
  while (order.length < keyOf.length) {
    while (taken[firstFree]) {
      firstFree++;
    }
    let pick = -1;
    for (let i = firstFree; i < keyOf.length; i++) {
      if (!taken[i] && (opened.has(keyOf[i]) || keyOf[i] === placed[nextNode])) {
        pick = i;
        break;
      }
    }
    // Every node is placed once and every row's node is among them, so a row is always found.
    if (!opened.has(keyOf[pick])) {
      opened.add(keyOf[pick]);
      nextNode++;
    }
    taken[pick] = 1;
    order.push(pick);
  }
  return order;
}
