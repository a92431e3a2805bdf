/**
 * The data source's forecast (forecastSeries, what `outputs: [forecast]` runs): `auto` on a week of one-minute
 * points with a daily season, cold (backtest over every candidate) and with the cached choice (refit only),
 * against the model the data source ran before for `auto` with a season (augurs MSTL.ets) in the same run; and the
 * rolling time to threshold of the capacity dashboard against the per-point forecasts it replaced.
 */
import { MSTL } from '@bsull/augurs/mstl';
import { forecastSeries } from '../src/analytics/forecasting/forecastSeries';
import { recentTrendForecast } from '../src/analytics/forecasting/recentTrendForecast';
import { timeToThreshold } from '../src/analytics/forecasting/timeToThreshold';
import { analyseSeries } from '../src/backend/pipeline/analyseSeries';
import { validateQuery } from '../src/shared/validateQuery';
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

{
  const n = 10_080;
  const period = 1440;
  const y = series(n, period, 7);
  const before = time(
    () => {
      const m = MSTL.ets([period]);
      m.fit(y);
      m.predict(60, 0.95);
      m.free();
    },
    3,
    1
  );
  console.log(`\nforecastSeries: ${n} points, period ${period}, horizon 60`);
  const cold = time(() => forecastSeries(y, { horizon: 60, periods: [period] }), 10, 1);
  report('forecastSeries auto, cold', cold, { label: 'before: augurs MSTL.ets', medianMs: before.medianMs });
  const choice = forecastSeries(y, { horizon: 60, periods: [period] }).choice;
  console.log(`  chose ${choice.kind} (${choice.periods.join('+')})`);
  const cached = time(() => forecastSeries(y, { horizon: 60, periods: [period], reuse: choice }), 20, 2);
  report('forecastSeries auto, cached choice', cached, { label: 'before: augurs MSTL.ets', medianMs: before.medianMs });
  const linear = time(() => forecastSeries(y, { horizon: 60, model: 'linear' }), 20, 2);
  report('forecastSeries linear (trend from now)', linear, {
    label: 'before: augurs MSTL.ets',
    medianMs: before.medianMs,
  });
  const seasonal = time(() => forecastSeries(y, { horizon: 60, periods: [period], model: 'seasonal' }), 10, 1);
  report('forecastSeries seasonal (no backtest)', seasonal, {
    label: 'before: augurs MSTL.ets',
    medianMs: before.medianMs,
  });
}

{
  // The capacity dashboard's time to threshold: a rolling trend at every visible point (12 h at 15 s, window 1 h,
  // horizon 1 d capped at 5,000 points). Reference: the definition it implements, a trend forecast over each
  // trailing window read by timeToThreshold (what the data source ran before), in the same run.
  const step = 15_000;
  const n = 2880 + 240;
  const ts = Float64Array.from({ length: n }, (_, i) => i * step);
  const u = seededRandom(11);
  const vs = Float64Array.from({ length: n }, (_, i) => 0.5 + i * 1e-5 + 0.01 * Math.sin(i / 50) + 0.002 * u());
  const o = validateQuery({
    refId: 'A',
    schemaVersion: 2,
    expr: 'node_filesystem_used_ratio',
    outputs: ['timeToThreshold'],
    threshold: { value: 0.95, direction: 'above', window: '1h' },
    forecast: { horizon: '1d', model: 'linear' },
  });
  const input = { timestamps: ts, values: vs, visibleStart: 240, stepMs: step };
  const before = time(
    () => {
      for (let i = 240; i < n - 1; i++) {
        const win = vs.subarray(i - 239, i + 1);
        const path = recentTrendForecast(win, { horizon: 5000, window: 240, maxPoints: 120 }).point;
        timeToThreshold(path, 0.95, { current: vs[i], stepMs: step });
      }
    },
    3,
    1
  );
  console.log(`\nrolling time to threshold: ${n - 240} visible points, window 240, horizon 5,000`);
  const ours = time(() => analyseSeries(input, o), 5, 1);
  report('analyseSeries timeToThreshold (linear forecast)', ours, {
    label: 'before: trend forecast + scan per point',
    medianMs: before.medianMs,
  });
}
