/**
 * NAB evaluation: runs each detector causally over every data file, writes NAB's results layout
 * `<out>/<detector>/<group>/<detector>_<file>.csv` (timestamp,value,anomaly_score,label), then scores the
 * corpus for each cost profile with our NAB scorer (eval/nab) and prints the normalised scores beside
 * NAB's published table.
 *
 *   npx tsx eval/cli/nab.ts -- --data <NAB checkout> --out /tmp/nab-results [--detectors a,b]
 *
 * Data layout: NAB's repository as it is: `<data>/data/<group>/<file>.csv` (other entries of `data/`, such as its
 * README, are skipped), `<data>/labels/combined_windows.json` and `<data>/config/profiles.json` (or
 * `<data>/profiles.json`); `--labels <file>` and `--profiles <file>` name them explicitly.
 *
 * Rows are fed as a live source keeps them: a row whose timestamp is not after the last kept one (a step backwards
 * or a repeat) is dropped, as Prometheus rejects out-of-order and duplicate samples; stderr says how many per file.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  CostMatrix,
  FileSweep,
  NabWindow,
  PROFILE_NAMES,
  nabBounds,
  normalizeScore,
  optimizeThreshold,
  parseProfiles,
  probationaryLength,
  scoreAtThreshold,
  sweepFile,
} from '../nab';
import { DetectorContext, runDetector } from '../detectors/streamingDetector';
import { parseArgs } from './lib/args';
import { readCsvRows } from './lib/csv';
import { markdownTable } from './lib/table';
import { BatchDetector, NAB_DETECTORS } from '../nabDetectors';
import { flagOnsets, ProductQueryOptions, runProductLive } from '../productQuery';

const USAGE =
  'usage: nab.ts --data <nab dir> --out <results dir> [--labels <combined_windows.json>] [--profiles <profiles.json>] ' +
  '[--methods auto,moving,…|none] [--every 12] [--detectors name,name|none]';
const OPTIONS = ['labels', 'profiles', 'methods', 'every', 'detectors'];

/**
 * The product queries scored: the default query (method `auto`, every option at its default) and each other
 * method at its defaults. Run through the backend's own analysis (eval/productQuery.ts).
 */
export const PRODUCT_QUERIES: Record<string, ProductQueryOptions> = {
  auto: {},
  moving: { method: 'moving' },
  seasonal: { method: 'seasonal' },
  forecast: { method: 'forecast' },
  stl: { method: 'stl' },
};
/** Reference detectors run when `--detectors` is not given (the harness's best and the published baselines). */
const DEFAULT_REFERENCES = ['nullBaseline', 'windowedGaussianBaseline', 'bandForecastMovingContext'];

/** Published NAB scoreboard, standard profile (NAB README results table), scored on the full 58-file corpus. */
const PUBLISHED: Array<[string, number]> = [
  ['ARTime', 74.9],
  ['Numenta HTM', 70.1],
  ['CAD OSE', 69.9],
  ['earthgecko Skyline', 58.2],
  ['KNN CAD', 58.0],
  ['Relative Entropy', 54.6],
  ['Random Cut Forest', 51.7],
  ['Twitter ADVec', 47.1],
  ['Windowed Gaussian', 39.6],
  ['Etsy Skyline', 35.7],
  ['Random', 16.8],
  ['Null', 0],
];

/** NAB timestamps look like "2014-04-10 07:15:00" (data) or "2014-04-10 07:15:00.000000" (labels); UTC. */
export function parseNabTimestamp(s: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?$/.exec(s.trim());
  if (!m) {
    throw new Error(`bad NAB timestamp ${JSON.stringify(s)}`);
  }
  const ms = m[7] ? Math.round(Number(`0.${m[7]}`) * 1000) : 0;
  return Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6], ms);
}

export interface NabFile {
  group: string;
  name: string;
  rawTimestamps: string[];
  timestamps: Float64Array;
  values: Float64Array;
  windows: NabWindow[];
}

/** The first of `candidates` that exists; a clear error naming them all (and the option to set) otherwise. */
function locate(what: string, option: string, explicit: string | undefined, candidates: string[]): string {
  if (explicit !== undefined) {
    if (!existsSync(explicit)) {
      throw new Error(`--${option} ${explicit}: no such file`);
    }
    return explicit;
  }
  const found = candidates.find((c) => existsSync(c));
  if (!found) {
    throw new Error(`no ${what} found (looked for ${candidates.join(', ')}); name it with --${option} <file>`);
  }
  return found;
}

/**
 * Keeps the rows a live source would: each timestamp after the last kept one. Returns the kept row indices and
 * how many rows stepped backwards or repeated a timestamp.
 */
