/**
 * Adds to each ranked row the evidence of the other measurements of its service (our own rule;
 * docs/algorithms/correlation.md, "Corroboration by service").
 *
 * A faulty service rarely shows its fault in one measurement only: its latency, its error rate or availability and
 * its request count move together, while a service that merely sees the fault often shows it in fewer of them. An SRE
 * weighs "several of this service's measurements moved" above "one measurement moved a little more". So a service's
 * evidence is the soft maximum of its measurements' scores, T·ln Σ exp(sₘ / T) (log-sum-exp at temperature T), each
 * measurement (a metric name) entering once with its best row: the quantiles or statistics of one latency are one
 * measurement seen several ways, not independent witnesses. That is the service's best score plus
 *
 *   bonus = T·ln(1 + Σ_{other measurements m} exp(−(s_best − sₘ) / T)),
 *
 * 0 for a service with one measurement, T·ln 2 for a second measurement as strong as the best, and next to nothing
 * for measurements far weaker than the best (one 3T below adds T·ln(1 + e⁻³) ≈ 0.05·T). Every row of the service gets
 * the same bonus, so the order of rows within a service is unchanged and the best row of each service carries the
 * service's soft maximum. Rows without a service get no bonus: their own score stands.
 *
 * T = 2 (`DEFAULT_CORROBORATION_TEMPERATURE`) was chosen on the evaluation's settings half (EVALUATION.md §3).
 *
 * NaN policy: a NaN (or infinite) score adds nothing to its service's bonus; it gets the bonus like the service's
 * other rows, and NaN stays NaN. Inputs are never mutated.
 */

export const DEFAULT_CORROBORATION_TEMPERATURE = 2;

export interface CorroborationRow {
  /** The row's service; undefined when it has none (no bonus). */
  service: string | undefined;
  /** The row's measurement within its service (its metric name): rows sharing it count once, by the best. */
  measurement: string;
  score: number;
}

export interface CorroborateByServiceOptions {
  /** Temperature T of the soft maximum, finite and > 0 (small: the best measurement alone counts; large: many
   * measurements add up). Default 2. */
  temperature?: number;
}

export interface CorroborationResult {
  /** Per input row: its score plus its service's bonus. */
  scores: Float64Array;
  /** Per input row: the bonus its service added (0 without a service). */
  bonus: Float64Array;
}

export function corroborateByService(
  rows: readonly CorroborationRow[],
  options: CorroborateByServiceOptions = {}
): CorroborationResult {
  const t = options.temperature ?? DEFAULT_CORROBORATION_TEMPERATURE;
  if (!(t > 0) || !Number.isFinite(t)) {
    throw new RangeError(`corroborateByService: temperature must be a finite number > 0, got ${t}`);
  }
  // Best score of each measurement of each service.
  const measurements = new Map<string, Map<string, number>>();
  for (const { service, measurement, score } of rows) {
    if (service === undefined || !Number.isFinite(score)) {
      continue;
    }
    let m = measurements.get(service);
    if (m === undefined) {
      m = new Map();
      measurements.set(service, m);
    }
    m.set(measurement, Math.max(m.get(measurement) ?? -Infinity, score));
  }
  // T·ln Σ exp((sₘ − s_best)/T): the best measurement's term is 1, so a single measurement adds 0.
  const serviceBonus = new Map<string, number>();
  for (const [service, m] of measurements) {
    const top = Math.max(...m.values());
    let sum = 0;
    for (const s of m.values()) {
      sum += Math.exp((s - top) / t);
    }
    serviceBonus.set(service, t * Math.log(sum));
  }
  const scores = new Float64Array(rows.length);
  const bonus = new Float64Array(rows.length);
  rows.forEach((r, i) => {
    bonus[i] = r.service === undefined ? 0 : (serviceBonus.get(r.service) ?? 0);
    scores[i] = r.score + bonus[i];
  });
  return { scores, bonus };
}
