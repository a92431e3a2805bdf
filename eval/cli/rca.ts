/**
 * Root-cause evaluation on PetShop (and Sock Shop with `--sockshop`): for every issue, rank the candidates with the
 * product path of a `correlations` query at its defaults (and each documented option set), and report top-1 / top-3
 * accuracy at service level (and metric level for Sock Shop) beside two baselines computed here: the z-score of the
 * issue period against the normal period, and its median/IQR variant. See EVALUATION.md §3.
 *
 *   npx tsx eval/cli/rca.ts -- --data /work/shared/data/petshop --out /tmp/rca [--sockshop /work/shared/data/sock-shop]
 *
 * Data layout (PetShop, Hardt et al. 2023): `<data>/<scenario>/noissue/metrics.csv` (normal period) and
 * `<data>/<scenario>/{train,test}/issue_N/{metrics.csv,target.json}`. metrics.csv has four header rows
 * (microservice, metric, statistic, unix_timestamp) then one row per timestamp; empty cells are gaps.
 * target.json names the target node/metric/agg and the root-cause node. `<data>/<scenario>/graph.csv`, when present,
 * is the scenario's call graph (adjacency matrix with node names as first row and column, row = caller, column =
 * callee, > 0 = edge): the product gets its edges as the service-graph series a query would fetch. No method trains on
 * anything, so train and test issues are both evaluated (and reported apart). The target node itself is not a
 * candidate.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { rankCorrelations } from '../../src/analytics/correlation/rankCorrelations';
import type { CorrelateOptions } from '../../src/shared/queryModel';
import {
  EvalSeries,
  productRanking,
  ServiceEdge,
  rankOf,
  rankServices,
  robustShift,
  topKAccuracy,
  zScoreShift,
} from '../rca';
import { parseArgs } from './lib/args';
import { readCsvRows } from './lib/csv';
import { markdownTable } from './lib/table';

const USAGE = 'usage: rca.ts --data <petshop dir> --out <results dir> [--sockshop <sock-shop dir>]';

interface Column {
  service: string;
  metric: string;
  stat: string;
  values: Float64Array;
}

export function readMetrics(path: string): { timestamps: Float64Array; columns: Column[] } {
  const rows = readCsvRows(readFileSync(path, 'utf8'));
  if (rows.length < 4 || rows[0][0] !== 'microservice' || rows[1][0] !== 'metric' || rows[2][0] !== 'statistic') {
    throw new Error(`${path}: expected header rows microservice, metric, statistic, unix_timestamp`);
  }
  const body = rows.slice(4);
  const columns: Column[] = [];
  for (let c = 1; c < rows[0].length; c++) {
    columns.push({
      service: rows[0][c],
      metric: rows[1][c],
      stat: rows[2][c],
      values: Float64Array.from(body, (r) => (r[c] === undefined || r[c] === '' ? NaN : Number(r[c]))),
    });
  }
  return { timestamps: Float64Array.from(body, (r) => Number(r[0])), columns };
}

const key = (c: { service: string; metric: string; stat: string }) => `${c.service}\u0000${c.metric}\u0000${c.stat}`;

type Method = (normal: Float64Array, anomalous: Float64Array) => number;

/**
 * Product variants scored beside the baselines: the defaults (with the data set's service graph, when it has one),
 * and each documented option set.
 */
const PRODUCT_VARIANTS: Record<string, Omit<CorrelateOptions, 'target' | 'window'>> = {
  product: {},
  productNoServiceGraph: { serviceGraph: 'off' },
  productComovement: { rank: 'comovement' },
  productFamilyMixed: { family: 'mixed' },
};

/**
 * The former default as a reference: `rankCorrelations` on differenced data over the last 24 normal rows and the
 * issue rows (what EVALUATION.md reported before the root-cause ranking; 24 was chosen on the train issues).
 */
function formerDefault(
  cands: Array<{ normal: Float64Array; anomalous: Float64Array }>,
  tNormal: Float64Array,
  tAnomalous: Float64Array
): number[] {
  const L = Math.min(24, tNormal.length);
  const tail = (v: Float64Array) => v.subarray(v.length - L);
  const target = Float64Array.from([...tail(tNormal), ...tAnomalous]);
  const series = cands.map((c) => Float64Array.from([...tail(c.normal), ...c.anomalous]));
  const ranked = rankCorrelations(target, series, { window: { start: L, end: target.length }, contextBefore: L });
  const out = new Array<number>(cands.length).fill(NaN);
  for (const r of ranked) {
    out[r.index] = Math.abs(r.score);
  }
  return out;
}

