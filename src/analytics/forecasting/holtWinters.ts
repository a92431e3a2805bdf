/**
 * Holt–Winters exponential smoothing (Holt 1957; Winters 1960) with additive or damped trend and additive or
 * multiplicative seasonality, fitted values, point forecasts and prediction intervals. Our own: augurs has
 * AutoETS (model search; the harness reference `eval/references/etsForecast.ts`) but no way to fix parameters or
 * initial states, which bands and reproducible golden tests need.
 *
 * Recursions (the form of statsmodels' `ExponentialSmoothing`, with φ = 1 unless damped):
 *   ŷₜ = (ℓₜ₋₁ + φbₜ₋₁) + sₜ₋ₘ            (additive season; × sₜ₋ₘ when multiplicative)
 *   ℓₜ = α(yₜ − sₜ₋ₘ) + (1 − α)(ℓₜ₋₁ + φbₜ₋₁)        (yₜ / sₜ₋ₘ when multiplicative)
 *   bₜ = β(ℓₜ − ℓₜ₋₁) + (1 − β)φbₜ₋₁
 *   sₜ = γ(yₜ − ℓₜ₋₁ − φbₜ₋₁) + (1 − γ)sₜ₋ₘ          (yₜ / (ℓₜ₋₁ + φbₜ₋₁) when multiplicative)
 *   ŷₙ₊ₕ = ℓₙ + (φ + … + φʰ)bₙ + sₙ₊ₕ₋ₘ₍ₖ₊₁₎   (× for multiplicative), k = ⌊(h − 1)/m⌋
 * `initial.seasonal[j]` is the seasonal state used for yⱼ, j < m (statsmodels' `initial_seasonal` order).
 *
 * Prediction intervals (additive seasonality or none): this model is ETS(A,A(d),A) of Hyndman, Koehler, Ord &
 * Snyder (2008, "Forecasting with Exponential Smoothing", Table 6.1, class 1) with β_ETS = α·β. Then
 *   Var(eₙ₊ₕ) = σ²·(1 + Σⱼ₌₁..ₕ₋₁ cⱼ²),  cⱼ = α + αβ·(φ + … + φʲ) + γ·[j mod m = 0],
 * σ² = SSE / (number of finite residuals) (the MLE, as statsmodels' `ETSModel`), and the interval is
 * point ± z₍₁₊level₎/₂·√Var. Multiplicative seasonality has no closed form (class 3, ETS(A,A,M)): there the
 * intervals are empirical type-7 quantiles of `simulations` sample paths with N(0, σ²) innovations run
 * through the same recursions (Hyndman et al. 2008, §6.1 "simulated prediction intervals"; statsmodels
 * ETSModel's `method="simulated"`), from a seeded generator so results are reproducible.
 *
 * Fitting: parameters not given are chosen by Nelder–Mead on the in-sample SSE (α, β, γ in [0, 1],
 * φ in [0.8, 0.995], statsmodels' bounds), with initial states fixed beforehand by the "simple" rule
 * (level = mean of the first season, trend = mean season-over-season change / m, seasonal = first season minus
 * (or over) the level; without a season level = y₀, trend = y₁ − y₀).
 *
 * NaN policy: a NaN observation is a gap. Its fitted value is still produced, its residual is NaN, and the
 * states advance as if the observation equalled its forecast (zero innovation). The simple initial states use
 * finite values only. Fewer than 2 finite values, or fewer than 2·period points for a seasonal model, throws a
 * RangeError; a multiplicative season with a non-positive value throws too.
 */
import { quantile } from '../stats';
import { seededNormal } from '../stats/seededRandom';
import { nelderMead } from './nelderMead';
import { normalQuantile } from './normalQuantile';

export type TrendKind = 'none' | 'add';
export type SeasonalKind = 'none' | 'add' | 'mul';

export interface HoltWintersParams {
  /** Level smoothing α ∈ [0, 1]. */
  alpha: number;
  /** Trend smoothing β ∈ [0, 1] (Holt–Winters form; the ETS β is α·β). NaN without trend. */
  beta: number;
  /** Seasonal smoothing γ ∈ [0, 1]. NaN without season. */
  gamma: number;
  /** Damping φ; 1 when not damped. */
  phi: number;
}

export interface HoltWintersInitial {
  level: number;
  /** Default 0 without trend. */
  trend?: number;
  /** Length `period`; entry j is the seasonal state for y[j]. */
  seasonal?: ArrayLike<number>;
}

