/**
 * Bands on one week at 1-minute steps (10,080 points, daily season 1440): time per band method, compared
 * with augurs' MSTL + ETS fit and predict (the forecast-based alternative) on the same series in this run.
 * Aim: < 5 ms for the moving and STL-residual bands, and for the default detector (autoDetect).
 */
import { MSTL } from '@bsull/augurs/mstl';
import { forecastBand } from '../src/analytics/bands/forecastBand';
import { movingBand } from '../src/analytics/bands/movingBand';
import { seasonalBand } from '../src/analytics/bands/seasonalBand';
import { stlResidualBand } from '../src/analytics/bands/stlResidualBand';
import { autoDetect, AutoDetectSession, resumeAutoDetect } from '../src/analytics/detect/autoDetect';
import { loadAugursForTests } from '../tests/helpers/loadAugursWasm';
import { report, seededRandom, time } from './harness';

loadAugursForTests();
const n = 10_080;
const period = 1440;
const u = seededRandom(2026);
const y = Float64Array.from(
  { length: n },
  (_, t) => 100 + 0.001 * t + 20 * Math.sin((2 * Math.PI * t) / period) + 4 * (u() + u() + u() - 1.5)
);

const augurs = time(
  () => {
    const m = MSTL.ets([period]);
    m.fit(y);
    m.predict(60, 0.95);
    m.free();
  },
  5,
  1
);
const reference = { label: 'augurs MSTL.ets fit+predict', medianMs: augurs.medianMs };
console.log(`series: ${n} points, period ${period}; reference augurs MSTL.ets: ${augurs.medianMs.toFixed(1)} ms`);
report(
  'movingBand (window 60)',
  time(() => movingBand(y, { window: 60 }), 20),
  reference
);
report(
  'seasonalBand (period 1440, 4 seasons, ±1)',
  time(() => seasonalBand(y, { period, seasons: 4 }), 10),
  reference
);
report(
  'stlResidualBand (robust STL, global MAD)',
  time(() => stlResidualBand(y, { period }), 5, 1),
  reference
);
report(
  'stlResidualBand (non-robust STL)',
  time(() => stlResidualBand(y, { period, robust: false }), 5, 1),
  reference
);
const decomposition = stlResidualBand(y, { period });
report(
  'stlResidualBand (given decomposition: MAD + band only)',
  time(() => stlResidualBand(y, { period, decomposition }), 20),
  reference
);
report(
  'stlResidualBand (rolling MAD, window 61)',
  time(() => stlResidualBand(y, { period, decomposition, madWindow: 61 }), 5),
  reference
);
report(
  'forecastBand (Holt-Winters, fitted α β γ)',
  time(() => forecastBand(y, { period }), 3, 1),
  reference
);
report(
  'forecastBand (Holt-Winters, fixed parameters)',
  time(() => forecastBand(y, { period, alpha: 0.2, beta: 0.01, gamma: 0.1 }), 20),
  reference
);
// The first calls in a process run while V8 is still compiling the detector's loop (several times over the first
// dozen calls, 17–80 ms each): what a process pays once. The data source is a long-lived process that runs its query
// path at start-up (warmUpQueryPath), so the from-scratch cost of a new series is the compiled one, measured after
// 20 warm-up calls; the first call of this process is printed beside it.
const firstCall = time(() => autoDetect(y, { season: period }), 1, 0);
report('autoDetect, first call in this process (JIT not warm)', firstCall, reference);
report(
  'autoDetect (default detector: day season, flags and band)',
  time(() => autoDetect(y, { season: period }), 20, 20),
  reference
);
// The next alert evaluation one minute later: the same first point, one new point, resumed from the checkpoint the
// data source keeps 10 minutes before the last point (so 11 points are run again).
const before = resumeAutoDetect(y.subarray(0, n - 1), { season: period }, undefined, n - 11);
report(
  'autoDetect resumed one point later (checkpoint 10 points before the end)',
  time(() => resumeAutoDetect(y, { season: period }, before.checkpoint, n - 10), 20),
  reference
);
// The same with the detector session each data source instance keeps (computeBand.ts): the state is restored into,
// and the outputs written to, buffers reused from the previous call instead of new ones.
const session = new AutoDetectSession();
report(
  'autoDetect resumed one point later, with a session (as the data source runs it)',
  time(() => resumeAutoDetect(y, { season: period }, before.checkpoint, n - 10, session), 20),
  reference
);