/** Scores (higher ranks first) that place each candidate where `productRanking` put it. */
function productScores(
  target: EvalSeries,
  pool: EvalSeries[],
  options: Omit<CorrelateOptions, 'target' | 'window'>,
  serviceGraph: readonly ServiceEdge[] = []
): number[] {
  const ranked = productRanking(target, pool, options, serviceGraph);
  const out = new Array<number>(pool.length).fill(NaN);
  ranked.forEach((r, i) => {
    out[r.index] = ranked.length - i;
  });
  return out;
}

export interface RcaIssueResult {
  dataset: 'petshop' | 'sockshop';
  scenario: string;
  split: string;
  issue: string;
  rootCause: string;
  /** Service-level rank of the root cause per method (1-based, Infinity when absent). */
  ranks: Record<string, number>;
  /** Metric-level rank of the root-cause metric (Sock Shop only). */
  metricRanks?: Record<string, number>;
}

const BASELINES: Record<string, Method> = {
  zScoreBaseline: (n, a) => zScoreShift(n, a),
  robustZBaseline: (n, a) => robustShift(n, a),
};

function serviceRank(scored: Array<{ service: string; score: number }>, rootCause: string): number {
  return rankOf(
    rankServices(scored).map((r) => r.service),
    rootCause
  );
}

/** Edges of a PetShop `graph.csv` (empty when the scenario has none). */
export function readServiceGraph(path: string): ServiceEdge[] {
  if (!existsSync(path)) {
    return [];
  }
  const rows = readCsvRows(readFileSync(path, 'utf8'));
  const callees = rows[0];
  const edges: ServiceEdge[] = [];
  for (const row of rows.slice(1)) {
    for (let c = 1; c < row.length; c++) {
      if (Number(row[c]) > 0) {
        edges.push({ client: row[0], server: callees[c] });
      }
    }
  }
  return edges;
}

function petShopIssues(dir: string): { issues: RcaIssueResult[]; scenarios: string[] } {
  const scenarios = readdirSync(dir)
    .filter((s) => existsSync(join(dir, s, 'noissue', 'metrics.csv')))
    .sort();
  if (scenarios.length === 0) {
    throw new Error(`${dir}: no <scenario>/noissue/metrics.csv found`);
  }
  const issues: RcaIssueResult[] = [];
  for (const scenario of scenarios) {
    const normal = readMetrics(join(dir, scenario, 'noissue', 'metrics.csv'));
    const normalByKey = new Map(normal.columns.map((c) => [key(c), c.values]));
    const serviceGraph = readServiceGraph(join(dir, scenario, 'graph.csv'));
    for (const split of ['test', 'train']) {
      const sdir = join(dir, scenario, split);
      if (!existsSync(sdir)) {
        continue;
      }
      const names = readdirSync(sdir)
        .filter((d) => statSync(join(sdir, d)).isDirectory())
        .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
      for (const issue of names) {
        const spec = JSON.parse(readFileSync(join(sdir, issue, 'target.json'), 'utf8'));
        const t = spec.target as { node: string; metric: string; agg: string };
        const rootCause = spec.root_cause?.node as string;
        const m = readMetrics(join(sdir, issue, 'metrics.csv'));
        const tCol = m.columns.find((c) => c.service === t.node && c.metric === t.metric && c.stat === t.agg);
        const tNormal = normalByKey.get(key({ service: t.node, metric: t.metric, stat: t.agg }));
        if (!tCol || !tNormal) {
          throw new Error(`${scenario}/${split}/${issue}: target ${t.node}/${t.metric}/${t.agg} not in the metrics`);
        }
        const cands = m.columns.filter((c) => c.service !== t.node && normalByKey.has(key(c)));
        const ranks: Record<string, number> = {};
        for (const [name, method] of Object.entries(BASELINES)) {
          ranks[name] = serviceRank(
            cands.map((c) => ({ service: c.service, score: method(normalByKey.get(key(c))!, c.values) })),
            rootCause
          );
        }
        const former = formerDefault(
          cands.map((c) => ({ normal: normalByKey.get(key(c))!, anomalous: c.values })),
          tNormal,
          tCol.values
        );
        ranks.formerDefault = serviceRank(
          cands.map((c, i) => ({ service: c.service, score: former[i] })),
          rootCause
        );
        const asSeries = (c: Column, history: Float64Array): EvalSeries => ({
          name: c.metric,
          labels: { service: c.service, statistic: c.stat },
          history,
          window: c.values,
        });
        const target = asSeries(tCol, tNormal);
        const pool = cands.map((c) => asSeries(c, normalByKey.get(key(c))!));
        for (const [name, options] of Object.entries(PRODUCT_VARIANTS)) {
          const scores = productScores(target, pool, options, serviceGraph);
          ranks[name] = serviceRank(
            cands.map((c, i) => ({ service: c.service, score: scores[i] })),
            rootCause
          );
        }
        issues.push({ dataset: 'petshop', scenario, split, issue, rootCause, ranks });
      }
    }
  }
  return { issues, scenarios };
}

