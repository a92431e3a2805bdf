/**
 * Parser for the demo upstream's PromQL-like series selector: `metric{label="v",label!="v",label=~"re",label!~"re"}`.
 * Our own small recursive-descent parser following the PromQL selector syntax (prometheus.io/docs/prometheus/latest/
 * querying/basics: metric names `[a-zA-Z_:][a-zA-Z0-9_:]*`, label names `[a-zA-Z_][a-zA-Z0-9_]*`, regexes fully
 * anchored). A `__name__="…"` matcher may stand in for the metric name; any other `__name__` matcher (`=~`, `!=`,
 * `!~`) leaves the metric empty and selects across metrics (`{__name__=~"demo_.*"}`). Errors carry the 0-based
 * position.
 */
import { LensError } from '../../errors/LensError';

export type MatchOp = '=' | '!=' | '=~' | '!~';

export interface LabelMatcher {
  label: string;
  op: MatchOp;
  value: string;
}

export interface Selector {
  /** Metric name (from the prefix or an `__name__="…"` matcher); empty when `__name__` matchers pick metrics. */
  metric: string;
  /** Matchers other than the one that named the metric. */
  matchers: LabelMatcher[];
}

const METRIC_START = /[a-zA-Z_:]/;
const METRIC_CHAR = /[a-zA-Z0-9_:]/;
const LABEL_START = /[a-zA-Z_]/;
const LABEL_CHAR = /[a-zA-Z0-9_]/;

const EXAMPLE = 'e.g. demo_http_latency_seconds{service="checkout"}';

export function parseSelector(input: string): Selector {
  let pos = 0;
  const src = input;

  const fail = (message: string, at = pos): never => {
    throw new LensError(`${message} at position ${at + 1} of "${excerpt(src, at)}"`, {
      kind: 'input',
      status: 400,
      position: at,
    });
  };
  const skipSpace = (): void => {
    while (pos < src.length && /\s/.test(src[pos])) {
      pos++;
    }
  };
  const ident = (start: RegExp, rest: RegExp): string => {
    const begin = pos;
    if (pos < src.length && start.test(src[pos])) {
      pos++;
      while (pos < src.length && rest.test(src[pos])) {
        pos++;
      }
    }
    return src.slice(begin, pos);
  };
  const quoted = (): string => {
    const quote = src[pos];
    if (quote !== '"' && quote !== "'" && quote !== '`') {
      fail('expected a quoted label value like "checkout"');
    }
    const begin = pos;
    pos++;
    let out = '';
    while (pos < src.length && src[pos] !== quote) {
      if (src[pos] === '\\' && quote !== '`') {
        const next = src[pos + 1];
        if (next === undefined) {
          break;
        }
        out += next === 'n' ? '\n' : next === 't' ? '\t' : next;
        pos += 2;
      } else {
        out += src[pos++];
      }
    }
    if (pos >= src.length) {
      fail('unterminated label value: add the closing quote', begin);
    }
    pos++;
    return out;
  };

  skipSpace();
  if (pos >= src.length) {
    fail(`the selector is empty: write a metric name, ${EXAMPLE}`);
  }
  let metric = ident(METRIC_START, METRIC_CHAR);
  if (metric === '' && src[pos] !== '{') {
    fail(`expected a metric name or "{", found "${src[pos]}" (${EXAMPLE})`);
  }
  const matchers: LabelMatcher[] = [];
  skipSpace();
  if (src[pos] === '{') {
    pos++;
    skipSpace();
    while (src[pos] !== '}') {
      if (pos >= src.length) {
        fail('missing "}" at the end of the label matchers');
      }
      const labelAt = pos;
      const label = ident(LABEL_START, LABEL_CHAR);
      if (label === '') {
        fail(`expected a label name, found "${src[pos]}"`);
      }
      skipSpace();
      const two = src.slice(pos, pos + 2);
      let op: MatchOp;
      if (two === '=~' || two === '!=' || two === '!~') {
        op = two;
        pos += 2;
      } else if (src[pos] === '=') {
        op = '=';
        pos++;
      } else {
        op = fail(`expected one of = != =~ !~ after label "${label}"`);
      }
      skipSpace();
      const valueAt = pos;
      const value = quoted();
      if (op === '=~' || op === '!~') {
        try {
          new RegExp(`^(?:${value})$`);
        } catch (e) {
          fail(`invalid regular expression "${value}" for label "${label}": ${(e as Error).message}`, valueAt);
        }
      }
      if (label === '__name__' && op === '=') {
        if (metric !== '' && metric !== value) {
          fail(`the metric is named twice ("${metric}" and __name__="${value}")`, labelAt);
        }
        metric = value;
      } else {
        matchers.push({ label, op, value });
      }
      skipSpace();
      if (src[pos] === ',') {
        pos++;
        skipSpace();
      } else if (src[pos] !== '}') {
        fail(
          pos >= src.length
            ? 'missing "}" at the end of the label matchers'
            : `expected "," or "}", found "${src[pos]}"`
        );
      }
    }
    pos++;
  }
  skipSpace();
  if (pos < src.length) {
    fail(
      `unexpected "${src.slice(pos, pos + 10)}" after the selector; only a series selector is supported (${EXAMPLE})`
    );
  }
  if (metric === '' && !matchers.some((m) => m.label === '__name__')) {
    fail(`the selector names no metric: start with a metric name or add __name__="…" (${EXAMPLE})`, 0);
  }
  return { metric, matchers };
}

/** True when the label set satisfies every matcher (a missing label reads as ""; regexes are fully anchored). */
export function matchesLabels(matchers: LabelMatcher[], labels: Record<string, string>): boolean {
  return matchers.every((m) => {
    const v = labels[m.label] ?? '';
    switch (m.op) {
      case '=':
        return v === m.value;
      case '!=':
        return v !== m.value;
      case '=~':
        return new RegExp(`^(?:${m.value})$`).test(v);
      case '!~':
        return !new RegExp(`^(?:${m.value})$`).test(v);
    }
  });
}

/** Context quoted in error messages: about 80 characters around the position, so a huge selector is not echoed whole. */
const EXCERPT_RADIUS = 40;

function excerpt(src: string, at: number): string {
  if (src.length <= 2 * EXCERPT_RADIUS) {
    return src;
  }
  const from = Math.max(0, at - EXCERPT_RADIUS);
  const to = Math.min(src.length, at + EXCERPT_RADIUS);
  return `${from > 0 ? '…' : ''}${src.slice(from, to)}${to < src.length ? '…' : ''}`;
}
