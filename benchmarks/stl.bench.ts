/**
 * STL and MSTL speed: ours against R `stats::stl` / `forecast::mstl` and statsmodels 0.13.5 `STL`,
 * same data and same parameters on every side, each reference timing itself in a child process
 * (`Rscript` with `proc.time`: mean of repeated runs, as its clock ticks in milliseconds; `/usr/bin/python3`
 * with `time.perf_counter`: median of repeated runs).
 *
 * Parameter sets (10,000 points, period 144):
 *  - "R defaults": s.window 7, degrees 0/1/1, windows 7/275/145, jumps ⌈span/10⌉ = 1/28/15,
 *    inner 2 / outer 0, robust inner 1 / outer 15.
 *  - "statsmodels defaults": degrees 1/1/1, same windows, jumps 1, inner 5 / outer 0, robust inner 2 / outer 15.
 * Then ours at 100,000 points (R as reference), and MSTL with periods 24 and 168 on 10,000 hourly points.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { mstl } from '../src/analytics/decomposition/mstl';
import { stl, StlOptions } from '../src/analytics/decomposition/stl';
import { report, seededRandom, time } from './harness';

interface ParamSet {
  label: string;
  options: StlOptions;
}

function series(n: number, period: number, seed: number): Float64Array {
  const rnd = seededRandom(seed);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const spike = rnd() < 0.005 ? 20 * (rnd() - 0.5) : 0;
    y[i] = 50 + 0.001 * i + 5 * Math.sin((2 * Math.PI * i) / period) + 2 * (rnd() - 0.5) + spike;
  }
  return y;
}

const PERIOD = 144;
const rDefaults = (robust: boolean): StlOptions => ({
  period: PERIOD,
  seasonal: 7,
  trend: 275,
  lowPass: 145,
  seasonalDeg: 0,
  trendDeg: 1,
  lowPassDeg: 1,
  seasonalJump: 1,
  trendJump: 28,
  lowPassJump: 15,
  robust,
  inner: robust ? 1 : 2,
  outer: robust ? 15 : 0,
});
const smDefaults = (robust: boolean): StlOptions => ({
  period: PERIOD,
  seasonal: 7,
  trend: 275,
  lowPass: 145,
  seasonalDeg: 1,
  trendDeg: 1,
  lowPassDeg: 1,
  seasonalJump: 1,
  trendJump: 1,
  lowPassJump: 1,
  robust,
  inner: robust ? 2 : 5,
  outer: robust ? 15 : 0,
});

const dir = mkdtempSync(join(tmpdir(), 'stl-bench-'));

function writeSeries(name: string, y: Float64Array): string {
  const file = join(dir, name);
  writeFileSync(file, Array.from(y).join('\n'));
  return file;
}

/** Mean ms per run of R `stats::stl` with the given options, timed inside R. */
function rStl(file: string, o: StlOptions, reps: number): number {
  const code = `
y <- scan(${JSON.stringify(file)}, quiet = TRUE); x <- ts(y, frequency = ${o.period})
f <- function() stl(x, s.window = ${o.seasonal}, s.degree = ${o.seasonalDeg}, t.window = ${o.trend},
  t.degree = ${o.trendDeg}, l.window = ${o.lowPass}, l.degree = ${o.lowPassDeg}, s.jump = ${o.seasonalJump},
  t.jump = ${o.trendJump}, l.jump = ${o.lowPassJump}, robust = ${o.robust ? 'TRUE' : 'FALSE'},
  inner = ${o.inner}, outer = ${o.outer})
invisible(f())
ms <- numeric(${reps})
for (i in seq_len(${reps})) { t0 <- proc.time()[["elapsed"]]; invisible(f()); ms[i] <- 1000 * (proc.time()[["elapsed"]] - t0) }
# proc.time has millisecond resolution: also report the mean of the whole loop.
cat(sprintf("%.6f", sum(ms) / ${reps}), "\\n")`;
  return Number(execFileSync('Rscript', ['-e', code], { encoding: 'utf8' }).trim());
}