/**
 * Sock Shop column → series as Prometheus would hold it: `<c>_cpu` / `<c>_mem` are container gauges labelled by
 * container, `<s>_lod` a load gauge and `<s>_lat_<q>` a latency summary labelled by service and quantile. The series'
 * service is its container or service label.
 */
export function sockShopSeries(column: string): { name: string; labels: Record<string, string>; service: string } {
  const lat = /^(.+)_lat_(\d+)$/.exec(column);
  if (lat) {
    return { name: 'request_latency', labels: { service: lat[1], quantile: `0.${lat[2]}` }, service: lat[1] };
  }
  const m = /^(.+)_(cpu|mem|lod)$/.exec(column);
  if (!m) {
    throw new Error(`sock-shop: unknown column ${column}`);
  }
  if (m[2] === 'lod') {
    return { name: 'request_load', labels: { service: m[1] }, service: m[1] };
  }
  return {
    name: m[2] === 'cpu' ? 'container_cpu_usage' : 'container_memory_bytes',
    labels: { container: m[1] },
    service: m[1],
  };
}

function readWide(path: string): Map<string, Float64Array> {
  const rows = readCsvRows(readFileSync(path, 'utf8'));
  const head = rows[0];
  const body = rows.slice(1).filter((r) => r.length === head.length);
  const out = new Map<string, Float64Array>();
  for (let c = 1; c < head.length; c++) {
    out.set(
      head[c],
      Float64Array.from(body, (r) => (r[c] === '' ? NaN : Number(r[c])))
    );
  }
  return out;
}

/**
 * Sock Shop cases: `<service>-<fault>/<rep>/{normal,anomalous}.csv`. The normal recording is the history before the
 * window, the anomalous one the window, laid end to end on one grid as the query fetches them (the recordings'
 * own timestamps do not join and are not used). The target is the symptom an SRE is alerted on: of the three
 * services' 90th-percentile latencies, the one whose window median moved furthest from its normal median in units
 * of its normal IQR (the robust baseline's measure; no ground truth involved). Every other series is a candidate.
 */
