/**
 * Correlation ranking: one target against 5,000 candidates × 1,000 points, lags ±10 (goal < 1 s, one core),
 * against (a) a naive implementation in the same process (slice per lag + stats `pearson`) and (b) numpy,
 * vectorised over candidates, timed by /usr/bin/python3 itself. Then DTW (band 10): ours vs augurs `Dtw`.
 * Run: npm run bench -- correlation
 */
import { execFileSync } from 'node:child_process';
import { Dtw } from '@bsull/augurs/dtw';
import { dtwDistance } from '../src/analytics/correlation/dtwDistance';
import { rankCorrelations } from '../src/analytics/correlation/rankCorrelations';
import { orderByCallGraph } from '../src/analytics/rootCause/orderByCallGraph';
import { corroborateByService } from '../src/analytics/rootCause/corroborateByService';
import { rankRootCauses } from '../src/analytics/rootCause/rankRootCauses';
import { pearson } from '../src/analytics/stats/pearson';
import { loadAugursForTests } from '../tests/helpers/loadAugursWasm';
import { report, seededRandom, time } from './harness';

const N_CAND = 5000;
const LEN = 1000;
const LAG = 10;

function walk(rand: () => number, n: number): Float64Array {
  const out = new Float64Array(n);
  let acc = 0;
  for (let i = 0; i < n; i++) {
    acc += rand() - 0.5;
    out[i] = acc;
  }
  return out;
}

function heapDeltaMb(fn: () => unknown): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const before = process.memoryUsage().heapUsed;
  const keep = fn();
  const after = process.memoryUsage().heapUsed;
  void keep;
  return (after - before) / 1e6;
}

/** Naive reference: same semantics (difference, lag search), plain arrays, one slice per lag. */
function naiveRank(target: ArrayLike<number>, cands: ArrayLike<number>[], maxLag: number) {
  const diff = (s: ArrayLike<number>) => Array.from(s, (v, i) => (i === 0 ? NaN : v - s[i - 1]));
  const t = diff(target);
  return cands
    .map((c, index) => {
      const x = diff(c);
      let best = NaN;
      let lag = 0;
      for (let k = -maxLag; k <= maxLag; k++) {
        const ys: number[] = [];
        const xs: number[] = [];
        for (let i = Math.max(0, k); i < Math.min(LEN, LEN + k); i++) {
          ys.push(t[i]);
          xs.push(x[i - k]);
        }
        const r = pearson(ys, xs);
        if (r === r && !(Math.abs(r) <= Math.abs(best))) {
          best = r;
          lag = k;
        }
      }
      return { index, score: best, lag };
    })
    .sort((a, b) => Math.abs(b.score) - Math.abs(a.score) || a.index - b.index);
}

const NUMPY_SCRIPT = `
import time, numpy as np
rng = np.random.default_rng(1)
n, L, K = ${LEN}, ${LAG}, ${N_CAND}
t = np.cumsum(rng.random(n) - 0.5); C = np.cumsum(rng.random((K, n)) - 0.5, axis=1)
def run():
    y = np.diff(t); X = np.diff(C, axis=1); m = len(y)
    best = np.zeros(K); lag = np.zeros(K, dtype=int)
    for k in range(-L, L + 1):
        i0, i1 = max(0, k), min(m, m + k)
        a = y[i0:i1]; B = X[:, i0 - k:i1 - k]
        a = (a - a.mean()) / a.std(); B = B - B.mean(axis=1, keepdims=True)
        r = (B @ a) / (np.sqrt((B * B).sum(axis=1)) * np.sqrt(len(a)))
        upd = np.abs(r) > np.abs(best); best[upd] = r[upd]; lag[upd] = k
    return np.argsort(-np.abs(best), kind="stable")
run()
ts = []
for _ in range(5):
    t0 = time.perf_counter(); run(); ts.append((time.perf_counter() - t0) * 1000)
print(sorted(ts)[2])
`;

