/**
 * Reads one NAB (Numenta Anomaly Benchmark) CSV in place from the shared data folder — never copied into the
 * repository. Rows are `timestamp,value` with timestamps like `2014-04-01 00:05:00`, which NAB gives in UTC.
 * Our own reader (the files are plain two-column CSV).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { sharedDataDir } from './sharedDataDir';

/** Root of the NAB files; `NAB_DATA_DIR` overrides it. */
export const NAB_DATA_DIR = process.env.NAB_DATA_DIR ?? path.join(sharedDataDir(), 'nab', 'data');

export interface NabSeries {
  /** e.g. `realAWSCloudwatch/ec2_cpu_utilization_24ae8d.csv` */
  file: string;
  timesMs: number[];
  values: number[];
}

export interface ReadNabOptions {
  /** Keep rows with fromMs ≤ t < toMs (both optional). */
  fromMs?: number;
  toMs?: number;
}

function parseNabTime(text: string, file: string, line: number): number {
  const m = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/.exec(text.trim());
  if (!m) {
    throw new Error(`${file}:${line}: timestamp ${JSON.stringify(text)} is not YYYY-MM-DD HH:MM:SS`);
  }
  return Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]);
}

export function readNabCsv(file: string, options: ReadNabOptions = {}): NabSeries {
  const full = path.join(NAB_DATA_DIR, file);
  if (!fs.existsSync(full)) {
    throw new Error(`NAB file not found: ${full} (set NAB_DATA_DIR to the folder holding the NAB data/ tree)`);
  }
  const lines = fs.readFileSync(full, 'utf8').split(/\r?\n/);
  if (lines[0]?.trim() !== 'timestamp,value') {
    throw new Error(`${full}: expected the header "timestamp,value", got ${JSON.stringify(lines[0])}`);
  }
  const from = options.fromMs ?? -Infinity;
  const to = options.toMs ?? Infinity;
  const timesMs: number[] = [];
  const values: number[] = [];
  for (let i = 1; i < lines.length; i++) {
    if (lines[i].trim() === '') {
      continue;
    }
    const [ts, v] = lines[i].split(',');
    const t = parseNabTime(ts, full, i + 1);
    const value = Number(v);
    if (v === undefined || v.trim() === '' || !Number.isFinite(value)) {
      throw new Error(`${full}:${i + 1}: value ${JSON.stringify(v)} is not a finite number`);
    }
    if (t >= from && t < to) {
      timesMs.push(t);
      values.push(value);
    }
  }
  return { file, timesMs, values };
}