function sockShopIssues(dir: string): RcaIssueResult[] {
  const issues: RcaIssueResult[] = [];
  const cases = readdirSync(dir)
    .filter((d) => /^[a-z]+-(cpu|mem)$/.test(d))
    .sort();
  for (const c of cases) {
    const [service, fault] = c.split('-');
    const reps = readdirSync(join(dir, c))
      .filter((r) => existsSync(join(dir, c, r, 'anomalous.csv')))
      .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
    for (const rep of reps) {
      const normal = readWide(join(dir, c, rep, 'normal.csv'));
      const anomalous = readWide(join(dir, c, rep, 'anomalous.csv'));
      const columns = [...normal.keys()].filter((k) => anomalous.has(k));
      const targetColumn = columns
        .filter((k) => /_lat_90$/.test(k))
        .map((k) => ({ k, shift: robustShift(normal.get(k)!, anomalous.get(k)!) }))
        .sort((a, b) => b.shift - a.shift || (a.k < b.k ? -1 : 1))[0].k;
      const truth = `${service}_${fault}`;
      const candidates = columns.filter((k) => k !== targetColumn);
      const asSeries = (k: string): EvalSeries => {
        const s = sockShopSeries(k);
        return { name: s.name, labels: s.labels, history: normal.get(k)!, window: anomalous.get(k)! };
      };
      const ranks: Record<string, number> = {};
      const metricRanks: Record<string, number> = {};
      const record = (name: string, scores: number[]) => {
        const order = candidates
          .map((k, i) => ({ k, s: scores[i] === scores[i] ? scores[i] : -Infinity }))
          .sort((a, b) => b.s - a.s || (a.k < b.k ? -1 : 1));
        metricRanks[name] = rankOf(
          order.map((o) => o.k),
          truth
        );
        ranks[name] = serviceRank(
          candidates.map((k, i) => ({ service: sockShopSeries(k).service, score: scores[i] })),
          service
        );
      };
      for (const [name, method] of Object.entries(BASELINES)) {
        record(
          name,
          candidates.map((k) => method(normal.get(k)!, anomalous.get(k)!))
        );
      }
      const pool = candidates.map(asSeries);
      for (const [name, options] of Object.entries(PRODUCT_VARIANTS)) {
        record(name, productScores(asSeries(targetColumn), pool, options));
      }
      issues.push({
        dataset: 'sockshop',
        scenario: c,
        split: rep,
        issue: targetColumn,
        rootCause: service,
        ranks,
        metricRanks,
      });
    }
  }
  if (issues.length === 0) {
    throw new Error(`${dir}: no <service>-<fault>/<rep>/anomalous.csv found`);
  }
  return issues;
}

export async function main(argv: string[]): Promise<{ issues: RcaIssueResult[]; table: string }> {
  const args = parseArgs(argv, USAGE);
  const { issues, scenarios } = petShopIssues(args.data);
  if (args.extra.sockshop) {
    issues.push(...sockShopIssues(args.extra.sockshop));
  }
  const rows: Array<Array<string | number>> = [];
  const methods = ['zScoreBaseline', 'robustZBaseline', 'formerDefault', ...Object.keys(PRODUCT_VARIANTS)];
  const groups: Array<[string, (i: RcaIssueResult) => boolean]> = [
    ['PetShop test', (i) => i.dataset === 'petshop' && i.split === 'test'],
    ['PetShop train', (i) => i.dataset === 'petshop' && i.split === 'train'],
    ...scenarios.map(
      (s) =>
        [`PetShop ${s}`, (i: RcaIssueResult) => i.dataset === 'petshop' && i.scenario === s] as [
          string,
          (i: RcaIssueResult) => boolean,
        ]
    ),
    ['Sock Shop rep 1 (settings)', (i) => i.dataset === 'sockshop' && i.split === '1'],
    ['Sock Shop reps 2+ (report)', (i) => i.dataset === 'sockshop' && i.split !== '1'],
    ['Sock Shop all', (i) => i.dataset === 'sockshop'],
  ];
  for (const name of methods) {
    for (const [label, sel] of groups) {
      const sel2 = issues.filter(sel).filter((i) => i.ranks[name] !== undefined);
      if (sel2.length === 0) {
        continue;
      }
      const svc = sel2.map((i) => i.ranks[name]);
      const met = sel2.map((i) => i.metricRanks?.[name]).filter((r): r is number => r !== undefined);
      rows.push([
        name,
        `${label} (${sel2.length})`,
        100 * topKAccuracy(svc, 1),
        100 * topKAccuracy(svc, 3),
        met.length ? 100 * topKAccuracy(met, 1) : '–',
        met.length ? 100 * topKAccuracy(met, 3) : '–',
      ]);
    }
  }
  const table = markdownTable(
    ['method', 'issues', 'service top-1 %', 'service top-3 %', 'metric top-1 %', 'metric top-3 %'],
    rows
  );
  mkdirSync(args.out, { recursive: true });
  writeFileSync(join(args.out, 'issues.json'), JSON.stringify(issues, null, 2));
  writeFileSync(join(args.out, 'summary.md'), table + '\n');
  process.stdout.write(`RCA: ${issues.length} issues\n${table}\n`);
  return { issues, table };
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((e) => {
    process.stderr.write(`${(e as Error).message}\n`);
    process.exit(1);
  });
}