export function liveRows(timestamps: ArrayLike<number>): { keep: number[]; backwards: number; repeated: number } {
  const keep: number[] = [];
  let last = -Infinity;
  let backwards = 0;
  let repeated = 0;
  for (let i = 0; i < timestamps.length; i++) {
    const t = timestamps[i];
    if (t > last) {
      keep.push(i);
      last = t;
    } else if (t === last) {
      repeated++;
    } else {
      backwards++;
    }
  }
  return { keep, backwards, repeated };
}

function loadCorpus(dataDir: string, labelsFile: string): NabFile[] {
  const labels = JSON.parse(readFileSync(labelsFile, 'utf8')) as Record<string, string[][]>;
  const files: NabFile[] = [];
  const root = join(dataDir, 'data');
  if (!existsSync(root)) {
    throw new Error(`${dataDir}: no data/ folder (expected NAB's layout data/<group>/<file>.csv)`);
  }
  const groups = readdirSync(root)
    .filter((g) => statSync(join(root, g)).isDirectory())
    .sort();
  for (const group of groups) {
    for (const name of readdirSync(join(root, group))
      .filter((f) => f.endsWith('.csv'))
      .sort()) {
      const rows = readCsvRows(readFileSync(join(root, group, name), 'utf8'));
      if (rows[0]?.[0] !== 'timestamp' || rows[0]?.[1] !== 'value') {
        throw new Error(`${group}/${name}: expected header timestamp,value`);
      }
      const all = rows.slice(1);
      const key = `${group}/${name}`;
      if (!(key in labels)) {
        throw new Error(`${key}: no entry in ${labelsFile}`);
      }
      const { keep, backwards, repeated } = liveRows(all.map((r) => parseNabTimestamp(r[0])));
      if (backwards + repeated > 0) {
        process.stderr.write(
          `${key}: dropped ${backwards} row(s) stepping back in time and ${repeated} repeating a timestamp ` +
            `(a live source rejects them)\n`
        );
      }
      const body = keep.map((i) => all[i]);
      files.push({
        group,
        name,
        rawTimestamps: body.map((r) => r[0]),
        timestamps: Float64Array.from(body, (r) => parseNabTimestamp(r[0])),
        values: Float64Array.from(body, (r) => Number(r[1])),
        windows: labels[key].map(([a, b]) => ({ start: parseNabTimestamp(a), end: parseNabTimestamp(b) })),
      });
    }
  }
  return files;
}

function inWindow(t: number, windows: NabWindow[]): boolean {
  return windows.some((w) => t >= w.start && t <= w.end);
}

/**
 * Runs a batch detector and checks that it is causal: its scores on the first 60 % of the rows must equal
 * its scores for those rows on the whole file (the context, which sizes windows, is kept the same).
 */
export function runBatchCausally(
  name: string,
  batch: BatchDetector,
  context: DetectorContext,
  f: NabFile
): Float64Array {
  const scores = batch(f.values, f.timestamps, context);
  const m = Math.floor(f.values.length * 0.6);
  const prefix = batch(f.values.subarray(0, m), f.timestamps.subarray(0, m), context);
  for (let i = 0; i < m; i++) {
    if (!(prefix[i] === scores[i] || (prefix[i] !== prefix[i] && scores[i] !== scores[i]))) {
      throw new Error(
        `${name} is not causal on ${f.group}/${f.name}: row ${i} scores ${scores[i]} with the whole file but ${prefix[i]} without the rows after ${m}`
      );
    }
  }
  return scores;
}

export interface NabSummaryRow {
  detector: string;
  scores: Record<string, number>;
  thresholds: Record<string, number>;
  counts: Record<string, { tp: number; fp: number; fn: number }>;
  seconds: number;
}

/** Half A: files at even positions of the corpus sorted by group and name; half B: odd positions. */
export function halfOf(index: number): 'A' | 'B' {
  return index % 2 === 0 ? 'A' : 'B';
}

export interface ProductSummaryRow {
  query: string;
  /** Per reading ('score, optimised threshold' | 'flags as emitted'), per corpus part (all, A, B), per profile. */
  scores: Record<string, Record<string, Record<string, number>>>;
  /** TP/FP/FN of the flags as emitted, standard profile, whole corpus. */
  flagCounts: { tp: number; fp: number; fn: number };
  seconds: number;
}

const READINGS = ['score (optimised threshold)', 'flags as emitted'] as const;

