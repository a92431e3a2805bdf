/**
 * One Sock Shop fault-injection case (carts CPU hog, rep 1; read in place from the shared yardstick folder) through
 * the BUILT plugin executable over a real Prometheus (Debian, backfilled by promtool), against the same ranking
 * computed in process by the function the evaluation scores (eval/rca/productRanking.ts → rankCandidates). The normal
 * recording is laid before the anomalous one on one 1-second grid; the query's time range is the anomalous part and
 * every option is left at its default, so the executable fetches the baseline itself (`context: auto`). Fails (never
 * skips) when the build, the binaries or the data are missing.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { robustShift } from '../../eval/rca';
import { productRanking } from '../../eval/rca/productRanking';
import { sockShopSeries } from '../../eval/cli/rca';
import { readCsvRows } from '../../eval/cli/lib/csv';
import { sharedDataDir } from '../../scripts/loaders/sharedDataDir';
import { seriesDisplayName } from '../../src/backend/pipeline/analysisFrames';
import { CORRELATION_FRAME } from '../../src/shared/queryTypes';
import type { DecodedFrame } from '../conformance/support/decodeFrame';
import {
  correlationsThroughExecutable,
  openMetricsOf,
  pluginOverPrometheus,
  selectorOf,
} from './helpers/correlationsThroughExecutable';

jest.setTimeout(120_000);

const CASE_DIR = join(sharedDataDir(), 'sock-shop/carts-cpu/1');
const T0 = Date.UTC(2024, 0, 1);
const SEC = 1000;

function readWide(file: string): Map<string, number[]> {
  const rows = readCsvRows(readFileSync(join(CASE_DIR, file), 'utf8'));
  const head = rows[0];
  const body = rows.slice(1).filter((r) => r.length === head.length);
  return new Map(head.slice(1).map((h, c) => [h, body.map((r) => Number(r[c + 1]))]));
}

const normal = readWide('normal.csv');
const anomalous = readWide('anomalous.csv');
const columns = [...normal.keys()].filter((k) => anomalous.has(k));
const nNormal = normal.get(columns[0])!.length;
const nAnomalous = anomalous.get(columns[0])!.length;
// The harness's rule: the 90th-percentile latency that moved furthest (robust shift), the symptom an SRE is paged on.
const targetColumn = columns
  .filter((k) => /_lat_90$/.test(k))
  .map((k) => ({ k, shift: robustShift(Float64Array.from(normal.get(k)!), Float64Array.from(anomalous.get(k)!)) }))
  .sort((a, b) => b.shift - a.shift)[0].k;

function openMetrics(): string {
  return openMetricsOf(
    columns.map((k) => {
      const s = sockShopSeries(k);
      const values = [...normal.get(k)!, ...anomalous.get(k)!];
      return { name: s.name, labels: s.labels, timesMs: values.map((_, i) => T0 + i * SEC), values };
    })
  );
}

const env = pluginOverPrometheus(openMetrics);

function selector(column: string): string {
  const s = sockShopSeries(column);
  return selectorOf(s.name, s.labels);
}

async function rankThroughExecutable(): Promise<DecodedFrame> {
  return correlationsThroughExecutable({
    ...env,
    uid: 'lens-prom-sockshop',
    fromMs: T0 + nNormal * SEC,
    toMs: T0 + (nNormal + nAnomalous - 1) * SEC,
    stepMs: SEC,
    expr: '{__name__=~"container_cpu_usage|container_memory_bytes|request_load|request_latency"}',
    correlate: { target: selector(targetColumn) },
  });
}

describe('a Sock Shop case through the built executable and real Prometheus', () => {
  it('ranks as the in-process product path does, the faulty container first', async () => {
    const table = await rankThroughExecutable();
    expect(table.name).toBe(CORRELATION_FRAME.name);
    const values = (name: string) => table.fields.find((f) => f.name === name)!.values;

    const asSeries = (k: string) => {
      const s = sockShopSeries(k);
      return {
        name: s.name,
        labels: s.labels,
        history: Float64Array.from(normal.get(k)!),
        window: Float64Array.from(anomalous.get(k)!),
      };
    };
    const pool = columns.filter((k) => k !== targetColumn);
    const inProcess = productRanking(asSeries(targetColumn), pool.map(asSeries));
    const expected = inProcess.map((r) => {
      const s = sockShopSeries(pool[r.index]);
      return seriesDisplayName(s.name, s.labels);
    });

    const series = values(CORRELATION_FRAME.fields.series) as string[];
    const scores = values(CORRELATION_FRAME.fields.causeScore) as number[];
    // Same candidates with the same scores; series with equal scores (e.g. constant ones) may differ in order, as
    // ties go by input order and Prometheus returns the series in its own order.
    expect([...series].sort()).toEqual([...expected].sort());
    const scoreOf = new Map(series.map((s, i) => [s, scores[i]]));
    inProcess.forEach((r, i) => expect(scoreOf.get(expected[i])).toBeCloseTo(r.causeScore, 9));
    expect(series.slice(0, 5)).toEqual(expected.slice(0, 5));
    expect(series[0]).toBe('container_cpu_usage{container="carts"}');
    expect(values(CORRELATION_FRAME.fields.significant)[0]).toBe(1);
  });
});
