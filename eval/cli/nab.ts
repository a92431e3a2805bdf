/**
 * NAB evaluation: runs each detector causally over every data file, writes NAB's results layout
 * `<out>/<detector>/<group>/<detector>_<file>.csv` (timestamp,value,anomaly_score,label), then scores the
 * corpus for each cost profile with our NAB scorer (eval/nab) and prints the normalised scores beside
 * NAB's published table.
 *
 *   npx tsx eval/cli/nab.ts -- --data /work/shared/data/nab --out /tmp/nab-results [--detectors a,b]
 *
 * Data layout: `<data>/data/<group>/<file>.csv`, `<data>/labels/combined_windows.json`, `<data>/profiles.json`.
 */
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
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

const USAGE = 'usage: nab.ts --data <nab dir> --out <results dir> [--detectors name,name]';

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

function loadCorpus(dataDir: string): NabFile[] {
  const labels = JSON.parse(readFileSync(join(dataDir, 'labels', 'combined_windows.json'), 'utf8')) as Record<
    string,
    string[][]
  >;
  const files: NabFile[] = [];
  for (const group of readdirSync(join(dataDir, 'data')).sort()) {
    for (const name of readdirSync(join(dataDir, 'data', group))
      .filter((f) => f.endsWith('.csv'))
      .sort()) {
      const rows = readCsvRows(readFileSync(join(dataDir, 'data', group, name), 'utf8'));
      if (rows[0]?.[0] !== 'timestamp' || rows[0]?.[1] !== 'value') {
        throw new Error(`${group}/${name}: expected header timestamp,value`);
      }
      const body = rows.slice(1);
      const key = `${group}/${name}`;
      if (!(key in labels)) {
        throw new Error(`${key}: no entry in combined_windows.json`);
      }
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

export function main(argv: string[]): NabSummaryRow[] {
  const args = parseArgs(argv, USAGE);
  const profiles = parseProfiles(JSON.parse(readFileSync(join(args.data, 'profiles.json'), 'utf8')));
  const corpus = loadCorpus(args.data);
  const names = args.extra.detectors ? args.extra.detectors.split(',') : Object.keys(NAB_DETECTORS);
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
  const table = markdownTable(['detector', ...profileCols, 'TP/FP/FN (standard)'], [...ours, ...published]);
  mkdirSync(args.out, { recursive: true });
  writeFileSync(
    join(args.out, 'summary.json'),
    JSON.stringify(
      { files: corpus.length, windows: corpus.reduce((a, f) => a + f.windows.length, 0), detectors: summary },
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
