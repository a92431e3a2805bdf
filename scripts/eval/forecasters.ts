/**
 * Forecasters from the analytics core, wrapped as (train) → forecast of `horizon` points. Modules are
 * loaded by path at run time so the harness runs while the core's forecasters are still landing: a module
 * that is not there yet is simply left out (and named on stderr).
 */
/* eslint-disable @typescript-eslint/no-explicit-any */
type Forecaster = (y: Float64Array) => Float64Array;

async function optional(path: string): Promise<any | undefined> {
  try {
    return await import(path);
  } catch (e) {
    process.stderr.write(`(forecaster module ${path} not available: ${(e as Error).message.split('\n')[0]})\n`);
    return undefined;
  }
}

export async function loadForecasters(horizon: number, period: number): Promise<Record<string, Forecaster>> {
  const out: Record<string, Forecaster> = {};
  const hw = await optional('../../src/analytics/forecasting/holtWinters');
  if (hw?.holtWinters) {
    out.holtWintersAdd = (y) => hw.holtWinters(y, { period, trend: 'add', damped: true, seasonal: 'add', horizon }).forecast;
    out.holtWintersMul = (y) => hw.holtWinters(y, { period, trend: 'add', damped: true, seasonal: 'mul', horizon }).forecast;
  }
  let augursReady = false;
  const ensureAugurs = async () => {
    if (!augursReady) {
      const h = await optional('../../tests/helpers/loadAugursWasm');
      h?.loadAugursForTests?.();
      augursReady = true;
    }
  };
  const ets = await optional('../../src/analytics/forecasting/etsForecast');
  if (ets?.etsForecast) {
    await ensureAugurs();
    out.etsAugurs = (y) => ets.etsForecast(y, { period, horizon }).forecast;
  }
  const mstl = await optional('../../src/analytics/forecasting/mstlEtsForecast');
  if (mstl?.mstlEtsForecast) {
    await ensureAugurs();
    out.mstlEtsAugurs = (y) => mstl.mstlEtsForecast(y, { periods: [period], horizon }).forecast;
  }
  const lin = await optional('../../src/analytics/forecasting/linearForecast');
  if (lin?.linearForecast) {
    out.linear = (y) => lin.linearForecast(y, { horizon }).forecast;
  }
  return out;
}
