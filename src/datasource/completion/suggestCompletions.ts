/**
 * Turns a completion context into the items the editor lists, asking the upstream through `UpstreamLookups`,
 * ordered by `rankCompletions` (prefix matches first; metrics, then labels, then functions). Function names are
 * facts from the PromQL and InfluxQL references.
 */
import { CompletionContext, CompletionKind } from './completionContext';
import type { CompletionItem } from './completionItem';
import { rankCompletions } from './rankCompletions';
import { UpstreamLookups } from './upstreamLookups';
import { MACROS } from './variableCompletionContext';

/** PromQL functions and aggregation operators offered after a metric-name position (and highlighted). */
export const PROMQL_FUNCTIONS = [
  'abs',
  'avg',
  'avg_over_time',
  'bottomk',
  'ceil',
  'changes',
  'clamp',
  'clamp_max',
  'clamp_min',
  'count',
  'count_over_time',
  'delta',
  'deriv',
  'exp',
  'floor',
  'histogram_quantile',
  'holt_winters',
  'idelta',
  'increase',
  'irate',
  'label_join',
  'label_replace',
  'last_over_time',
  'ln',
  'max',
  'max_over_time',
  'min',
  'min_over_time',
  'predict_linear',
  'quantile',
  'quantile_over_time',
  'rate',
  'resets',
  'round',
  'sort',
  'sort_desc',
  'sqrt',
  'stddev',
  'stddev_over_time',
  'sum',
  'sum_over_time',
  'time',
  'timestamp',
  'topk',
  'vector',
];

/** InfluxQL functions offered in the SELECT list (and highlighted). */
export const INFLUXQL_FUNCTIONS = [
  'count',
  'derivative',
  'difference',
  'distinct',
  'first',
  'last',
  'max',
  'mean',
  'median',
  'min',
  'mode',
  'moving_average',
  'non_negative_derivative',
  'percentile',
  'spread',
  'stddev',
  'sum',
];

/** Escapes a value for a double-quoted PromQL string. */
const promString = (v: string) => v.replace(/\\/g, '\\\\').replace(/"/g, '\\"');
/** Escapes a value for a single-quoted InfluxQL string. */
const influxString = (v: string) => v.replace(/\\/g, '\\\\').replace(/'/g, "\\'");
/** InfluxQL identifiers other than plain words need double quotes; an opened quote is closed. */
const influxIdent = (v: string, opened: boolean) => {
  const escaped = v.replace(/"/g, '\\"');
  if (opened) {
    return `${escaped}"`;
  }
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(v) ? v : `"${escaped}"`;
};

export interface CompletionExtras {
  /** Names of the dashboard's variables (without `$`). */
  variables?: readonly string[];
  /** Which macros apply. Default `promql`. */
  language?: 'promql' | 'influxql';
}

export async function suggestCompletions(
  ctx: CompletionContext,
  lookups: UpstreamLookups,
  extras: CompletionExtras = {}
): Promise<CompletionItem[]> {
  const quotedIdent = ctx.quoted === true;
  const plain = (kind: CompletionKind, values: string[], detail?: string): CompletionItem[] =>
    values.map((v) => ({ label: v, insertText: v, kind, detail }));
  let items: CompletionItem[] = [];
  switch (ctx.kind) {
    case 'metric': {
      const metrics = await lookups.metrics();
      items = [
        ...metrics.map((m) => ({ label: m.name, insertText: m.name, detail: m.help, kind: 'metric' as const })),
        ...PROMQL_FUNCTIONS.map((f) => ({
          label: f,
          insertText: `${f}(`,
          detail: 'function',
          kind: 'function' as const,
        })),
      ];
      break;
    }
    case 'labelName':
      items = plain(
        'labelName',
        (await lookups.labelNames(ctx.metric)).filter((l) => l !== '__name__')
      );
      break;
    case 'labelValue':
      items = (await lookups.labelValues(ctx.label ?? '', ctx.metric)).map((v) => ({
        label: v,
        insertText: promString(v),
        kind: 'labelValue' as const,
      }));
      break;
    case 'measurement':
      items = (await lookups.measurements()).map((m) => ({
        label: m,
        insertText: influxIdent(m, quotedIdent),
        kind: 'measurement' as const,
      }));
      break;
    case 'fieldKey':
      items = [
        ...(ctx.metric ? await lookups.fieldKeys(ctx.metric) : []).map((f) => ({
          label: f.key,
          insertText: influxIdent(f.key, quotedIdent),
          detail: f.type,
          kind: 'fieldKey' as const,
        })),
        ...INFLUXQL_FUNCTIONS.map((f) => ({
          label: f,
          insertText: `${f}(`,
          detail: 'function',
          kind: 'function' as const,
        })),
      ];
      break;
    case 'tagKey':
      items = (ctx.metric ? await lookups.tagKeys(ctx.metric) : []).map((k) => ({
        label: k,
        insertText: influxIdent(k, quotedIdent),
        kind: 'tagKey' as const,
      }));
      break;
    case 'variable': {
      // `${na` completes to `${name}`, `$na` to `$name`; macros keep their own spelling.
      const braced = ctx.prefix.startsWith('${');
      const typed = ctx.prefix.slice(braced ? 2 : 1);
      const names = [
        ...(extras.variables ?? []).map((v) => ({ v, detail: 'variable' })),
        ...MACROS[extras.language ?? 'promql'].map((m) => ({ v: m.slice(1), detail: 'macro' })),
      ];
      return rankCompletions(
        names.map(({ v, detail }) => ({
          label: `$${v}`,
          insertText: braced ? `\${${v}}` : `$${v}`,
          detail,
          kind: 'variable' as const,
        })),
        `$${typed}`
      );
    }
    case 'tagValue':
      items =
        ctx.metric && ctx.label
          ? (await lookups.tagValues(ctx.metric, ctx.label)).map((v) => ({
              label: v,
              insertText: influxString(v),
              kind: 'tagValue' as const,
            }))
          : [];
      break;
  }
  return rankCompletions(items, ctx.prefix);
}