/** Options of {@link holtWintersFit}: the model and what is fixed rather than fitted. */
export interface HoltWintersFitOptions {
  /** Season length in steps. Default 1 (no season). */
  period?: number;
  /** Default 'add'. */
  trend?: TrendKind;
  /** Default 'add' when period > 1, else 'none'. */
  seasonal?: SeasonalKind;
  /** Damped trend. Default false. */
  damped?: boolean;
  /** Fixed smoothing parameters; those left out are fitted. */
  alpha?: number;
  beta?: number;
  gamma?: number;
  phi?: number;
  /** Known initial states. Default: the "simple" rule described above. */
  initial?: HoltWintersInitial;
}

/** Options of {@link holtWintersForecast}. */
export interface HoltWintersForecastOptions {
  /** Forecast steps. Default: `period` when seasonal, else 10. */
  horizon?: number;
  /** Prediction interval coverage in (0, 1). Default 0.95. */
  level?: number;
  /** Sample paths for simulated intervals (multiplicative season only). Default 5000. */
  simulations?: number;
  /** Seed of the simulation's generator. Default 1. */
  seed?: number;
}

/** Options of {@link holtWinters}: fit and forecast in one call. */
export interface HoltWintersOptions extends HoltWintersFitOptions, HoltWintersForecastOptions {}

/** A fitted model: {@link holtWintersFit}'s result, the input of {@link holtWintersForecast}. */
export interface HoltWintersFit {
  /** One-step-ahead in-sample predictions ŷₜ (length n). */
  fitted: Float64Array;
  /** yₜ − ŷₜ; NaN at gaps. */
  residuals: Float64Array;
  params: HoltWintersParams;
  initial: { level: number; trend: number; seasonal: Float64Array };
  /** Final states after the last observation; `seasonal[j]` serves the j-th step after it (mod period). */
  state: { level: number; trend: number; seasonal: Float64Array };
  /** Innovation variance, SSE / finite residual count. */
  sigma2: number;
  sse: number;
  period: number;
  trend: TrendKind;
  seasonal: SeasonalKind;
}

/** {@link holtWintersForecast}'s result. */
export interface HoltWintersForecast {
  forecast: Float64Array;
  /** Prediction interval edges (simulated for multiplicative seasonality). */
  lower: Float64Array;
  upper: Float64Array;
  level: number;
}

/** {@link holtWinters}'s result: the fit and its forecast. */
export interface HoltWintersResult extends HoltWintersFit, HoltWintersForecast {}

interface Model {
  m: number;
  trend: boolean;
  seasonal: SeasonalKind;
}

interface RunOutput {
  sse: number;
  count: number;
  level: number;
  trend: number;
  /** Ring of the last m seasonal states, indexed by time mod m. */
  season: Float64Array;
}

/** Runs the recursions over y; writes fitted values when `fitted` is given. */
function run(
  y: ArrayLike<number>,
  model: Model,
  p: HoltWintersParams,
  init: RunInit,
  fitted?: Float64Array
): RunOutput {
  const { m, trend, seasonal } = model;
  const { alpha, phi } = p;
  const beta = trend ? p.beta : 0;
  const gamma = seasonal === 'none' ? 0 : p.gamma;
  const season = Float64Array.from(init.seasonal);
  let l = init.level;
  let b = trend ? init.trend : 0;
  let sse = 0;
  let count = 0;
  const n = y.length;
  const mul = seasonal === 'mul';
  for (let t = 0; t < n; t++) {
    const j = t % m;
    const s = season[j];
    const base = l + phi * b;
    const yhat = mul ? base * s : base + s;
    if (fitted) {
      fitted[t] = yhat;
    }
    let v = y[t];
    if (v === v) {
      const e = v - yhat;
      sse += e * e;
      count++;
    } else {
      v = yhat;
    }
    const lNew = mul ? alpha * (v / s) + (1 - alpha) * base : alpha * (v - s) + (1 - alpha) * base;
    if (trend) {
      b = beta * (lNew - l) + (1 - beta) * phi * b;
    }
    if (seasonal !== 'none') {
      season[j] = mul ? gamma * (v / base) + (1 - gamma) * s : gamma * (v - base) + (1 - gamma) * s;
    }
    l = lNew;
  }
  return { sse, count, level: l, trend: b, season };
}

interface RunInit {
  level: number;
  trend: number;
  seasonal: Float64Array;
}