/** Scores each product query over the corpus: its score with NAB's optimised threshold, its flags as emitted. */
function scoreProduct(
  corpus: NabFile[],
  profiles: Record<string, CostMatrix>,
  methods: string[],
  every: number,
  out: string
): ProductSummaryRow[] {
  const rows: ProductSummaryRow[] = [];
  for (const name of methods) {
    const query = PRODUCT_QUERIES[name];
    if (!query) {
      throw new Error(`unknown method ${name}; known: ${Object.keys(PRODUCT_QUERIES).join(', ')}`);
    }
    const t0 = Date.now();
    // sweeps[reading][part][profile]
    const sweeps: Record<string, Record<string, Record<string, FileSweep[]>>> = {};
    corpus.forEach((f, index) => {
      const run = runProductLive(f.values, f.timestamps, query, { every });
      const score = Float64Array.from(run.score, (v) => (v === v ? Math.abs(v) : 0));
      const detections = { [READINGS[0]]: score, [READINGS[1]]: flagOnsets(run.flag) };
      const dir = join(out, `product-${name}`, f.group);
      mkdirSync(dir, { recursive: true });
      const lines = ['timestamp,value,anomaly_score,flag,label'];
      for (let i = 0; i < score.length; i++) {
        lines.push(
          `${f.rawTimestamps[i]},${f.values[i]},${run.score[i]},${run.flag[i]},${inWindow(f.timestamps[i], f.windows) ? 1 : 0}`
        );
      }
      writeFileSync(join(dir, `product-${name}_${f.name}`), lines.join('\n') + '\n');
      for (const reading of READINGS) {
        for (const part of ['all', halfOf(index)]) {
          for (const [p, cost] of Object.entries(profiles)) {
            ((((sweeps[reading] ??= {})[part] ??= {})[p] ??= []) as FileSweep[]).push(
              sweepFile(f.timestamps, detections[reading], f.windows, cost)
            );
          }
        }
      }
    });
    const row: ProductSummaryRow = { query: name, scores: {}, flagCounts: { tp: 0, fp: 0, fn: 0 }, seconds: 0 };
    for (const reading of READINGS) {
      for (const part of ['all', 'A', 'B']) {
        for (const [p, cost] of Object.entries(profiles)) {
          const files = sweeps[reading][part]?.[p];
          if (!files) {
            // A corpus of one file has no half B.
            ((row.scores[reading] ??= {})[part] ??= {})[p] = NaN;
            continue;
          }
          const bounds = nabBounds(files, cost);
          // Flags are judged as emitted (any non-zero detection counts); the score with NAB's optimiser.
          const raw =
            reading === READINGS[1] ? scoreAtThreshold(files, 0.5, cost).score : optimizeThreshold(files, cost).score;
          ((row.scores[reading] ??= {})[part] ??= {})[p] = normalizeScore(raw, bounds);
          if (reading === READINGS[1] && part === 'all' && p === 'standard') {
            const at = scoreAtThreshold(files, 0.5, cost);
            row.flagCounts = { tp: at.tp, fp: at.fp, fn: at.fn };
          }
        }
      }
    }
    row.seconds = (Date.now() - t0) / 1000;
    rows.push(row);
    process.stderr.write(
      `product ${name}: flags ${row.scores[READINGS[1]].all.standard.toFixed(1)}, score ${row.scores[READINGS[0]].all.standard.toFixed(1)} (${row.seconds.toFixed(1)} s)\n`
    );
  }
  return rows;
}

function productTable(rows: ProductSummaryRow[], profileCols: string[]): string {
  const body: Array<Array<string | number>> = [];
  for (const r of rows) {
    for (const reading of READINGS) {
      const s = r.scores[reading];
      body.push([
        r.query === 'auto' ? 'auto (default query)' : r.query,
        reading,
        ...profileCols.map((p) => s.all[p]),
        s.A.standard,
        s.B.standard,
        reading === READINGS[1] ? `${r.flagCounts.tp}/${r.flagCounts.fp}/${r.flagCounts.fn}` : '',
      ]);
    }
  }
  return markdownTable(
    ['product query', 'reading', ...profileCols, 'standard A', 'standard B', 'TP/FP/FN (flags, standard)'],
    body
  );
}