/** Median ms per run of statsmodels `STL(...).fit(...)`, timed inside Python. */
function pyStl(file: string, o: StlOptions, reps: number): number {
  const code = `
import time, numpy as np
from statsmodels.tsa.seasonal import STL
y = np.loadtxt(${JSON.stringify(file)})
def f():
    return STL(y, period=${o.period}, seasonal=${o.seasonal}, trend=${o.trend}, low_pass=${o.lowPass},
               seasonal_deg=${o.seasonalDeg}, trend_deg=${o.trendDeg}, low_pass_deg=${o.lowPassDeg},
               seasonal_jump=${o.seasonalJump}, trend_jump=${o.trendJump}, low_pass_jump=${o.lowPassJump},
               robust=${o.robust ? 'True' : 'False'}).fit(inner_iter=${o.inner}, outer_iter=${o.outer})
f()
ms = []
for _ in range(${reps}):
    t0 = time.perf_counter(); f(); ms.append(1000 * (time.perf_counter() - t0))
print(sorted(ms)[len(ms) // 2])`;
  return Number(execFileSync('/usr/bin/python3', ['-c', code], { encoding: 'utf8' }).trim());
}

/** Mean ms per run of R `forecast::mstl` with periods 24 and 168, timed inside R. */
function rMstl(file: string, reps: number, robust: boolean): number {
  const code = `
suppressPackageStartupMessages(library(forecast))
y <- scan(${JSON.stringify(file)}, quiet = TRUE); x <- msts(y, seasonal.periods = c(24, 168))
invisible(mstl(x, robust = ${robust ? 'TRUE' : 'FALSE'}))
t0 <- proc.time()[["elapsed"]]
for (i in seq_len(${reps})) invisible(mstl(x, robust = ${robust ? 'TRUE' : 'FALSE'}))
cat(sprintf("%.6f", 1000 * (proc.time()[["elapsed"]] - t0) / ${reps}), "\\n")`;
  return Number(execFileSync('Rscript', ['-e', code], { encoding: 'utf8' }).trim());
}

try {
  const y10k = series(10_000, PERIOD, 1);
  const f10k = writeSeries('y10k.txt', y10k);
  const sets: Array<ParamSet & { rReps: number; pyReps: number; ourRuns: number }> = [
    { label: 'R defaults, non-robust', options: rDefaults(false), rReps: 100, pyReps: 20, ourRuns: 50 },
    { label: 'R defaults, robust', options: rDefaults(true), rReps: 30, pyReps: 5, ourRuns: 20 },
    { label: 'statsmodels defaults, non-robust', options: smDefaults(false), rReps: 10, pyReps: 3, ourRuns: 10 },
    { label: 'statsmodels defaults, robust', options: smDefaults(true), rReps: 5, pyReps: 2, ourRuns: 5 },
  ];
  console.log('STL, 10,000 points, period 144 (ratio > 1: ours faster)');
  for (const s of sets) {
    const ours = time(() => stl(y10k, s.options), s.ourRuns, 3);
    const r = rStl(f10k, s.options, s.rReps);
    const py = pyStl(f10k, s.options, s.pyReps);
    report(`stl ${s.label}`, ours, { label: 'R stats::stl', medianMs: r });
    report(`stl ${s.label}`, ours, { label: 'statsmodels STL', medianMs: py });
  }

  console.log('\nSTL, 100,000 points, period 144');
  const y100k = series(100_000, PERIOD, 2);
  const f100k = writeSeries('y100k.txt', y100k);
  for (const s of sets.slice(0, 3)) {
    const ours = time(() => stl(y100k, s.options), 5, 1);
    report(`stl 100k ${s.label}`, ours, { label: 'R stats::stl', medianMs: rStl(f100k, s.options, 3) });
  }

  console.log('\nMSTL, 10,000 hourly points, periods 24 and 168 (R defaults)');
  const hourly = new Float64Array(10_000);
  const rnd = seededRandom(3);
  for (let i = 0; i < hourly.length; i++) {
    hourly[i] =
      100 + 0.01 * i + 10 * Math.sin((2 * Math.PI * i) / 24) + 5 * Math.sin((2 * Math.PI * i) / 168) + 3 * rnd();
  }
  const fHourly = writeSeries('hourly.txt', hourly);
  for (const robust of [false, true]) {
    const ours = time(() => mstl(hourly, { periods: [24, 168], robust }), robust ? 10 : 30, 5);
    report(`mstl ${robust ? 'robust' : 'non-robust'}`, ours, {
      label: 'R forecast::mstl',
      medianMs: rMstl(fHourly, robust ? 5 : 20, robust),
    });
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
