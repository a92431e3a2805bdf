/**
 * Turns an analysis query using the `moving` or `seasonal` band method into one Prometheus rule group whose
 * recording rules compute the same band as the plugin (src/analytics/bands/movingBand.ts, seasonalBand.ts) at a
 * step equal to the group's evaluation interval. Pure: no I/O; the resource (src/backend/resources) serves it.
 * docs/scaling.md explains the rules, their names and where PromQL forces a difference.
 *
 * The rules, in evaluation order (each reads series recorded earlier in the same group):
 *  - `value`: the query's expression, so every later rule reads one point per interval as the plugin does;
 *  - moving: `expected` = mean and `sigma` = sample standard deviation of the `window` points before t
 *    (`avg_over_time`/`stddev_over_time` over a range that ends one interval back, the population σ rescaled by
 *    √(n/(n−1))), only where at least minPoints of them exist;
 *  - seasonal: `sample` = the value at the same phase ±1 interval in each of the 4 past seasons (12 series told
 *    apart by `lens_season`/`lens_phase`), `expected` = their weighted median, `deviation` = |sample − expected|,
 *    `sigma` = 1.4826 × their weighted median. PromQL has no weighted quantile, so each sample is repeated by an
 *    integer weight (`lens_copy`) and `quantile(0.5, …)` taken over the copies; weights 6:4:3:2 make the same
 *    choice as the plugin's 1 : 0.7 : 0.49 : 0.343 whenever all 12 samples exist (checked exhaustively in the tests);
 *  - `lower`/`upper` = expected ∓ sensitivity·sigma (only the flagged side for a one-sided direction);
 *  - `flag` = +1 at or above upper (and above expected), −1 at or below lower (and below expected), else 0.
 */
import { MAD_NORMAL_SCALE } from '../../analytics/stats/mad';
import { formatDuration, parseDuration } from '../../shared/parseDuration';
import type { LensQuery } from '../../shared/queryModel';
import { QueryValidationError, validateQuery, type ResolvedOptions } from '../../shared/validateQuery';
import { metricOfExpr } from '../../shared/metricOfExpr';
import { levelOfExpr, recordedBandNames, type RecordedBandNames } from './recordedBandNames';

/** Seasons back, phase half-width and minimum samples of the plugin's seasonal band (seasonalBand defaults). */
export const EXPORT_SEASONS = 4;
export const EXPORT_HALF_WIDTH = 1;
export const EXPORT_MIN_SAMPLES = 3;
/** Integer stand-ins for the seasonal band's weights 0.7^(i−1), season 1 first (see the file header). */
export const EXPORT_SEASON_COPIES = [6, 4, 3, 2];
/** Fewest points a season must span (as resolvePeriods requires). */
const MIN_PERIOD_POINTS = 4;
/** Default evaluation interval when neither the request nor the query's minStep gives one. */
export const DEFAULT_RULE_INTERVAL = '1m';

export interface RecordingRuleOptions {
  /** Evaluation interval of the group = the step the band is computed at. Duration; default the query's
   * `minStepMs`, else `1m`. */
  interval?: string;
  /** First part of the names; default the expression's `by (…)` labels, else its matcher labels, else `series`. */
  level?: string;
  /** Middle part of the names; default the first metric name in the expression. */
  metric?: string;
  /** Name of the rule group; default `anomaly_lens_<metric>_<operation>`. */
  groupName?: string;
}

export interface RecordingRule {
  record: string;
  expr: string;
}

export interface RecordingRuleGroup {
  name: string;
  /** Duration text, e.g. `1m`. */
  interval: string;
  rules: RecordingRule[];
}

export interface RecordingRuleExport {
  group: RecordingRuleGroup;
  names: RecordedBandNames;
  method: 'moving' | 'seasonal';
  intervalMs: number;
  /** What the rules do differently from the plugin for this query, or what they leave to the plugin. */
  notes: string[];
}

/** The label names the seasonal rules add (and aggregate away again). */
export const SEASON_LABEL = 'lens_season';
export const PHASE_LABEL = 'lens_phase';
export const COPY_LABEL = 'lens_copy';

const NAME_PART = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const METRIC_PART = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
/** Grafana's own variables have no value outside a dashboard. */
const VARIABLE = /\$(?:\{[^}]*\}|\[\[[^\]]*\]\]|[a-zA-Z_][a-zA-Z0-9_]*)/;

function blocked(field: string, message: string): never {
  throw new QueryValidationError(field, message);
}

/** PromQL duration text (`59m30s`, `90s`); formatDuration writes the same units PromQL reads. */
function promDuration(ms: number): string {
  return formatDuration(ms);
}