export function main(argv: string[]): NabSummaryRow[] {
  const args = parseArgs(argv, USAGE);
  for (const k of Object.keys(args.extra)) {
    if (!OPTIONS.includes(k)) {
      throw new Error(
        `unknown option --${k} (known: --data, --out, ${OPTIONS.map((o) => `--${o}`).join(', ')})\n${USAGE}`
      );
    }
  }
  const profilesFile = locate('cost profiles', 'profiles', args.extra.profiles, [
    join(args.data, 'config', 'profiles.json'),
    join(args.data, 'profiles.json'),
  ]);
  const labelsFile = locate('label windows', 'labels', args.extra.labels, [
    join(args.data, 'labels', 'combined_windows.json'),
  ]);
  const profiles = parseProfiles(JSON.parse(readFileSync(profilesFile, 'utf8')));
  const corpus = loadCorpus(args.data, labelsFile);
  const methods =
    args.extra.methods === 'none'
      ? []
      : args.extra.methods
        ? args.extra.methods.split(',')
        : Object.keys(PRODUCT_QUERIES);
  const every = args.extra.every ? Number(args.extra.every) : 12;
  if (!(Number.isInteger(every) && every >= 1)) {
    throw new Error(`--every must be a whole number ≥ 1, got ${args.extra.every}`);
  }
  const product = scoreProduct(corpus, profiles, methods, every, args.out);
  const names =
    args.extra.detectors === 'none' ? [] : args.extra.detectors ? args.extra.detectors.split(',') : DEFAULT_REFERENCES;
  const summary: NabSummaryRow[] = [];
  for (const det of names) {
    const entry = NAB_DETECTORS[det];
    if (!entry) {
      throw new Error(`unknown detector ${det}; known: ${Object.keys(NAB_DETECTORS).join(', ')}`);
    }
    const t0 = Date.now();
    const sweeps: Record<string, FileSweep[]> = {};
    for (const f of corpus) {
      const context = { probationaryLength: probationaryLength(f.values.length), length: f.values.length };
      const scores =
        'stream' in entry
          ? runDetector(entry.stream, context, f.values, f.timestamps)
          : runBatchCausally(det, entry.batch, context, f);
      const dir = join(args.out, det, f.group);
      mkdirSync(dir, { recursive: true });
      const lines = ['timestamp,value,anomaly_score,label'];
      for (let i = 0; i < scores.length; i++) {
        lines.push(`${f.rawTimestamps[i]},${f.values[i]},${scores[i]},${inWindow(f.timestamps[i], f.windows) ? 1 : 0}`);
      }
      writeFileSync(join(dir, `${det}_${f.name}`), lines.join('\n') + '\n');
      for (const [p, cost] of Object.entries(profiles)) {
        (sweeps[p] ??= []).push(sweepFile(f.timestamps, scores, f.windows, cost));
      }
    }
    const row: NabSummaryRow = {
      detector: det,
      scores: {},
      thresholds: {},
      counts: {},
      seconds: (Date.now() - t0) / 1000,
    };
    for (const [p, cost] of Object.entries(profiles)) {
      const best = optimizeThreshold(sweeps[p], cost);
      const at = scoreAtThreshold(sweeps[p], best.threshold, cost);
      row.scores[p] = normalizeScore(best.score, nabBounds(sweeps[p], cost));
      row.thresholds[p] = best.threshold;
      row.counts[p] = { tp: at.tp, fp: at.fp, fn: at.fn };
    }
    summary.push(row);
    process.stderr.write(`${det}: standard ${row.scores.standard?.toFixed(1)} (${row.seconds.toFixed(1)} s)\n`);
  }
  const profileCols = PROFILE_NAMES.filter((p) => p in profiles);
  const ours = summary.map((r) => [
    r.detector,
    ...profileCols.map((p) => r.scores[p]),
    `${r.counts.standard?.tp ?? '—'}/${r.counts.standard?.fp ?? '—'}/${r.counts.standard?.fn ?? '—'}`,
  ]);
  const published = PUBLISHED.map(([n, s]) => [
    `${n} (published, 58 files)`,
    s,
    ...profileCols.slice(1).map(() => '—'),
    '',
  ]);
  const table =
    (product.length
      ? `Product path (backend analysis, fed causally)\n\n${productTable(product, profileCols)}\n\n`
      : '') +
    `Reference detectors (harness only) and published scores\n\n` +
    markdownTable(['detector', ...profileCols, 'TP/FP/FN (standard)'], [...ours, ...published]);
  mkdirSync(args.out, { recursive: true });
  writeFileSync(
    join(args.out, 'summary.json'),
    JSON.stringify(
      {
        files: corpus.length,
        windows: corpus.reduce((a, f) => a + f.windows.length, 0),
        product,
        detectors: summary,
      },
      null,
      2
    )
  );
  writeFileSync(join(args.out, 'summary.md'), table + '\n');
  process.stdout.write(`NAB: ${corpus.length} files\n${table}\n`);
  return summary;
}

if (require.main === module) {
  try {
    main(process.argv.slice(2));
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n`);
    process.exit(1);
  }
}
