/**
 * The metric a PromQL expression derives from, read from its text without a parser: the first name that is not a
 * function call, keyword, aggregation or label. Used to name exported recording rules and to suggest the metric
 * family to rank against on the analyse page.
 */
/** Words that look like metric names in PromQL but are functions, keywords or aggregations. */
const NOT_METRICS = new Set([
  'by',
  'without',
  'on',
  'ignoring',
  'group_left',
  'group_right',
  'bool',
  'offset',
  'and',
  'or',
  'unless',
  'atan2',
  'sum',
  'min',
  'max',
  'avg',
  'group',
  'stddev',
  'stdvar',
  'count',
  'count_values',
  'bottomk',
  'topk',
  'quantile',
  'inf',
  'nan',
]);

/** The metric an expression derives from: its first name that is not a function, keyword or label. */
export function metricOfExpr(expr: string): string | undefined {
  // Label values, matchers, grouping lists, ranges and offsets hold names that are not metrics: drop them first.
  const bare = expr
    .replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`[^`]*`/g, ' ')
    .replace(/\{[^}]*\}/g, ' ')
    .replace(/\b(?:by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/gi, ' ')
    .replace(/\[[^\]]*\]/g, ' ')
    .replace(/\boffset\s+-?[0-9a-z]+/gi, ' ');
  const names = /[a-zA-Z_:][a-zA-Z0-9_:]*/g;
  for (let m = names.exec(bare); m; m = names.exec(bare)) {
    const word = m[0];
    const isCall = bare
      .slice(m.index + word.length)
      .trimStart()
      .startsWith('(');
    const inNumber = m.index > 0 && /[0-9.]/.test(bare[m.index - 1]);
    if (!isCall && !inNumber && !NOT_METRICS.has(word.toLowerCase())) {
      return word;
    }
  }
  return undefined;
}
