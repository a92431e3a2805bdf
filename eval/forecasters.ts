/**
 * Forecasters from the analytics core, wrapped as (train) → forecast of `horizon` points. Modules are
 * loaded by path at run time so the harness runs while the core's forecasters are still landing: a module
 * that is not there yet is simply left out (and named on stderr).
 */
/* eslint-disable @typescript-eslint/no-explicit-any */
import { analyseSeries } from '../src/backend/pipeline/analyseSeries';
import { validateQuery } from '../src/shared/validateQuery';
import { seasonalNaive } from './forecast';

/** A forecast of `horizon` points, with its interval when the forecaster has one. */
export type Forecaster = (
  y: Float64Array
) => Float64Array | { point: Float64Array; lower: Float64Array; upper: Float64Array };

async function optional(path: string): Promise<any | undefined> {
  try {
    return await import(path);
  } catch (e) {
    process.stderr.write(`(forecaster module ${path} not available: ${(e as Error).message.split('\n')[0]})\n`);
    return undefined;
  }
}

/**
 * The product path: `analyseSeries`, the function the data source runs per series for `outputs: [forecast]`, with
 * the options `validateQuery` resolves from a query that sets only the horizon (and the model), on an hourly grid.
 * Season detection, model choice, interval and cut at 0 are all the data source's own.
 */
export function productForecaster(horizon: number, model?: 'auto' | 'linear' | 'seasonal'): Forecaster {
  const hour = 3_600_000;
  const o = validateQuery({
    refId: 'A',
    schemaVersion: 2,
    expr: 'm4',
    outputs: ['forecast'],
    forecast: { horizon: `${horizon}h`, ...(model ? { model } : {}) },
  });
  return (y) => {
    const timestamps = Float64Array.from(y, (_, i) => i * hour);
    const a = analyseSeries({ timestamps, values: y, visibleStart: 0, stepMs: hour }, o);
    if (!a.forecast) {
      throw new Error(`no forecast: ${a.notices.join('; ')}`);
    }
    return a.forecast;
  };
}

export async function loadForecasters(horizon: number, period: number): Promise<Record<string, Forecaster>> {
  const out: Record<string, Forecaster> = {
    product: productForecaster(horizon),
    productLinear: productForecaster(horizon, 'linear'),
    productSeasonal: productForecaster(horizon, 'seasonal'),
    seasonalNaiveWeekly: (y) =>
      y.length >= 7 * period ? seasonalNaive(y, horizon, 7 * period) : seasonalNaive(y, horizon, period),
  };
  const hw = await optional('../src/analytics/forecasting/holtWinters');
  if (hw?.holtWinters) {
    out.holtWintersAdd = (y) =>
      hw.holtWinters(y, { period, trend: 'add', damped: true, seasonal: 'add', horizon }).forecast;
    out.holtWintersMul = (y) =>
      hw.holtWinters(y, { period, trend: 'add', damped: true, seasonal: 'mul', horizon }).forecast;
    out.holtWintersMulNoTrend = (y) => hw.holtWinters(y, { period, trend: 'none', seasonal: 'mul', horizon }).forecast;
    // Harness combination: the point-wise median of daily seasonal naive, weekly seasonal naive (M4 hourly
    // series carry a weekly cycle too) and Holt–Winters with a multiplicative daily season and no trend.
    // A median of three is robust to whichever one member is off (forecast combination, M4 finding 1).
    out.medianCombo = (y) => {
      const a = seasonalNaive(y, horizon, period);
      const b = y.length >= 7 * period ? seasonalNaive(y, horizon, 7 * period) : a;
      let c: Float64Array;
      try {
        c = hw.holtWinters(y, { period, trend: 'none', seasonal: 'mul', horizon }).forecast;
        if (c.some((v: number) => !Number.isFinite(v))) {
          c = a;
        }
      } catch {
        c = a;
      }
      return Float64Array.from({ length: horizon }, (_, h) => {
        const v = [a[h], b[h], c[h]].sort((p, q) => p - q);
        return v[1];
      });
    };
  }
  let augursReady = false;
  const ensureAugurs = async () => {
    if (!augursReady) {
      const h = await optional('./references/initAugurs');
      h?.initAugurs?.(h.readAugursWasm());
      augursReady = true;
    }
  };
  const ets = await optional('./references/etsForecast');
  if (ets?.etsForecast) {
    await ensureAugurs();
    // augurs 0.10 AutoETS is non-seasonal (see etsForecast's header): a trend/level-only reference.
    out.etsAugurs = (y) => ets.etsForecast(y, { horizon }).point;
  }
  const mstl = await optional('./references/mstlEtsForecast');
  if (mstl?.mstlEtsForecast) {
    await ensureAugurs();
    out.mstlEtsAugurs = (y) => mstl.mstlEtsForecast(y, { periods: [period], horizon }).point;
    // Daily and weekly seasons when the history holds two weeks (MSTL needs two cycles of the longest).
    out.mstlEtsAugursWeekly = (y) =>
      mstl.mstlEtsForecast(y, { periods: y.length >= 14 * period ? [period, 7 * period] : [period], horizon }).point;
    // Harness combination: point-wise median of daily and weekly seasonal naive and MSTL(24, 168)+ETS.
    out.medianComboMstl = (y) => {
      const a = seasonalNaive(y, horizon, period);
      const b = y.length >= 7 * period ? seasonalNaive(y, horizon, 7 * period) : a;
      let c: Float64Array;
      try {
        c = out.mstlEtsAugursWeekly(y) as Float64Array;
        if (c.some((v: number) => !Number.isFinite(v))) {
          c = a;
        }
      } catch {
        c = a;
      }
      return Float64Array.from({ length: horizon }, (_, h) => [a[h], b[h], c[h]].sort((p, q) => p - q)[1]);
    };
  }
  const lin = await optional('../src/analytics/forecasting/linearForecast');
  if (lin?.linearForecast) {
    out.linear = (y) => lin.linearForecast(y, { horizon }).point;
  }
  return out;
}
