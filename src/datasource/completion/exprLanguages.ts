/**
 * Syntax colouring of the expression field: Monarch tokenizers (Monaco's declarative highlighter format) for
 * PromQL and InfluxQL, written for this plugin from the two query languages' references. Registered under our own
 * language ids so they never replace the `promql` language Grafana's Prometheus data source registers in the same
 * Monaco instance. Dashboard variables and Grafana's macros (`$name`, `${name}`, `[[name]]`) colour as variables.
 */
import type { Monaco, monacoTypes } from '@grafana/ui';
import { INFLUXQL_FUNCTIONS, PROMQL_FUNCTIONS } from './suggestCompletions';

export type ExprLanguage = 'promql' | 'influxql';

export const EXPR_LANGUAGE_IDS: Record<ExprLanguage, string> = {
  promql: 'anomalylens-promql',
  influxql: 'anomalylens-influxql',
};

const VARIABLE = /\$\{[^}]*\}|\$\w+|\[\[[^\]]+\]\]/;

/** Strings of each quote kind: escapes inside, the closing quote pops. */
const stringStates = (kinds: Array<[name: string, quote: string]>) =>
  Object.fromEntries(
    kinds.map(([name, quote]) => [
      name,
      [
        [new RegExp(`[^\\\\${quote}]+`), 'string'],
        [/\\./, 'string.escape'],
        [quote, 'string', '@pop'],
      ],
    ])
  );

export const PROMQL_MONARCH: monacoTypes.languages.IMonarchLanguage = {
  defaultToken: '',
  keywords: [
    'by',
    'without',
    'on',
    'ignoring',
    'group_left',
    'group_right',
    'offset',
    'bool',
    'and',
    'or',
    'unless',
    'atan2',
  ],
  functions: [...PROMQL_FUNCTIONS, 'absent', 'absent_over_time', 'count_values', 'group', 'scalar', 'sgn'],
  tokenizer: {
    root: [
      [/#.*$/, 'comment'],
      [VARIABLE, 'variable'],
      [/@/, 'operator'],
      [/[a-zA-Z_:][\w:]*/, { cases: { '@keywords': 'keyword', '@functions': 'predefined', '@default': 'identifier' } }],
      [/\{/, { token: 'delimiter.curly', next: '@selector' }],
      [/\[/, { token: 'delimiter.square', next: '@range' }],
      [/"/, 'string', '@dstring'],
      [/'/, 'string', '@sstring'],
      [/`/, 'string', '@bstring'],
      [/(?:\d+(?:ms|[smhdwy]))+/, 'number'],
      [/0[xX][0-9a-fA-F]+|(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?|[Ii]nf|NaN/, 'number'],
      [/==|!=|>=|<=|=~|!~|[-+*/%^<>=]/, 'operator'],
      [/[(),]/, 'delimiter'],
      [/\s+/, 'white'],
    ],
    selector: [
      [/\}/, { token: 'delimiter.curly', next: '@pop' }],
      [VARIABLE, 'variable'],
      [/[a-zA-Z_]\w*/, 'tag'],
      [/=~|!~|!=|=/, 'operator'],
      [/"/, 'string', '@dstring'],
      [/'/, 'string', '@sstring'],
      [/`/, 'string', '@bstring'],
      [/,/, 'delimiter'],
      [/\s+/, 'white'],
    ],
    range: [
      [/\]/, { token: 'delimiter.square', next: '@pop' }],
      [VARIABLE, 'variable'],
      [/(?:\d+(?:ms|[smhdwy]))+|\d+/, 'number'],
      [/:/, 'delimiter'],
      [/\s+/, 'white'],
    ],
    ...stringStates([
      ['dstring', '"'],
      ['sstring', "'"],
      ['bstring', '`'],
    ]),
  },
};

export const INFLUXQL_MONARCH: monacoTypes.languages.IMonarchLanguage = {
  defaultToken: '',
  ignoreCase: true,
  keywords: [
    'select',
    'from',
    'where',
    'group',
    'by',
    'order',
    'limit',
    'slimit',
    'offset',
    'soffset',
    'fill',
    'tz',
    'as',
    'asc',
    'desc',
    'and',
    'or',
    'not',
    'into',
    'time',
    'now',
    'null',
    'none',
    'previous',
    'linear',
    'show',
    'tag',
    'field',
    'keys',
    'values',
    'with',
    'key',
    'measurements',
    'series',
  ],
  functions: [
    ...INFLUXQL_FUNCTIONS,
    'bottom',
    'top',
    'integral',
    'cumulative_sum',
    'elapsed',
    'sample',
    'abs',
    'round',
  ],
  tokenizer: {
    root: [
      [/--.*$/, 'comment'],
      [VARIABLE, 'variable'],
      [/[a-zA-Z_][\w]*/, { cases: { '@keywords': 'keyword', '@functions': 'predefined', '@default': 'identifier' } }],
      [/"/, 'identifier', '@qident'],
      [/'/, 'string', '@sstring'],
      [/\/(?:[^/\\]|\\.)+\//, 'regexp'],
      [/(?:\d+(?:ns|u|µ|ms|[smhdw]))+/, 'number'],
      [/(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/, 'number'],
      [/=~|!~|!=|<>|>=|<=|[-+*/%<>=]/, 'operator'],
      [/[(),.;]/, 'delimiter'],
      [/\s+/, 'white'],
    ],
    qident: [
      [/[^\\"]+/, 'identifier'],
      [/\\./, 'identifier'],
      [/"/, 'identifier', '@pop'],
    ],
    ...stringStates([['sstring', "'"]]),
  },
};

const LANGUAGE_CONFIG: Record<ExprLanguage, monacoTypes.languages.LanguageConfiguration> = {
  promql: {
    comments: { lineComment: '#' },
    brackets: [
      ['{', '}'],
      ['[', ']'],
      ['(', ')'],
    ],
    autoClosingPairs: [
      { open: '{', close: '}' },
      { open: '[', close: ']' },
      { open: '(', close: ')' },
      { open: '"', close: '"', notIn: ['string'] },
    ],
    // Label and metric names contain `:` and `_`; the word is what completion replaces.
    wordPattern: /[a-zA-Z_:][\w:]*|\d+(?:\.\d+)?/,
  },
  influxql: {
    comments: { lineComment: '--' },
    brackets: [['(', ')']],
    autoClosingPairs: [
      { open: '(', close: ')' },
      { open: "'", close: "'", notIn: ['string'] },
    ],
  },
};

/** Registers both languages once per Monaco instance (Grafana shares one between all editors of a page). */
export function registerExprLanguages(monaco: Monaco): void {
  const known = new Set(monaco.languages.getLanguages().map((l) => l.id));
  for (const language of ['promql', 'influxql'] as const) {
    const id = EXPR_LANGUAGE_IDS[language];
    if (known.has(id)) {
      continue;
    }
    monaco.languages.register({ id });
    monaco.languages.setMonarchTokensProvider(id, language === 'promql' ? PROMQL_MONARCH : INFLUXQL_MONARCH);
    monaco.languages.setLanguageConfiguration(id, LANGUAGE_CONFIG[language]);
  }
}
