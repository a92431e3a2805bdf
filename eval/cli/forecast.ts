/**
 * M4 hourly evaluation: for each series, forecast the 48 test points from the training points with each
 * forecaster, then report mean sMAPE, mean MASE (seasonal-naive scaling, m = 24), OWA relative to Naive2
 * (metrics in eval/forecast, definitions of Makridakis et al. 2020) and, for forecasters with an interval, the
 * share of test points inside it, beside published M4 hourly figures. `product*` forecasters are the data
 * source's own path (eval/forecasters.ts); the others are references.
 *
 *   npx tsx eval/cli/forecast.ts -- --data /work/shared/data/m4-hourly --out /tmp/m4 [--forecasters a,b] [--limit N]
 *
 * Data layout (M4): `Hourly-train.csv` and `Hourly-test.csv`, header "V1","V2",…; each row is a quoted id
 * then that series' values, padded with empty cells.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { mase, naive2, owa, seasonalNaive, smape } from '../forecast';
import { parseArgs } from './lib/args';
import { readCsvRows } from './lib/csv';
import { markdownTable } from './lib/table';
import { Forecaster, loadForecasters } from '../forecasters';

const USAGE =
  'usage: forecast.ts --data <m4 dir> --out <results dir> [--forecasters a,b] [--limit N] [--horizon 48] [--period 24] [--holdout true]';

/** Published M4 hourly sMAPE (Makridakis et al. 2020, Table 4 / M4 results): */
const PUBLISHED: Array<[string, number]> = [
  ['Best hourly method (published)', 8.91],
  ['M4 winner, Smyl ES-RNN (published)', 9.33],
  ['Seasonal naive (published)', 13.91],
  ['Theta (published)', 18.14],
  ['Naive2 (published; sMAPE 18.38, MASE 2.395)', 18.38],
];

export function readM4(path: string): Map<string, Float64Array> {
  const rows = readCsvRows(readFileSync(path, 'utf8'));
  const out = new Map<string, Float64Array>();
  for (const r of rows.slice(1)) {
    const vals = r
      .slice(1)
      .filter((c) => c !== '' && c !== 'NA')
      .map(Number);
    if (vals.some((v) => !Number.isFinite(v))) {
      throw new Error(`${path}: series ${r[0]} has a non-numeric value`);
    }
    out.set(r[0], Float64Array.from(vals));
  }
  return out;
}

export interface ForecastSummaryRow {
  forecaster: string;
  smape: number;
  mase: number;
  owa: number;
  series: number;
  failed: number;
  seconds: number;
  /** Share of test points inside the forecaster's interval (NaN when it gives none). */
  coverage: number;
}

