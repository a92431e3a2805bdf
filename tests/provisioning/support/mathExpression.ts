/**
 * Syntax check of a Grafana server-side `math` expression, following the grammar Grafana's expression parser
 * accepts (docs/grafana-expressions.md, "math"): numbers, `$A` / `${A B}` references, the operators
 * `|| && == != > >= < <= + - * / % **`, unary `!` and `-`, parentheses, and calls of Grafana's built-in
 * functions with their exact number of arguments. Anything else is a parse error, as it is in Grafana.
 * Returns the referenced refIds (what Grafana resolves against the rule's other queries and expressions).
 */

export interface MathExpression {
  /** refIds the expression reads, in order of appearance (`$A` and `${A}` both give `A`). */
  varNames: string[];
}

/** Grafana's built-in math functions and how many arguments each takes. */
export const MATH_FUNCTIONS: Readonly<Record<string, number>> = {
  abs: 1,
  log: 1,
  round: 1,
  ceil: 1,
  floor: 1,
  is_nan: 1,
  is_inf: 1,
  is_null: 1,
  is_number: 1,
  nan: 0,
  inf: 0,
  infn: 0,
  null: 0,
};

type TokenKind = 'num' | 'var' | 'func' | 'op' | '(' | ')' | ',' | 'str' | 'eof';
interface Token {
  kind: TokenKind;
  text: string;
  pos: number;
}

const OPERATORS = new Set(['!', '&&', '||', '>', '<', '>=', '<=', '==', '!=', '+', '-', '*', '**', '/', '%']);
const SYMBOL_CHARS = '!<>=&|+-*/%';
const isLetter = (c: string) => /\p{L}/u.test(c);
const isDigit = (c: string) => /\p{Nd}/u.test(c);
const isVarChar = (c: string) => c === '_' || isLetter(c) || isDigit(c);
const isSpace = (c: string) => /\s/u.test(c);

function lex(text: string): Token[] {
  const chars = Array.from(text);
  const tokens: Token[] = [];
  let i = 0;
  const fail = (message: string): never => {
    throw new Error(`math expression "${text}": ${message} at character ${i + 1}`);
  };
  while (i < chars.length) {
    const c = chars[i];
    const start = i;
    if (isSpace(c)) {
      i++;
    } else if (c === '$') {
      i++;
      let name = '';
      if (chars[i] === '{') {
        i++;
        while (chars[i] !== '}') {
          if (i >= chars.length) {
            fail('unterminated variable missing closing }');
          }
          if (!isVarChar(chars[i]) && !isSpace(chars[i])) {
            fail('unsupported variable character');
          }
          name += chars[i++];
        }
        i++;
      } else {
        while (i < chars.length && isVarChar(chars[i])) {
          name += chars[i++];
        }
      }
      if (name === '') {
        fail('incomplete variable');
      }
      tokens.push({ kind: 'var', text: name, pos: start });
    } else if (SYMBOL_CHARS.includes(c)) {
      let sym = '';
      while (i < chars.length && SYMBOL_CHARS.includes(chars[i])) {
        sym += chars[i++];
      }
      if (!OPERATORS.has(sym)) {
        fail(`unknown operator "${sym}"`);
      }
      tokens.push({ kind: 'op', text: sym, pos: start });
    } else if (isDigit(c) || c === '.') {
      // Go-style number scan: hex with 0x, decimal with optional fraction and exponent; validated below.
      const m = /^(0[xX][0-9a-fA-F]*|[0-9]*(\.[0-9]*)?([eE][+-]?[0-9]*)?)/.exec(chars.slice(i).join(''))!;
      const raw = m[0] || c;
      i += Array.from(raw).length;
      const ok = /^0[xX][0-9a-fA-F]+$/.test(raw) || /^(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(raw);
      if (!ok) {
        fail(`bad number syntax "${raw}"`);
      }
      tokens.push({ kind: 'num', text: raw, pos: start });
    } else if (isLetter(c)) {
      let name = '';
      while (i < chars.length && (isLetter(chars[i]) || chars[i] === '_')) {
        name += chars[i++];
      }
      tokens.push({ kind: 'func', text: name, pos: start });
    } else if (c === '(' || c === ')' || c === ',') {
      tokens.push({ kind: c, text: c, pos: start });
      i++;
    } else if (c === '"') {
      i++;
      while (chars[i] !== '"') {
        if (i >= chars.length) {
          fail('unterminated string');
        }
        i++;
      }
      i++;
      tokens.push({ kind: 'str', text: chars.slice(start, i).join(''), pos: start });
    } else {
      fail(`invalid character "${c}"`);
    }
  }
  tokens.push({ kind: 'eof', text: 'EOF', pos: chars.length });
  return tokens;
}

/** Parses `text`; throws an Error naming the problem when Grafana's parser would reject it. */
export function parseMathExpression(text: string): MathExpression {
  const tokens = lex(text);
  const varNames: string[] = [];
  let k = 0;
  const peek = () => tokens[k];
  const next = () => tokens[k++];
  const unexpected = (t: Token, where: string): never => {
    throw new Error(`math expression "${text}": unexpected ${t.text} in ${where}`);
  };
  const binary = (ops: string[], operand: () => void) => () => {
    operand();
    while (peek().kind === 'op' && ops.includes(peek().text)) {
      next();
      operand();
    }
  };
  // Precedence from lowest to highest, as Grammar O → A → C → P → M → E → F in Grafana's parser.
  const factor = (): void => {
    const t = peek();
    if (t.kind === 'num') {
      next();
    } else if (t.kind === 'var') {
      varNames.push(next().text);
    } else if (t.kind === 'func') {
      call();
    } else if (t.kind === 'op' && (t.text === '!' || t.text === '-')) {
      next();
      factor();
    } else if (t.kind === '(') {
      next();
      or();
      if (next().kind !== ')') {
        unexpected(tokens[k - 1], 'parentheses');
      }
    } else {
      unexpected(t, 'operand');
    }
  };
  const power = binary(['**'], factor);
  const product = binary(['*', '/', '%'], power);
  const sum = binary(['+', '-'], product);
  const compare = binary(['==', '!=', '>', '>=', '<', '<='], sum);
  const and = binary(['&&'], compare);
  const or = binary(['||'], and);
  function call(): void {
    const name = next().text;
    if (!(name in MATH_FUNCTIONS)) {
      throw new Error(`math expression "${text}": non existent function ${name}`);
    }
    if (next().kind !== '(') {
      unexpected(tokens[k - 1], `call of ${name}`);
    }
    let args = 0;
    if (peek().kind === ')') {
      next();
    } else {
      for (;;) {
        if (peek().kind === 'str') {
          throw new Error(`math expression "${text}": ${name} takes no string arguments`);
        }
        or();
        args++;
        const sep = next();
        if (sep.kind === ')') {
          break;
        }
        if (sep.kind !== ',') {
          unexpected(sep, `call of ${name}`);
        }
      }
    }
    if (args !== MATH_FUNCTIONS[name]) {
      throw new Error(
        `math expression "${text}": wrong number of arguments for ${name}: expected ${MATH_FUNCTIONS[name]}, got ${args}`
      );
    }
  }
  or();
  if (peek().kind !== 'eof') {
    unexpected(peek(), 'root input');
  }
  return { varNames };
}