/** `label_replace(x, "<label>", "<value>", "", "")` adds a constant label (the empty source always matches ""). */
function withLabel(x: string, label: string, value: string): string {
  return `label_replace(${x}, "${label}", "${value}", "", "")`;
}

/** Each series of `selector` repeated per season by EXPORT_SEASON_COPIES, told apart by `lens_copy`. */
function weightedCopies(selector: string): string {
  const maxCopies = Math.max(...EXPORT_SEASON_COPIES);
  const terms: string[] = [];
  for (let c = 0; c < maxCopies; c++) {
    const seasons = EXPORT_SEASON_COPIES.map((w, i) => (c < w ? String(i + 1) : '')).filter((s) => s !== '');
    terms.push(withLabel(`${selector}{${SEASON_LABEL}=~"${seasons.join('|')}"}`, COPY_LABEL, String(c)));
  }
  return terms.join(' or ');
}

function bandEdges(names: RecordedBandNames, k: number, direction: 'above' | 'below' | 'both'): RecordingRule[] {
  const rules: RecordingRule[] = [];
  if (direction !== 'above') {
    rules.push({ record: names.lower, expr: `${names.expected} - ${k} * ${names.sigma}` });
  }
  if (direction !== 'below') {
    rules.push({ record: names.upper, expr: `${names.expected} + ${k} * ${names.sigma}` });
  }
  const v = names.value;
  const e = names.expected;
  const above = `(${v} >= bool ${names.upper}) * (${v} > bool ${e})`;
  const below = `(${v} <= bool ${names.lower}) * (${v} < bool ${e})`;
  const flag = direction === 'above' ? above : direction === 'below' ? `0 - ${below}` : `${above} - ${below}`;
  rules.push({ record: names.flag, expr: flag });
  return rules;
}

/**
 * The rule group of one query.
 * @throws QueryValidationError naming the query option (or export option) that the export cannot express
 */
export function recordingRuleGroup(query: LensQuery, options: RecordingRuleOptions = {}): RecordingRuleExport {
  if ((query.exclusionTags?.length ?? 0) > 0) {
    blocked(
      'exclusionTags',
      'leave time ranges out of training, which recording rules cannot do; remove them to export'
    );
  }
  return recordingRuleGroupOf((query.expr ?? '').trim(), validateQuery(query), query.minStepMs, options);
}