function finiteMean(y: ArrayLike<number>, from: number, to: number): number {
  let s = 0;
  let c = 0;
  for (let i = from; i < to; i++) {
    if (y[i] === y[i]) {
      s += y[i];
      c++;
    }
  }
  return c > 0 ? s / c : NaN;
}

function simpleInitial(y: ArrayLike<number>, model: Model): RunInit {
  const { m, seasonal } = model;
  if (seasonal !== 'none') {
    const level = finiteMean(y, 0, m);
    let diff = 0;
    let c = 0;
    for (let j = 0; j < m; j++) {
      const a = y[j];
      const b = y[j + m];
      if (a === a && b === b) {
        diff += b - a;
        c++;
      }
    }
    const trend = c > 0 ? diff / c / m : 0;
    const s = new Float64Array(m);
    for (let j = 0; j < m; j++) {
      const v = y[j];
      s[j] = v === v ? (seasonal === 'mul' ? v / level : v - level) : seasonal === 'mul' ? 1 : 0;
    }
    return { level, trend, seasonal: s };
  }
  let first = -1;
  let second = -1;
  for (let i = 0; i < y.length && second < 0; i++) {
    if (y[i] === y[i]) {
      if (first < 0) {
        first = i;
      } else {
        second = i;
      }
    }
  }
  return { level: y[first], trend: (y[second] - y[first]) / (second - first), seasonal: new Float64Array(1) };
}

function checkUnit(name: string, v: number | undefined, lo = 0, hi = 1): void {
  if (v !== undefined && !(v >= lo && v <= hi)) {
    throw new RangeError(`holtWinters: ${name} must lie in [${lo}, ${hi}], got ${v}`);
  }
}

/**
 * Fits a Holt–Winters model to `y`: initial states (given or by the simple rule), the smoothing parameters not
 * given (Nelder–Mead on the in-sample SSE), fitted values, residuals, σ² and the final states. Forecast it with
 * {@link holtWintersForecast}. See the file header for formulas and policies.
 */
