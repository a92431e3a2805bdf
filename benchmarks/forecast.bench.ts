/**
 * Holt-Winters: ours against statsmodels 0.13.5 ExponentialSmoothing (spawned /usr/bin/python3, which times
 * itself: scripts/fixtures/holtwinters_bench.py) and augurs AutoETS (non-seasonal model search, the nearest
 * augurs has) on the same seeded series in this run.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { AutoETS } from '@bsull/augurs/ets';
import { MSTL } from '@bsull/augurs/mstl';
import { holtWinters } from '../src/analytics/forecasting/holtWinters';
import { loadAugursForTests } from '../tests/helpers/loadAugursWasm';
import { report, seededRandom, time } from './harness';

loadAugursForTests();

function series(n: number, period: number, seed: number): Float64Array {
  const u = seededRandom(seed);
  return Float64Array.from(
    { length: n },
    (_, t) => 100 + 0.01 * t + 20 * Math.sin((2 * Math.PI * t) / period) + 4 * (u() + u() + u() - 1.5)
  );
}

function statsmodels(
  y: Float64Array,
  period: number,
  runs: number,
  fit: boolean
): { fixedMs: number; fittedMs: number | null } {
  const out = execFileSync('/usr/bin/python3', [join(__dirname, '..', 'scripts', 'fixtures', 'holtwinters_bench.py')], {
    input: JSON.stringify({ y: Array.from(y), period, runs, fit }),
    maxBuffer: 1 << 20,
  });
  return JSON.parse(out.toString());
}

for (const [n, period] of [
  [1_000, 24],
  [10_080, 1440],
] as const) {
  const y = series(n, period, n);
  // statsmodels' fit() at period 1440 takes ~275 s (measured once, 2026-11-22): timed only for the small series.
  const sm = statsmodels(y, period, n > 5000 ? 3 : 10, n < 5000);
  console.log(`\nseries: ${n} points, period ${period}`);
  report(
    'holtWinters fixed α β γ + forecast',
    time(() => holtWinters(y, { period, alpha: 0.2, beta: 0.05, gamma: 0.1, horizon: period }), 20),
    { label: 'statsmodels fixed', medianMs: sm.fixedMs }
  );
  const fitted = time(() => holtWinters(y, { period, horizon: period }), n > 5000 ? 3 : 10, 1);
  if (sm.fittedMs !== null) {
    report('holtWinters fitted α β γ + forecast', fitted, { label: 'statsmodels fit()', medianMs: sm.fittedMs });
  } else {
    report('holtWinters fitted α β γ + forecast (statsmodels fit() not run)', fitted);
  }
  const ets = time(
    () => {
      const m = new AutoETS(1, 'ZZN');
      m.fit(y);
      m.predict(period, 0.95);
      m.free();
    },
    n > 5000 ? 3 : 10,
    1
  );
  report('holtWinters fitted α β γ + forecast', fitted, { label: 'augurs AutoETS ZZN', medianMs: ets.medianMs });
  const mstl = time(
    () => {
      const m = MSTL.ets([period]);
      m.fit(y);
      m.predict(period, 0.95);
      m.free();
    },
    n > 5000 ? 3 : 5,
    1
  );
  report('holtWinters fitted α β γ + forecast', fitted, { label: 'augurs MSTL.ets', medianMs: mstl.medianMs });
}
