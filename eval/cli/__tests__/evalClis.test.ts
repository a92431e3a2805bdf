/**
 * The eval CLIs on tiny folders laid out like NAB, M4 and PetShop: output files, layout and headline figures.
 */
import { existsSync, mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main as nabMain, runBatchCausally } from '../nab';
import { main as forecastMain } from '../forecast';
import { main as rcaMain } from '../rca';

let root: string;
let stdout: jest.SpyInstance;
let stderr: jest.SpyInstance;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'eval-cli-'));
  stdout = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
  stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
});
afterEach(() => {
  stdout.mockRestore();
  stderr.mockRestore();
  rmSync(root, { recursive: true, force: true });
});

const pad = (n: number) => String(n).padStart(2, '0');
/** 5-minute rows from 2015-01-01 00:00 UTC, as NAB writes them. */
function nabTs(i: number): string {
  const d = new Date(Date.UTC(2015, 0, 1) + i * 300_000);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:00`;
}

test('eval:nab writes NAB results files and scores a spike detector near 100', () => {
  const data = join(root, 'nab');
  mkdirSync(join(data, 'data', 'groupA'), { recursive: true });
  mkdirSync(join(data, 'labels'), { recursive: true });
  const labels: Record<string, string[][]> = {};
  for (const [name, spike] of [
    ['one.csv', 300],
    ['two.csv', 250],
  ] as const) {
    const lines = ['timestamp,value'];
    for (let i = 0; i < 400; i++) {
      lines.push(`${nabTs(i)},${i === spike ? 100 : Math.sin(i / 3)}`);
    }
    writeFileSync(join(data, 'data', 'groupA', name), lines.join('\n') + '\n');
    labels[`groupA/${name}`] = [[`${nabTs(spike)}.000000`, `${nabTs(spike + 19)}.000000`]];
  }
  writeFileSync(join(data, 'labels', 'combined_windows.json'), JSON.stringify(labels));
  writeFileSync(
    join(data, 'profiles.json'),
    JSON.stringify({ standard: { CostMatrix: { tpWeight: 1, fnWeight: 1, fpWeight: 0.11, tnWeight: 1 } } })
  );
  const out = join(root, 'out');
  const summary = nabMain([
    '--',
    '--data',
    data,
    '--out',
    out,
    '--detectors',
    'nullBaseline,windowedGaussianBaseline,bandMoving',
    '--methods',
    'auto',
  ]);
  // The product's default query ran through the backend analysis: after its 300-row warm-up it flags the spike.
  const product = readFileSync(join(out, 'product-auto', 'groupA', 'product-auto_one.csv'), 'utf8')
    .trim()
    .split('\n');
  expect(product[0]).toBe('timestamp,value,anomaly_score,flag,label');
  expect(product[301].split(',')[3]).toBe('1');
  expect(JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')).product[0].query).toBe('auto');
  const file = join(out, 'windowedGaussianBaseline', 'groupA', 'windowedGaussianBaseline_one.csv');
  expect(existsSync(file)).toBe(true);
  const rows = readFileSync(file, 'utf8').trim().split('\n');
  expect(rows[0]).toBe('timestamp,value,anomaly_score,label');
  expect(rows).toHaveLength(401);
  expect(rows[301].startsWith(`${nabTs(300)},100,`)).toBe(true);
  expect(rows[301].endsWith(',1')).toBe(true);
  expect(rows[300].endsWith(',0')).toBe(true);
  expect(summary.find((s) => s.detector === 'nullBaseline')!.scores.standard).toBe(0);
  // The core-band detector ran through the causality check and wrote its files too.
  expect(existsSync(join(out, 'bandMoving', 'groupA', 'bandMoving_two.csv'))).toBe(true);
  // The spike is the first row of each window and the largest deviation of each file.
  expect(summary.find((s) => s.detector === 'windowedGaussianBaseline')!.scores.standard).toBeCloseTo(100, 6);
  expect(JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')).files).toBe(2);
});

/** A NAB checkout as its repository lays it out: data/ with a README, labels/, config/profiles.json. */
function nabRepository(rows: (i: number) => string[]): string {
  const data = join(root, 'NAB');
  mkdirSync(join(data, 'data', 'groupA'), { recursive: true });
  mkdirSync(join(data, 'labels'), { recursive: true });
  mkdirSync(join(data, 'config'), { recursive: true });
  writeFileSync(join(data, 'data', 'README.md'), '# Data\n');
  const lines = ['timestamp,value'];
  for (let i = 0; i < 400; i++) {
    lines.push(...rows(i));
  }
  writeFileSync(join(data, 'data', 'groupA', 'one.csv'), lines.join('\n') + '\n');
  writeFileSync(
    join(data, 'labels', 'combined_windows.json'),
    JSON.stringify({ 'groupA/one.csv': [[`${nabTs(330)}.000000`, `${nabTs(349)}.000000`]] })
  );
  writeFileSync(
    join(data, 'config', 'profiles.json'),
    JSON.stringify({ standard: { CostMatrix: { tpWeight: 1, fnWeight: 1, fpWeight: 0.11, tnWeight: 1 } } })
  );
  return data;
}

test('eval:nab reads NAB’s repository layout and keeps only the rows a live source would (no step back, no repeat)', () => {
  // Row 100 repeats row 99's timestamp; row 200 steps back one hour; the spike is at row 330.
  const data = nabRepository((i) => {
    const v = String(i === 330 ? 100 : Math.sin(i / 3));
    if (i === 100) {
      return [`${nabTs(99)},${v}`];
    }
    if (i === 200) {
      return [`${nabTs(188)},${v}`];
    }
    return [`${nabTs(i)},${v}`];
  });
  const out = join(root, 'out');
  nabMain(['--data', data, '--out', out, '--methods', 'auto', '--detectors', 'nullBaseline']);
  const product = readFileSync(join(out, 'product-auto', 'groupA', 'product-auto_one.csv'), 'utf8')
    .trim()
    .split('\n');
  // 400 rows less the repeated and the backward one, plus the header.
  expect(product).toHaveLength(399);
  const times = product.slice(1).map((r) => r.split(',')[0]);
  expect([...times].sort()).toEqual(times);
  expect(new Set(times).size).toBe(times.length);
  const warned = stderr.mock.calls.map((c) => String(c[0])).join('');
  expect(warned).toMatch(/groupA\/one\.csv: dropped 1 row\(s\) stepping back in time and 1 repeating a timestamp/);
  expect(existsSync(join(out, 'summary.json'))).toBe(true);
});

test('eval:nab takes the labels and profiles from --labels and --profiles when given', () => {
  const data = nabRepository((i) => [`${nabTs(i)},${i === 330 ? 100 : Math.sin(i / 3)}`]);
  const elsewhere = join(root, 'elsewhere');
  mkdirSync(elsewhere);
  writeFileSync(join(elsewhere, 'w.json'), readFileSync(join(data, 'labels', 'combined_windows.json')));
  writeFileSync(join(elsewhere, 'p.json'), readFileSync(join(data, 'config', 'profiles.json')));
  rmSync(join(data, 'labels'), { recursive: true });
  rmSync(join(data, 'config'), { recursive: true });
  const out = join(root, 'out');
  const args = ['--data', data, '--out', out, '--methods', 'none', '--detectors', 'nullBaseline'];
  expect(() => nabMain(args)).toThrow(
    /no cost profiles found \(looked for .*config\/profiles\.json.*\); name it with --profiles/
  );
  nabMain([...args, '--labels', join(elsewhere, 'w.json'), '--profiles', join(elsewhere, 'p.json')]);
  expect(JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')).windows).toBe(1);
  expect(() =>
    nabMain([...args, '--labels', join(elsewhere, 'missing.json'), '--profiles', join(elsewhere, 'p.json')])
  ).toThrow(/--labels .*missing\.json: no such file/);
});

test('eval:nab rejects an unknown option with the options it knows', () => {
  const data = nabRepository((i) => [`${nabTs(i)},${i}`]);
  expect(() => nabMain(['--data', data, '--out', join(root, 'out'), '--method', 'auto'])).toThrow(
    /unknown option --method \(known: --data, --out, --labels, --profiles, --methods, --every, --detectors\)/
  );
  expect(() => nabMain(['--data', data, '--out', join(root, 'out'), '--every'])).toThrow(/--every needs a value/);
});

test('eval:forecast scores sNaive and Naive2 on an M4-shaped folder', async () => {
  const data = join(root, 'm4');
  mkdirSync(data);
  const header = (n: number) => Array.from({ length: n }, (_, i) => `"V${i + 1}"`).join(',');
  const series = (id: string, n: number, f: (t: number) => number) =>
    [`"${id}"`, ...Array.from({ length: n }, (_, t) => `"${f(t)}"`)].join(',');
  // H1 repeats a daily pattern (plus a small 5-hour ripple, so no in-sample MASE scale is 0); H2 is shorter,
  // padded, and its test period is about 10% above its history (sNaive sMAPE there ≈ 200·0.1/2.1 = 9.52).
  const daily = (t: number) => 100 + 10 * (t % 24) + (t % 5) / 10;
  writeFileSync(
    join(data, 'Hourly-train.csv'),
    [
      header(121),
      series('H1', 120, daily),
      series('H2', 96, (t) => 50 + (t % 24) + (t % 7) / 10) + ',""'.repeat(24),
    ].join('\n')
  );
  writeFileSync(
    join(data, 'Hourly-test.csv'),
    [header(49), series('H1', 48, (t) => daily(t + 120)), series('H2', 48, (t) => 1.1 * (50 + ((t + 96) % 24)))].join(
      '\n'
    )
  );
  const out = join(root, 'out');
  const rows = await forecastMain(['--data', data, '--out', out, '--forecasters', 'seasonalNaive']);
  const snaive = rows.find((r) => r.forecaster === 'seasonalNaive')!;
  // Mean over the two series ≈ (≈0 + 9.52)/2.
  expect(snaive.smape).toBeCloseTo((200 * 0.1) / 2.1 / 2, 0);
  expect(snaive.series).toBe(2);
  expect(rows.find((r) => r.forecaster === 'naive2')!.owa).toBe(1);
  expect(readFileSync(join(out, 'seasonalNaive_forecasts.csv'), 'utf8').split('\n')[0].split(',')).toHaveLength(49);
  expect(existsSync(join(out, 'summary.md'))).toBe(true);
});

test('eval:rca ranks the service that moved with the target first, and the callee before its caller with the graph', async () => {
  const data = join(root, 'petshop');
  const scen = join(data, 'scenarioA');
  mkdirSync(join(scen, 'noissue'), { recursive: true });
  mkdirSync(join(scen, 'test', 'issue_0'), { recursive: true });
  const cols = [
    ['Site', 'latency', 'Average'],
    ['Cause', 'latency', 'Average'],
    ['Bystander', 'latency', 'Average'],
    ['Caller', 'latency', 'Average'],
  ];
  const metricsCsv = (rows: number[][], t0: number) =>
    [
      ['microservice', ...cols.map((c) => c[0])],
      ['metric', ...cols.map((c) => c[1])],
      ['statistic', ...cols.map((c) => c[2])],
      ['unix_timestamp', '', '', '', ''],
      ...rows.map((r, i) => [String(t0 + 300 * i), ...r.map(String)]),
    ]
      .map((r) => r.join(','))
      .join('\n');
  const normal = Array.from({ length: 50 }, (_, i) => [
    1 + 0.01 * (i % 3),
    2 + 0.01 * (i % 5),
    3 + 0.01 * (i % 7),
    4 + 0.01 * (i % 5),
  ]);
  writeFileSync(join(scen, 'noissue', 'metrics.csv'), metricsCsv(normal, 1_000_000));
  // The caller shows the cause's change a little more strongly than the cause itself.
  const issue = [0, 1, 2, 3, 4].map((i) => [1 + 2 * i, 2 + 3 * i, 3 + 0.01 * (i % 2), 4 + 3.3 * i]);
  writeFileSync(join(scen, 'test', 'issue_0', 'metrics.csv'), metricsCsv(issue, 2_000_000));
  writeFileSync(
    join(scen, 'test', 'issue_0', 'target.json'),
    JSON.stringify({
      target: { node: 'Site', metric: 'latency', agg: 'Average', timestamp: 2_000_600 },
      root_cause: { node: 'Cause', metric: null },
    })
  );
  const out = join(root, 'out');
  const withoutGraph = (await rcaMain(['--data', data, '--out', out])).issues;
  expect(withoutGraph).toHaveLength(1);
  expect(withoutGraph[0].ranks).toMatchObject({ product: 2, productNoServiceGraph: 2 });
  // Site calls Caller calls Cause (row = caller, column = callee).
  writeFileSync(
    join(scen, 'graph.csv'),
    [',Site,Cause,Bystander,Caller', 'Site,0,0,1.0,1.0', 'Cause,0,0,0,0', 'Bystander,0,0,0,0', 'Caller,0,1.0,0,0'].join(
      '\n'
    )
  );
  const { issues } = await rcaMain(['--data', data, '--out', out]);
  expect(issues[0].ranks).toEqual({
    zScoreBaseline: 2,
    robustZBaseline: 2,
    formerDefault: 2,
    product: 1,
    productNoServiceGraph: 2,
    productComovement: 2,
    productFamilyMixed: 1,
  });
  expect(JSON.parse(readFileSync(join(out, 'issues.json'), 'utf8'))[0].rootCause).toBe('Cause');
});

test('eval:nab refuses a batch detector that looks ahead', () => {
  const n = 100;
  const file = {
    group: 'g',
    name: 'f.csv',
    rawTimestamps: [],
    timestamps: Float64Array.from({ length: n }, (_, i) => i),
    values: Float64Array.from({ length: n }, (_, i) => i % 7),
    windows: [],
  };
  const ctx = { probationaryLength: 15, length: n };
  // Centred 3-point mean: row i uses row i + 1.
  const lookAhead = (v: Float64Array) => Float64Array.from(v, (_, i) => (v[i - 1] + v[i] + v[i + 1]) / 3);
  expect(() => runBatchCausally('lookAhead', lookAhead, ctx, file)).toThrow(/not causal on g\/f\.csv: row 59/);
  // A trailing mean passes and returns the whole-file scores.
  const trailing = (v: Float64Array) => Float64Array.from(v, (_, i) => (i > 0 ? v[i - 1] : NaN));
  expect(runBatchCausally('trailing', trailing, ctx, file)[10]).toBe(9 % 7);
});