export function holtWintersFit(y: ArrayLike<number>, options: HoltWintersFitOptions = {}): HoltWintersFit {
  const period = options.period ?? 1;
  if (!Number.isInteger(period) || period < 1) {
    throw new RangeError(`holtWinters: period must be a positive integer, got ${period}`);
  }
  const seasonalKind: SeasonalKind = period > 1 ? (options.seasonal ?? 'add') : 'none';
  const trendKind: TrendKind = options.trend ?? 'add';
  const model: Model = { m: seasonalKind === 'none' ? 1 : period, trend: trendKind === 'add', seasonal: seasonalKind };
  const damped = (options.damped ?? false) && model.trend;
  checkUnit('alpha', options.alpha);
  checkUnit('beta', options.beta);
  checkUnit('gamma', options.gamma);
  checkUnit('phi', options.phi, 0, 1);
  const n = y.length;
  let finite = 0;
  for (let i = 0; i < n; i++) {
    const v = y[i];
    if (v === v) {
      finite++;
      if (seasonalKind === 'mul' && !(v > 0)) {
        throw new RangeError('holtWinters: multiplicative seasonality needs strictly positive values');
      }
    }
  }
  if (finite < 2) {
    throw new RangeError(`holtWinters: needs at least 2 finite values, got ${finite}`);
  }
  if (seasonalKind !== 'none' && n < 2 * period && options.initial === undefined) {
    throw new RangeError(`holtWinters: a seasonal model needs at least 2 seasons (${2 * period} points), got ${n}`);
  }

  let init: RunInit;
  if (options.initial) {
    const s = options.initial.seasonal;
    if (seasonalKind !== 'none' && (s === undefined || s.length !== period)) {
      throw new RangeError(`holtWinters: initial.seasonal must have length ${period}`);
    }
    init = {
      level: options.initial.level,
      trend: options.initial.trend ?? 0,
      seasonal: seasonalKind === 'none' ? new Float64Array(1) : Float64Array.from(s as ArrayLike<number>),
    };
  } else {
    init = simpleInitial(y, model);
  }

  // Free parameters are fitted; the vector holds them in the order alpha, beta, gamma, phi.
  const free: Array<keyof HoltWintersParams> = [];
  const params: HoltWintersParams = {
    alpha: options.alpha ?? 0.5,
    beta: model.trend ? (options.beta ?? 0.1) : NaN,
    gamma: seasonalKind !== 'none' ? (options.gamma ?? 0.1) : NaN,
    phi: damped ? (options.phi ?? 0.98) : 1,
  };
  if (options.alpha === undefined) {
    free.push('alpha');
  }
  if (model.trend && options.beta === undefined) {
    free.push('beta');
  }
  if (seasonalKind !== 'none' && options.gamma === undefined) {
    free.push('gamma');
  }
  if (damped && options.phi === undefined) {
    free.push('phi');
  }
  if (free.length > 0) {
    const bounds = (k: keyof HoltWintersParams): [number, number] => (k === 'phi' ? [0.8, 0.995] : [0, 1]);
    const trialParams = { ...params };
    const objective = (x: Float64Array): number => {
      for (let i = 0; i < free.length; i++) {
        const [lo, hi] = bounds(free[i]);
        trialParams[free[i]] = Math.min(hi, Math.max(lo, x[i]));
      }
      return run(y, model, trialParams, init).sse;
    };
    // A few starts guard against the shallow local minima smoothing SSE surfaces have near the box edges.
    const starts: number[][] = [
      free.map((k) => (k === 'alpha' ? 0.5 : k === 'phi' ? 0.98 : 0.1)),
      free.map((k) => (k === 'alpha' ? 0.1 : k === 'phi' ? 0.9 : 0.01)),
      free.map((k) => (k === 'alpha' ? 0.9 : k === 'phi' ? 0.95 : 0.5)),
    ];
    let best: { x: Float64Array; value: number } = { x: Float64Array.from(starts[0]), value: Infinity };
    for (const s of starts) {
      let r = nelderMead(objective, s, { step: 0.1, maxEvaluations: 1500 });
      // Restart once from the optimum: Nelder–Mead can stall on a collapsed simplex.
      r = nelderMead(objective, r.x, { step: 0.05, maxEvaluations: 1000 });
      if (r.value < best.value) {
        best = r;
      }
    }
    for (let i = 0; i < free.length; i++) {
      const [lo, hi] = bounds(free[i]);
      params[free[i]] = Math.min(hi, Math.max(lo, best.x[i]));
    }
  }

  const fitted = new Float64Array(n);
  const out = run(y, model, params, init, fitted);
  const residuals = new Float64Array(n);
  for (let t = 0; t < n; t++) {
    residuals[t] = y[t] - fitted[t];
  }
  const sigma2 = out.count > 0 ? out.sse / out.count : NaN;

  const m = model.m;
  // The ring holds the state for time t at index t mod m; rotate so that state.seasonal[j] serves y[n + j].
  const finalSeason = new Float64Array(m);
  for (let j = 0; j < m; j++) {
    finalSeason[j] = out.season[(n + j) % m];
  }
  return {
    fitted,
    residuals,
    params,
    initial: {
      level: init.level,
      trend: model.trend ? init.trend : 0,
      seasonal: seasonalKind === 'none' ? new Float64Array(0) : init.seasonal,
    },
    state: {
      level: out.level,
      trend: out.trend,
      seasonal: seasonalKind === 'none' ? new Float64Array(0) : finalSeason,
    },
    sigma2,
    sse: out.sse,
    period: m,
    trend: trendKind,
    seasonal: seasonalKind,
  };
}

/** Horizon and level of a forecast, checked (before any fitting when called from {@link holtWinters}). */
function forecastSettings(seasonalKind: SeasonalKind, period: number, options: HoltWintersForecastOptions) {
  const horizon = options.horizon ?? (seasonalKind === 'none' ? 10 : period);
  const level = options.level ?? 0.95;
  if (!Number.isInteger(horizon) || horizon < 0) {
    throw new RangeError(`holtWinters: horizon must be a non-negative integer, got ${horizon}`);
  }
  if (!(level > 0 && level < 1)) {
    throw new RangeError(`holtWinters: level must lie in (0, 1), got ${level}`);
  }
  return { horizon, level };
}

/**
 * Point forecasts and prediction intervals of a fitted model for `horizon` steps after its last observation:
 * closed-form intervals without a multiplicative season, simulated ones (seeded) with it. Does not refit.
 */
