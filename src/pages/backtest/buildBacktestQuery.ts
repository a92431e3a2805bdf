/**
 * The Backtest view's form → one `backtest` query (docs/backtest.md), or the reasons it cannot be sent, each
 * naming the field to fix. Checked here so a typo is reported beside the form before any query runs; the backend
 * checks everything again.
 */
import { BandMethod, BacktestVariant, ExclusionWindow, LensQuery, QUERY_SCHEMA_VERSION } from '../../shared/queryModel';
import { parseDuration } from '../../shared/parseDuration';
import { QUERY_LIMITS } from '../../shared/validateQuery';

export interface VariantForm {
  name: string;
  /** Empty: the method as saved (the default). */
  method: BandMethod | '';
  /** Text as typed; empty: the method's default. */
  sensitivity: string;
  minDuration: string;
  history: string;
}

export interface BacktestForm {
  expr: string;
  /** Comma-separated annotation tags. */
  incidentTags: string;
  /** One incident per line: `from, to[, label]`, ISO-8601 times (e.g. `2024-01-16T18:00Z`). */
  incidentRanges: string;
  variants: VariantForm[];
}

/** The step the view backtests at: a rule's usual 1-minute query (docs/alerting.md). */
export const BACKTEST_VIEW_STEP_MS = 60_000;

export const emptyVariant = (index: number): VariantForm => ({
  name: `variant ${String.fromCharCode(65 + index)}`,
  method: '',
  sensitivity: '',
  minDuration: '',
  history: '',
});

function incidentsOf(text: string, errors: string[]): ExclusionWindow[] {
  const out: ExclusionWindow[] = [];
  text
    .split('\n')
    .map((l) => l.trim())
    .forEach((line, i) => {
      if (line === '') {
        return;
      }
      const [from, to, ...label] = line.split(',').map((p) => p.trim());
      const fromMs = Date.parse(from);
      const toMs = Date.parse(to ?? '');
      if (!Number.isFinite(fromMs) || !Number.isFinite(toMs) || fromMs >= toMs) {
        errors.push(
          `Incident line ${i + 1} ("${line.slice(0, 60)}") must read "from, to[, label]" with from before to, ` +
            'e.g. 2024-01-16T18:00Z, 2024-01-16T18:20Z, checkout spike'
        );
        return;
      }
      out.push({
        from: new Date(fromMs).toISOString(),
        to: new Date(toMs).toISOString(),
        label: label.join(', ') || undefined,
      });
    });
  if (out.length > QUERY_LIMITS.maxIncidents) {
    errors.push(`At most ${QUERY_LIMITS.maxIncidents} incidents can be given; there are ${out.length}`);
  }
  return out;
}

function variantOf(v: VariantForm, i: number, errors: string[]): BacktestVariant {
  const name = v.name.trim() || emptyVariant(i).name;
  const out: BacktestVariant = { name };
  if (v.method) {
    out.method = v.method;
  }
  if (v.sensitivity.trim() !== '') {
    const s = Number(v.sensitivity);
    if (!Number.isFinite(s) || s <= 0) {
      errors.push(`${name}: sensitivity must be a positive number, got "${v.sensitivity.trim()}"`);
    } else {
      out.sensitivity = s;
    }
  }
  const duration = (label: string, text: string): string | undefined => {
    if (text.trim() === '') {
      return undefined;
    }
    try {
      parseDuration(text.trim());
      return text.trim();
    } catch {
      errors.push(`${name}: ${label} must be a duration such as 5m or 2h, got "${text.trim()}"`);
      return undefined;
    }
  };
  const minDuration = duration('minimum duration', v.minDuration);
  if (minDuration) {
    out.flags = { minDuration };
  }
  const history = duration('history', v.history);
  if (history) {
    out.history = history;
  }
  return out;
}

export function buildBacktestQuery(form: BacktestForm): { query: LensQuery } | { errors: string[] } {
  const errors: string[] = [];
  const expr = form.expr.trim();
  if (expr === '') {
    errors.push('Name the series to backtest: a PromQL or InfluxQL expression');
  }
  if (form.variants.length < 1 || form.variants.length > QUERY_LIMITS.maxBacktestVariants) {
    errors.push(`Compare 1 to ${QUERY_LIMITS.maxBacktestVariants} variants`);
  }
  const variants = form.variants.map((v, i) => variantOf(v, i, errors));
  const names = variants.map((v) => v.name);
  const twice = names.find((n, i) => names.indexOf(n) !== i);
  if (twice) {
    errors.push(`Two variants are named "${twice}": give each its own name`);
  }
  const incidents = incidentsOf(form.incidentRanges, errors);
  const incidentTags = form.incidentTags
    .split(',')
    .map((t) => t.trim())
    .filter((t) => t !== '');
  if (errors.length > 0) {
    return { errors };
  }
  return {
    query: {
      refId: 'B',
      schemaVersion: QUERY_SCHEMA_VERSION,
      queryType: 'backtest',
      expr,
      minStepMs: BACKTEST_VIEW_STEP_MS,
      backtest: {
        variants,
        ...(incidentTags.length ? { incidentTags } : {}),
        ...(incidents.length ? { incidents } : {}),
      },
    },
  };
}