/** The same from an already validated query (what the backend pipeline holds). */
export function recordingRuleGroupOf(
  expr: string,
  o: ResolvedOptions,
  minStepMs: number | undefined,
  options: RecordingRuleOptions = {}
): RecordingRuleExport {
  if (o.queryType !== 'analysis') {
    blocked('queryType', `is ${o.queryType}; only analysis queries (bands) can be exported as recording rules`);
  }
  if (o.method !== 'moving' && o.method !== 'seasonal') {
    blocked(
      'method',
      `is ${o.method}; only the moving and seasonal bands can be written in PromQL. Set method to moving or ` +
        `seasonal to export, or keep this query in the plugin`
    );
  }
  if (expr === '') {
    blocked('expr', 'is empty; the rules record a PromQL expression');
  }
  const variable = VARIABLE.exec(expr);
  if (variable) {
    blocked(
      'expr',
      `uses the dashboard variable ${variable[0]}, which has no value in a Prometheus ruler; replace it by its value`
    );
  }
  if (o.exclusions.length > 0) {
    blocked('exclusions', 'leave time ranges out of training, which recording rules cannot do; remove them to export');
  }
  let intervalMs: number;
  try {
    intervalMs =
      options.interval !== undefined
        ? parseDuration(options.interval)
        : minStepMs !== undefined && minStepMs > 0
          ? minStepMs
          : parseDuration(DEFAULT_RULE_INTERVAL);
  } catch (e) {
    blocked('interval', (e as Error).message);
  }
  if (!(intervalMs >= 1000) || intervalMs % 1000 !== 0) {
    blocked('interval', `must be a whole number of seconds ≥ 1s; got ${formatDuration(intervalMs)}`);
  }
  const minRun = Math.max(1, Math.round(o.flags.minDurationMs / intervalMs));
  if (minRun > 1) {
    blocked(
      'flags.minDuration',
      `(${formatDuration(o.flags.minDurationMs)}) keeps only runs of several points, which a recording rule cannot ` +
        `look ahead to decide; remove it (one step) to export, or set it on an alert rule's "for" instead`
    );
  }
  const metric = options.metric ?? metricOfExpr(expr);
  if (metric === undefined || !METRIC_PART.test(metric)) {
    blocked('metric', `cannot be derived from the expression; give the metric part of the rule names`);
  }
  const level = options.level ?? levelOfExpr(expr);
  if (!NAME_PART.test(level)) {
    blocked('level', `must be a label-name-like word (letters, digits, _); got ${JSON.stringify(level)}`);
  }
  const k = o.sensitivity;
  const interval = promDuration(intervalMs);
  const notes: string[] = [];
  const rules: RecordingRule[] = [];
  let names: RecordedBandNames;

  if (o.method === 'moving') {
    const window = Math.max(2, Math.round(o.movingWindowMs / intervalMs));
    const minPoints = Math.max(2, Math.ceil(window / 4));
    names = recordedBandNames(level, metric, 'moving', window * intervalMs);
    // The range ends one interval back (the point itself is not in its own band) and spans `window` points; half
    // an interval less than window·interval so that it holds exactly `window` aligned points whether the range's
    // start is closed (Prometheus 2) or open (Prometheus 3).
    const range = `${names.value}[${promDuration(window * intervalMs - intervalMs / 2)}] offset ${interval}`;
    const enough = `(count_over_time(${range}) >= ${minPoints})`;
    rules.push({ record: names.value, expr });
    rules.push({ record: names.expected, expr: `avg_over_time(${range}) and ${enough}` });
    rules.push({
      record: names.sigma,
      expr: `stddev_over_time(${range}) * sqrt(count_over_time(${range}) / (count_over_time(${range}) - 1)) and ${enough}`,
    });
  } else {
    if (o.seasonality.mode !== 'explicit') {
      blocked(
        'seasonality',
        `is ${o.seasonality.mode}; the season is detected per series inside the plugin, so the export needs it ` +
          `written out, e.g. ["1d"]`
      );
    }
    const seasonMs = o.seasonality.periodsMs[o.seasonality.periodsMs.length - 1];
    const period = Math.round(seasonMs / intervalMs);
    if (period < MIN_PERIOD_POINTS) {
      blocked(
        'seasonality',
        `(${formatDuration(seasonMs)}) spans fewer than ${MIN_PERIOD_POINTS} intervals of ${interval}`
      );
    }
    if (o.seasonality.periodsMs.length > 1) {
      notes.push(
        `Only the longest season (${formatDuration(seasonMs)}) is exported, as the plugin uses the longest that fits.`
      );
    }
    if (period * intervalMs !== seasonMs) {
      notes.push(`The season ${formatDuration(seasonMs)} is rounded to ${period} intervals of ${interval}.`);
    }
    names = recordedBandNames(level, metric, 'seasonal', seasonMs);
    const samples: string[] = [];
    for (let i = 1; i <= EXPORT_SEASONS; i++) {
      for (let d = -EXPORT_HALF_WIDTH; d <= EXPORT_HALF_WIDTH; d++) {
        const at = `${names.value} offset ${promDuration((i * period - d) * intervalMs)}`;
        samples.push(withLabel(withLabel(at, SEASON_LABEL, String(i)), PHASE_LABEL, String(d)));
      }
    }
    const split = `${SEASON_LABEL}, ${PHASE_LABEL}`;
    const perSeries = `${SEASON_LABEL}, ${PHASE_LABEL}, ${COPY_LABEL}`;
    rules.push({ record: names.value, expr });
    rules.push({ record: names.sample, expr: samples.join(' or ') });
    rules.push({
      record: names.expected,
      expr:
        `quantile without (${perSeries}) (0.5, ${weightedCopies(names.sample)}) ` +
        `and (count without (${split}) (${names.sample}) >= ${EXPORT_MIN_SAMPLES})`,
    });
    rules.push({
      record: names.deviation,
      expr: `abs(${names.sample} - ignoring (${split}) group_left ${names.expected})`,
    });
    rules.push({
      record: names.sigma,
      expr: `${MAD_NORMAL_SCALE} * quantile without (${perSeries}) (0.5, ${weightedCopies(names.deviation)})`,
    });
  }
  rules.push(...bandEdges(names, k, o.direction));
  if (o.direction === 'above') {
    notes.push('Direction above: no lower series is recorded (the plugin draws it at −∞).');
  } else if (o.direction === 'below') {
    notes.push('Direction below: no upper series is recorded (the plugin draws it at +∞).');
  }
  const leftToPlugin = o.outputs.filter((x) => !['raw', 'band', 'flag'].includes(x));
  if (leftToPlugin.length > 0) {
    notes.push(`Outputs ${leftToPlugin.join(', ')} are not recorded; they stay in the plugin.`);
  }
  const group: RecordingRuleGroup = {
    name: options.groupName ?? `anomaly_lens_${level}_${metric.replace(/:/g, '_')}_${names.operation}`,
    interval,
    rules,
  };
  return { group, names, method: o.method, intervalMs, notes };
}
