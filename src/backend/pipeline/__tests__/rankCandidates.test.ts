import { rankCandidates, sameFamily } from '../rankCandidates';

const N = 120;
const W = { window: { start: 60, end: N }, contextSteps: 60, maxLagSteps: 0 };
const wave = (seed: number) => Float64Array.from({ length: N }, (_, i) => Math.sin(i * seed) * 0.1);
const stepped = (seed: number, size: number) => Float64Array.from(wave(seed), (v, i) => 1 + v + (i >= 60 ? size : 0));

const target = { name: 'latency', labels: { service: 'a', quantile: '0.9' }, values: stepped(1.1, 5) };
const sibling = { name: 'latency', labels: { service: 'a', quantile: '0.99' }, values: stepped(1.3, 50) };
const cause = { name: 'cpu', labels: { container: 'b' }, values: stepped(1.7, 20) };
const other = { name: 'latency', labels: { service: 'c', quantile: '0.9' }, values: stepped(2.3, 0) };

test('sameFamily: same name, labels differing only in quantile/le', () => {
  expect(sameFamily(target, sibling)).toBe(true);
  expect(sameFamily(target, other)).toBe(false);
  expect(sameFamily(target, cause)).toBe(false);
});

test("the target's own family ranks after the other candidates by default, and with them when mixed", () => {
  const opts = { method: 'pearson', preprocess: 'difference', rank: 'cause', serviceLabel: 'auto' } as const;
  const apart = rankCandidates(target, [sibling, cause, other], W, { ...opts, family: 'apart' });
  expect(apart.map((r) => r.index)).toEqual([1, 2, 0]);
  expect(apart[2].family).toBe(true);
  const mixed = rankCandidates(target, [sibling, cause, other], W, { ...opts, family: 'mixed' });
  expect(mixed[0].index).toBe(0);
  expect(mixed.every((r) => !r.family)).toBe(true);
});

test('rank comovement orders by |r| alone and reports no change', () => {
  const rows = rankCandidates(target, [sibling, cause, other], W, {
    method: 'pearson',
    preprocess: 'difference',
    rank: 'comovement',
    family: 'mixed',
    serviceLabel: 'auto',
  });
  const abs = rows.map((r) => Math.abs(r.score));
  expect([...abs].sort((a, b) => b - a)).toEqual(abs);
  expect(rows.every((r) => Number.isNaN(r.change))).toBe(true);
});

test('rank dtw orders by DTW distance, nearest shape first', () => {
  const twin = { name: 'twin', labels: {}, values: Float64Array.from(target.values, (v) => 3 * v + 7) };
  const rows = rankCandidates(target, [other, twin], W, {
    method: 'pearson',
    preprocess: 'difference',
    rank: 'dtw',
    family: 'apart',
    serviceLabel: 'auto',
  });
  expect(rows[0].index).toBe(1);
  expect(rows[0].causeScore).toBeCloseTo(0, 9);
  expect(rows[1].causeScore).toBeLessThan(rows[0].causeScore);
});

describe('with a service graph', () => {
  // The gateway calls the database: its latency shows the database's step a little more strongly.
  const gateway = { name: 'latency', labels: { service: 'gateway' }, values: stepped(1.9, 24) };
  const database = { name: 'latency', labels: { service: 'database' }, values: stepped(2.9, 22) };
  const graph = new Map([['gateway', new Set(['database'])]]);
  const cause = { method: 'pearson', preprocess: 'difference', rank: 'cause', family: 'apart' } as const;

  test('without it the caller ranks first, with it the callee does and the caller says why', () => {
    const plain = rankCandidates(target, [gateway, database, other], W, { ...cause, serviceLabel: 'auto' });
    expect(plain.map((r) => r.index)).toEqual([0, 1, 2]);
    expect(plain[0].causeScore).toBeGreaterThan(plain[1].causeScore);
    const ranked = rankCandidates(target, [gateway, database, other], W, { ...cause, serviceLabel: 'auto' }, graph);
    expect(ranked.map((r) => r.index)).toEqual([1, 0, 2]);
    expect(ranked[1].explainedBy).toBe('database');
    expect(ranked[0].explainedBy).toBeUndefined();
    // Rows keep their detail: the same scores as without the graph.
    expect(ranked[1].causeScore).toBe(plain[0].causeScore);
  });

  test('an empty graph, a label that is no node or rank comovement leaves the order as it was', () => {
    const pool = [gateway, database, other];
    const plain = rankCandidates(target, pool, W, { ...cause, serviceLabel: 'auto' });
    expect(rankCandidates(target, pool, W, { ...cause, serviceLabel: 'auto' }, new Map())).toEqual(plain);
    expect(rankCandidates(target, pool, W, { ...cause, serviceLabel: 'job' }, graph)).toEqual(plain);
    const co = { ...cause, rank: 'comovement', serviceLabel: 'auto' } as const;
    expect(rankCandidates(target, pool, W, co, graph)).toEqual(rankCandidates(target, pool, W, co));
  });
});

describe('corroboration by service', () => {
  const opts = {
    method: 'pearson',
    preprocess: 'difference',
    rank: 'cause',
    family: 'apart',
    serviceLabel: 'auto',
  } as const;
  const gateway = { name: 'latency', labels: { service: 'gateway' }, values: stepped(1.9, 24) };
  const dbLatency = { name: 'latency', labels: { service: 'database', quantile: '0.5' }, values: stepped(2.9, 22) };
  const dbLatency99 = { name: 'latency', labels: { service: 'database', quantile: '0.99' }, values: stepped(3.7, 22) };
  const dbErrors = { name: 'errors', labels: { service: 'database' }, values: stepped(3.1, 22) };

  test('a service whose second measurement moved too ranks before a service whose single one moved a little more', () => {
    const alone = rankCandidates(target, [gateway, dbLatency], W, opts);
    expect(alone.map((r) => r.index)).toEqual([0, 1]);
    expect(alone.every((r) => r.corroboration === 0)).toBe(true);
    const both = rankCandidates(target, [gateway, dbLatency, dbErrors], W, opts);
    expect(both[0].index === 1 || both[0].index === 2).toBe(true);
    const db = both.filter((r) => r.index !== 0);
    expect(db[0].corroboration).toBeGreaterThan(0);
    expect(db[1].corroboration).toBe(db[0].corroboration);
    // The score is the row's own score plus its service's corroboration.
    const own = alone.find((r) => r.index === 1)!.causeScore;
    expect(both.find((r) => r.index === 1)!.causeScore).toBeCloseTo(own + db[0].corroboration, 12);
  });

  test('another quantile of the same measurement is no corroboration', () => {
    const rows = rankCandidates(target, [gateway, dbLatency, dbLatency99], W, opts);
    expect(rows[0].index).toBe(0);
    expect(rows.every((r) => r.corroboration === 0)).toBe(true);
  });

  test("rows without a service label, the target's family and rank comovement get none", () => {
    // The target's service a: its load moved, and so did its own other quantile, which is no evidence about it.
    const load = { name: 'load', labels: { service: 'a' }, values: stepped(2.1, 10) };
    const family = rankCandidates(target, [sibling, load, cause, other], W, opts);
    expect(family.every((r) => r.corroboration === 0)).toBe(true);
    const co = rankCandidates(target, [gateway, dbLatency, dbErrors], W, { ...opts, rank: 'comovement' });
    expect(co.every((r) => r.corroboration === 0)).toBe(true);
  });
});
