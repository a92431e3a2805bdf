/**
 * The data source's forecast (forecastSeries, what `outputs: [forecast]` runs): `auto` on a week of one-minute
 * points with a daily season, cold (backtest over every candidate) and with the cached choice (refit only),
 * against the model the data source ran before for `auto` with a season (augurs MSTL.ets) in the same run.
 */
import { MSTL } from '@bsull/augurs/mstl';
import { forecastSeries } from '../src/analytics/forecasting/forecastSeries';
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