function main(): void {
  loadAugursForTests();
  const rand = seededRandom(42);
  const target = walk(rand, LEN);
  const cands: Float64Array[] = [];
  for (let c = 0; c < N_CAND; c++) {
    // Every 50th candidate follows the target with a lag, the rest are independent walks.
    cands.push(
      c % 50 === 0
        ? Float64Array.from(target, (v, i) => target[Math.max(0, i - (c % 7))] + 0.1 * rand())
        : walk(rand, LEN)
    );
  }
  console.log(`rankCorrelations: 1 target vs ${N_CAND} candidates × ${LEN} points, lag ±${LAG} (difference)`);

  const naive = time(() => naiveRank(target, cands, LAG), 1, 0);
  const pearsonT = time(() => rankCorrelations(target, cands, { maxLag: LAG }), 5, 1);
  report('rankCorrelations pearson (ours)', pearsonT, { label: 'naive JS', medianMs: naive.medianMs });
  let numpyMs = NaN;
  try {
    numpyMs = Number(
      execFileSync('/usr/bin/python3', ['-c', NUMPY_SCRIPT], { encoding: 'utf8', timeout: 120_000 }).trim()
    );
  } catch (e) {
    console.log(`numpy reference unavailable: ${(e as Error).message}`);
  }
  if (numpyMs === numpyMs) {
    report('rankCorrelations pearson (ours)', pearsonT, { label: 'numpy vectorised', medianMs: numpyMs });
  }
  const spearmanT = time(() => rankCorrelations(target, cands, { maxLag: LAG, method: 'spearman' }), 3, 1);
  report('rankCorrelations spearman (ours)', spearmanT, { label: 'ours, pearson', medianMs: pearsonT.medianMs });
  const detrendT = time(() => rankCorrelations(target, cands, { maxLag: LAG, preprocess: 'detrend' }), 5, 1);
  report('rankCorrelations pearson, detrend (ours)', detrendT);
  // The correlations query's default since the root-cause ranking: the window is the second half, the baseline the
  // first (context auto; the co-movement is measured inside the window), against the former default
  // (rankCorrelations over baseline + window) in the same run.
  const halves = { window: { start: LEN / 2, end: LEN }, contextBefore: LEN / 2, maxLag: LAG };
  const formerT = time(() => rankCorrelations(target, cands, halves), 5, 1);
  const causeT = time(
    () => rankRootCauses(target, cands, { window: halves.window, baselineBefore: LEN / 2, maxLag: LAG }),
    5,
    1
  );
  report('rankRootCauses, baseline 500 + window 500 (ours)', causeT, {
    label: 'rankCorrelations, same range',
    medianMs: formerT.medianMs,
  });
  // The service-graph ordering after it (rankCandidates with a graph): every candidate its own service, each calling 3
  // others (the most services, so the most descents), and 500 services of 10 rows each (rows that wait to be placed).
  const ranked = rankRootCauses(target, cands, { window: halves.window, baselineBefore: LEN / 2, maxLag: LAG }).rows;
  const graphRand = seededRandom(7);
  for (const perService of [1, 10]) {
    const services = N_CAND / perService;
    const graph = new Map<string, Set<string>>();
    for (let s = 0; s < services; s++) {
      graph.set(`svc${s}`, new Set(Array.from({ length: 3 }, () => `svc${Math.floor(graphRand() * services)}`)));
    }
    const rows = ranked.map((r) => ({ node: `svc${r.index % services}`, score: r.score }));
    const graphT = time(() => orderByCallGraph(rows, graph), 5, 1);
    report(`orderByCallGraph, ${services} services × ${perService} rows (ours)`, graphT, {
      label: 'rankRootCauses before it',
      medianMs: causeT.medianMs,
    });
  }
  // The corroboration by service (rankCandidates, every cause query): 500 services of 10 rows in 7 measurements.
  const corroRows = ranked.map((r) => ({
    service: `svc${r.index % 500}`,
    measurement: `m${r.index % 7}`,
    score: r.score,
  }));
  const corroT = time(() => corroborateByService(corroRows), 5, 1);
  report('corroborateByService, 500 services × 10 rows (ours)', corroT, {
    label: 'rankRootCauses before it',
    medianMs: causeT.medianMs,
  });
  const gappy = cands.map((c, i) => (i % 10 === 0 ? Float64Array.from(c, (v, j) => (j % 97 === 0 ? NaN : v)) : c));
  const gappyT = time(() => rankCorrelations(target, gappy, { maxLag: LAG }), 5, 1);
  report('rankCorrelations pearson, 10% gappy candidates', gappyT);

  // Same answer as the naive reference: same order of the top 50 and same lags.
  const ours = rankCorrelations(target, cands, { maxLag: LAG });
  const ref = naiveRank(target, cands, LAG);
  const agree = ours
    .slice(0, 50)
    .every((r, i) => r.index === ref[i].index && r.lag === ref[i].lag && Math.abs(r.score - ref[i].score) < 1e-9);
  console.log(`top-50 agreement with naive reference: ${agree}`);
  console.log(
    `heap delta of one pearson run: ${heapDeltaMb(() => rankCorrelations(target, cands, { maxLag: LAG })).toFixed(1)} MB`
  );

  // DTW, band 10, 1000 points: ours vs augurs on the same 200 pairs.
  const pairs = cands.slice(0, 200);
  const dtwAugurs = new Dtw('euclidean', { window: LAG });
  const rows: [Float64Array, Float64Array] = [new Float64Array(LEN + 1), new Float64Array(LEN + 1)];
  const dtwOurs = time(() => pairs.map((c) => dtwDistance(target, c, { window: LAG, rows })), 5, 1);
  const dtwTheirs = time(() => pairs.map((c) => dtwAugurs.distance(target, c)), 5, 1);
  report('dtwDistance ×200, 1000 points, band 10 (ours)', dtwOurs, {
    label: 'augurs Dtw',
    medianMs: dtwTheirs.medianMs,
  });
  const maxDiff = Math.max(
    ...pairs.map((c) => Math.abs(dtwDistance(target, c, { window: LAG }) - dtwAugurs.distance(target, c)))
  );
  console.log(`max |ours − augurs| DTW distance: ${maxDiff.toExponential(2)}`);
  dtwAugurs.free();
}

main();
