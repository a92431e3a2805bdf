/**
 * Reads a PromQL (or demo selector) text up to the cursor and says what can be completed there: a metric name, a
 * label name inside `{…}` or a grouping list, or a label value inside quotes. Our own small scanner: Grafana's
 * Prometheus editor uses a full grammar (lezer-promql), which is not a dependency of this plugin, and these four
 * cases are what completion needs.
 */
import { CompletionContext } from './completionContext';

interface OpenGroup {
  ch: '{' | '(' | '[';
  pos: number;
  /** The identifier right before the opening character (metric name, function or `by`), if any. */
  word: string;
}

const GROUPING_WORDS = new Set(['by', 'without', 'on', 'ignoring', 'group_left', 'group_right']);
const CLOSERS: Record<string, OpenGroup['ch']> = { '}': '{', ')': '(', ']': '[' };

function wordBefore(text: string, pos: number): string {
  let end = pos;
  while (end > 0 && /\s/.test(text[end - 1])) {
    end--;
  }
  let start = end;
  while (start > 0 && /[\w:]/.test(text[start - 1])) {
    start--;
  }
  return text.slice(start, end);
}

export function promqlCompletionContext(text: string, cursor: number): CompletionContext | null {
  const upTo = text.slice(0, Math.max(0, Math.min(cursor, text.length)));
  const stack: OpenGroup[] = [];
  let quote: string | null = null;
  let quoteStart = -1;
  for (let i = 0; i < upTo.length; i++) {
    const c = upTo[i];
    if (quote) {
      if (c === '\\' && quote !== '`') {
        i++;
      } else if (c === quote) {
        quote = null;
      }
      continue;
    }
    if (c === '"' || c === "'" || c === '`') {
      quote = c;
      quoteStart = i;
    } else if (c === '#') {
      // A comment runs to the end of the line.
      const nl = upTo.indexOf('\n', i);
      if (nl < 0) {
        return null;
      }
      i = nl;
    } else if (c === '{' || c === '(' || c === '[') {
      stack.push({ ch: c, pos: i, word: wordBefore(upTo, i) });
    } else if (CLOSERS[c]) {
      // Unbalanced closers are tolerated: the user is mid-edit.
      const idx = stack.map((g) => g.ch).lastIndexOf(CLOSERS[c]);
      if (idx >= 0) {
        stack.length = idx;
      }
    }
  }
  const top = stack[stack.length - 1];

  if (quote) {
    if (top?.ch !== '{') {
      return null;
    }
    const m = /([a-zA-Z_]\w*)\s*(=~|!~|!=|=)\s*$/.exec(upTo.slice(top.pos + 1, quoteStart));
    if (!m) {
      return null;
    }
    return {
      kind: 'labelValue',
      prefix: upTo.slice(quoteStart + 1),
      from: quoteStart + 1,
      label: m[1],
      metric: metricName(top.word),
    };
  }
  if (top?.ch === '[') {
    return null;
  }
  if (top?.ch === '{' || (top?.ch === '(' && GROUPING_WORDS.has(top.word.toLowerCase()))) {
    const segment = upTo.slice(top.pos + 1);
    const m = /(?:^|[,\s])([a-zA-Z_]\w*)?$/.exec(segment);
    if (!m) {
      // After an operator (`job=`), a value needs its quote first.
      return null;
    }
    const prefix = m[1] ?? '';
    return {
      kind: 'labelName',
      prefix,
      from: upTo.length - prefix.length,
      metric: top.ch === '{' ? metricName(top.word) : undefined,
    };
  }
  const m = /[a-zA-Z_:][\w:]*$/.exec(upTo);
  const prefix = m?.[0] ?? '';
  const before = upTo[upTo.length - prefix.length - 1];
  if (before !== undefined && /[\d.]/.test(before)) {
    // A number or duration such as `5m` or `1e3`, not a name.
    return null;
  }
  return { kind: 'metric', prefix, from: upTo.length - prefix.length };
}

/** The word before `{` when it names a metric (not a keyword such as `by`). */
function metricName(word: string): string | undefined {
  return word !== '' && !GROUPING_WORDS.has(word.toLowerCase()) ? word : undefined;
}