export function holtWintersForecast(fit: HoltWintersFit, options: HoltWintersForecastOptions = {}): HoltWintersForecast {
  const seasonalKind = fit.seasonal;
  const m = fit.period;
  const { horizon, level } = forecastSettings(seasonalKind, m, options);
  const model: Model = { m, trend: fit.trend === 'add', seasonal: seasonalKind };
  const params = fit.params;
  const sigma2 = fit.sigma2;
  // Seasonal states by steps after the last observation (mod m); a model without season reads none.
  const season = seasonalKind === 'none' ? new Float64Array(1) : fit.state.seasonal;
  const forecast = new Float64Array(horizon);
  const lower = new Float64Array(horizon);
  const upper = new Float64Array(horizon);
  const z = normalQuantile((1 + level) / 2);
  const { alpha, phi } = params;
  const betaEts = model.trend ? alpha * params.beta : 0;
  const gamma = seasonalKind === 'none' ? 0 : params.gamma;
  let phiSum = 0; // φ + … + φʰ for the point forecast
  let varSum = 1; // 1 + Σ cⱼ² for j < h
  let phiJ = 0; // φ + … + φʲ for cⱼ
  let phiPow = 1;
  for (let h = 1; h <= horizon; h++) {
    phiPow *= phi;
    phiSum += phiPow;
    const s = season[(h - 1) % m];
    const base = fit.state.level + phiSum * fit.state.trend;
    forecast[h - 1] = seasonalKind === 'mul' ? base * s : seasonalKind === 'add' ? base + s : base;
    if (h > 1) {
      const j = h - 1;
      phiJ += Math.pow(phi, j);
      const c = alpha + betaEts * phiJ + (seasonalKind !== 'none' && j % m === 0 ? gamma : 0);
      varSum += c * c;
    }
    if (seasonalKind !== 'mul') {
      const half = z * Math.sqrt(sigma2 * varSum);
      lower[h - 1] = forecast[h - 1] - half;
      upper[h - 1] = forecast[h - 1] + half;
    }
  }
  if (seasonalKind === 'mul' && horizon > 0) {
    simulateIntervals(
      { level: fit.state.level, trend: fit.state.trend, season },
      model,
      params,
      sigma2,
      level,
      options.simulations ?? 5000,
      options.seed ?? 1,
      lower,
      upper
    );
  }
  return { forecast, lower, upper, level };
}

/** Fits a Holt–Winters model and forecasts it: {@link holtWintersFit} then {@link holtWintersForecast}. */
export function holtWinters(y: ArrayLike<number>, options: HoltWintersOptions = {}): HoltWintersResult {
  const period = options.period ?? 1;
  if (Number.isInteger(period) && period >= 1) {
    forecastSettings(period > 1 ? (options.seasonal ?? 'add') : 'none', period, options);
  }
  const fit = holtWintersFit(y, options);
  return { ...fit, ...holtWintersForecast(fit, options) };
}

/** Empirical prediction intervals from simulated future paths (multiplicative season). */
function simulateIntervals(
  final: { level: number; trend: number; season: Float64Array },
  model: Model,
  p: HoltWintersParams,
  sigma2: number,
  level: number,
  simulations: number,
  seed: number,
  lower: Float64Array,
  upper: Float64Array
): void {
  const horizon = lower.length;
  if (!Number.isInteger(simulations) || simulations < 2) {
    throw new RangeError(`holtWinters: simulations must be an integer ≥ 2, got ${simulations}`);
  }
  const { m } = model;
  const sigma = Math.sqrt(sigma2);
  const draw = seededNormal(seed);
  const paths = new Float64Array(horizon * simulations);
  const season = new Float64Array(m);
  const beta = model.trend ? p.beta : 0;
  for (let r = 0; r < simulations; r++) {
    season.set(final.season);
    let l = final.level;
    let b = final.trend;
    for (let h = 0; h < horizon; h++) {
      // Seasonal states indexed by steps after the last observation (mod m), as in the point forecast.
      const j = h % m;
      const s = season[j];
      const base = l + p.phi * b;
      const v = base * s + sigma * draw();
      const lNew = p.alpha * (v / s) + (1 - p.alpha) * base;
      if (model.trend) {
        b = beta * (lNew - l) + (1 - beta) * p.phi * b;
      }
      season[j] = p.gamma * (v / base) + (1 - p.gamma) * s;
      l = lNew;
      paths[h * simulations + r] = v;
    }
  }
  const lo = (1 - level) / 2;
  for (let h = 0; h < horizon; h++) {
    const column = paths.subarray(h * simulations, (h + 1) * simulations);
    lower[h] = quantile(column, lo);
    upper[h] = quantile(column, 1 - lo);
  }
}