export async function main(argv: string[]): Promise<ForecastSummaryRow[]> {
  const args = parseArgs(argv, USAGE);
  const horizon = Number(args.extra.horizon ?? 48);
  const period = Number(args.extra.period ?? 24);
  let train = readM4(join(args.data, 'Hourly-train.csv'));
  let test: Map<string, Float64Array>;
  if (args.extra.holdout === 'true') {
    // Validation mode: the last `horizon` training points play the test set (for choosing methods
    // without looking at Hourly-test.csv).
    test = new Map([...train].map(([id, y]) => [id, y.subarray(y.length - horizon)]));
    train = new Map([...train].map(([id, y]) => [id, y.subarray(0, y.length - horizon)]));
  } else {
    test = readM4(join(args.data, 'Hourly-test.csv'));
  }
  let ids = [...train.keys()].filter((id) => test.has(id));
  if (args.extra.limit) {
    ids = ids.slice(0, Number(args.extra.limit));
  }
  const all = {
    seasonalNaive: (y: Float64Array) => seasonalNaive(y, horizon, period),
    naive2: (y: Float64Array) => naive2(y, horizon, period),
    ...(await loadForecasters(horizon, period)),
  };
  const names = args.extra.forecasters
    ? ['naive2', ...args.extra.forecasters.split(',').filter((n) => n !== 'naive2')]
    : Object.keys(all);
  const perSeries: Record<string, Record<string, { smape: number; mase: number }>> = {};
  const rows: ForecastSummaryRow[] = [];
  for (const name of names) {
    const f = (all as Record<string, Forecaster>)[name];
    if (!f) {
      throw new Error(`unknown forecaster ${name}; known: ${Object.keys(all).join(', ')}`);
    }
    const t0 = Date.now();
    let s = 0;
    let m = 0;
    let failed = 0;
    let inside = 0;
    let scored = 0;
    const forecasts: string[] = [];
    for (const id of ids) {
      const y = train.get(id)!;
      const actual = test.get(id)!.subarray(0, horizon);
      let fc: Float64Array;
      try {
        const out = f(y);
        fc = out instanceof Float64Array ? out : out.point;
        if (fc.length < horizon || fc.some((v) => !Number.isFinite(v))) {
          throw new Error('non-finite forecast');
        }
        if (!(out instanceof Float64Array)) {
          for (let h = 0; h < horizon; h++) {
            scored++;
            if (actual[h] >= out.lower[h] && actual[h] <= out.upper[h]) {
              inside++;
            }
          }
        }
      } catch {
        // A failed fit falls back to seasonal naive, counted, so the averages stay over every series.
        failed++;
        fc = seasonalNaive(y, horizon, period);
      }
      fc = fc.subarray(0, horizon);
      const e = { smape: smape(actual, fc), mase: mase(y, actual, fc, period) };
      (perSeries[id] ??= {})[name] = e;
      s += e.smape;
      m += e.mase;
      forecasts.push([id, ...Array.from(fc, (v) => v.toPrecision(8))].join(','));
    }
    mkdirSync(args.out, { recursive: true });
    writeFileSync(join(args.out, `${name}_forecasts.csv`), forecasts.join('\n') + '\n');
    rows.push({
      forecaster: name,
      smape: s / ids.length,
      mase: m / ids.length,
      owa: NaN,
      series: ids.length,
      failed,
      seconds: (Date.now() - t0) / 1000,
      coverage: scored > 0 ? inside / scored : NaN,
    });
    process.stderr.write(
      `${name}: sMAPE ${(s / ids.length).toFixed(2)} (${((Date.now() - t0) / 1000).toFixed(1)} s)\n`
    );
  }
  const n2 = rows.find((r) => r.forecaster === 'naive2')!;
  for (const r of rows) {
    // OWA is undefined (NaN) when Naive2 is perfect on every series.
    r.owa = n2.smape > 0 && n2.mase > 0 ? owa(r.smape, r.mase, n2.smape, n2.mase) : NaN;
  }
  const table = markdownTable(
    ['forecaster', 'sMAPE', 'MASE', 'OWA', '95 % interval coverage', 'failed fits', 'seconds'],
    [
      ...rows.map((r) => [
        r.forecaster,
        r.smape,
        r.mase,
        r.owa,
        Number.isNaN(r.coverage) ? '—' : `${(100 * r.coverage).toFixed(1)} %`,
        String(r.failed),
        r.seconds,
      ]),
      ...PUBLISHED.map(([n, v]) => [n, v, '—', '—', '—', '', '']),
    ]
  );
  writeFileSync(
    join(args.out, 'summary.json'),
    JSON.stringify({ series: ids.length, horizon, period, forecasters: rows }, null, 2)
  );
  writeFileSync(join(args.out, 'per_series.json'), JSON.stringify(perSeries));
  writeFileSync(join(args.out, 'summary.md'), table + '\n');
  process.stdout.write(`M4 hourly: ${ids.length} series, horizon ${horizon}, m = ${period}\n${table}\n`);
  return rows;
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((e) => {
    process.stderr.write(`${(e as Error).message}\n`);
    process.exit(1);
  });
}
