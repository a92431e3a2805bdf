/**
 * Fast path for `query_range` answers: reads a `{"status":"success","data":{"resultType":"matrix","result":[…]}}`
 * body straight into Float64Arrays of sample times and values, without building the million `[t, "v"]` arrays and value
 * strings that `JSON.parse` makes for 1,000 series × 1,000 points (those, and the garbage collection after them,
 * were over half of the pipeline benchmark's profile). A single-pass scanner over the JSON text
 * (RFC 8259 grammar, checked as strictly as `JSON.parse` checks it).
 *
 * It never decides an error. Anything it does not fully understand — a body that is not valid JSON, an error
 * envelope, another result type, `histograms`, a sample off the grid, a value that is not a string, a repeated key
 * where the last would win, a limit exceeded — makes it return `undefined`, and the caller parses the body again
 * with `JSON.parse` (`readPrometheusEnvelope` + `parsePrometheusMatrix`), which words the error exactly as before.
 * Equivalence with that path is a property test (`__tests__/scanPrometheusMatrix.test.ts`).
 *
 * Measured in benchmarks/pipeline.bench.ts ("Reading a query_range answer" rows, BENCHMARKS.md): 1,000 series ×
 * 1,060 points (27 MB) ~45 ms against ~600 ms for JSON.parse + parsePrometheusMatrix.
 */
import type { UpstreamLimits } from '../http/upstreamHttpSettings';
import type { UpstreamSeries } from '../http/upstreamSeries';
import { parseSampleValue, type StepGrid } from './parsePrometheusResponse';

export interface ScannedMatrix {
  series: UpstreamSeries[];
  /** `warnings` as sent (not yet redacted); `infos` and other keys are read and ignored, as by the JSON path. */
  warnings: string[];
}

/** Thrown inside the scanner to give up; preallocated, so giving up costs no stack trace. */
const GIVE_UP = { giveUp: true };

// Char codes.
const QUOTE = 34;
const BACKSLASH = 92;
const COMMA = 44;
const COLON = 58;
const LBRACKET = 91;
const RBRACKET = 93;
const LBRACE = 123;
const RBRACE = 125;
const MINUS = 45;
const PLUS = 43;
const DOT = 46;
const ZERO = 48;
const NINE = 57;
const LOWER_E = 101;
const UPPER_E = 69;

/** Powers of ten exact in a double (10^0 … 10^22). */
const POW10 = Array.from({ length: 23 }, (_, i) => Number(`1e${i}`));
const TWO_53 = 2 ** 53;

class Scanner {
  p = 0;
  constructor(readonly s: string) {}

  ws(): number {
    const s = this.s;
    let p = this.p;
    let c = s.charCodeAt(p);
    // JSON whitespace is exactly space, tab, LF, CR.
    while (c === 32 || c === 10 || c === 13 || c === 9) {
      c = s.charCodeAt(++p);
    }
    this.p = p;
    return c; // NaN past the end
  }

  expect(code: number): void {
    if (this.ws() !== code) {
      throw GIVE_UP;
    }
    this.p++;
  }

  /** After a value inside a container: `,` (true: another one follows) or the closing `close` (false). */
  more(close: number): boolean {
    const c = this.ws();
    this.p++;
    if (c === COMMA) {
      return true;
    }
    if (c === close) {
      return false;
    }
    throw GIVE_UP;
  }

  /** Whether the container just opened is empty (and if so, steps over its closing character). */
  empty(close: number): boolean {
    if (this.ws() === close) {
      this.p++;
      return true;
    }
    return false;
  }

  /** A JSON string at the cursor; escapes are decoded by JSON.parse of the literal (rare in Prometheus answers). */
  string(): string {
    if (this.ws() !== QUOTE) {
      throw GIVE_UP;
    }
    const s = this.s;
    const start = ++this.p;
    let p = start;
    let escaped = false;
    for (;;) {
      const c = s.charCodeAt(p);
      if (c === QUOTE) {
        break;
      }
      if (c === BACKSLASH) {
        escaped = true;
        p += 2;
        continue;
      }
      if (!(c >= 0x20)) {
        throw GIVE_UP; // control character (not allowed unescaped) or end of text
      }
      p++;
    }
    this.p = p + 1;
    if (!escaped) {
      return s.slice(start, p);
    }
    try {
      return JSON.parse(s.slice(start - 1, p + 1)) as string;
    } catch {
      throw GIVE_UP;
    }
  }

  /**
   * A JSON number at the cursor, strict grammar (`-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?`). Digits up to 2^53 with a
   * power of ten up to 22 are converted with one exact operation, which IEEE rounding makes the correctly rounded
   * result (Clinger 1990, "How to read floating point numbers accurately"); anything else goes through Number().
   */
  number(): number {
    const s = this.s;
    const first = s.charCodeAt(this.p);
    if (!(first === MINUS || (first >= ZERO && first <= NINE))) {
      this.ws();
    }
    const start = this.p;
    let p = start;
    let c = s.charCodeAt(p);
    const negative = c === MINUS;
    if (negative) {
      c = s.charCodeAt(++p);
    }
    let m = 0;
    let exact = true;
    if (c === ZERO) {
      c = s.charCodeAt(++p);
    } else if (c > ZERO && c <= NINE) {
      do {
        m = m * 10 + (c - ZERO);
        c = s.charCodeAt(++p);
      } while (c >= ZERO && c <= NINE);
    } else {
      throw GIVE_UP;
    }
    let e10 = 0;
    if (c === DOT) {
      c = s.charCodeAt(++p);
      if (!(c >= ZERO && c <= NINE)) {
        throw GIVE_UP;
      }
      do {
        m = m * 10 + (c - ZERO);
        e10--;
        c = s.charCodeAt(++p);
      } while (c >= ZERO && c <= NINE);
    }
    if (c === LOWER_E || c === UPPER_E) {
      c = s.charCodeAt(++p);
      if (c === PLUS || c === MINUS) {
        c = s.charCodeAt(++p);
      }
      if (!(c >= ZERO && c <= NINE)) {
        throw GIVE_UP;
      }
      do {
        c = s.charCodeAt(++p);
      } while (c >= ZERO && c <= NINE);
      exact = false; // rare in Prometheus answers: leave to Number()
    }
    this.p = p;
    if (exact && m <= TWO_53 && e10 >= -22) {
      const v = e10 === 0 ? m : m / POW10[-e10];
      return negative ? -v : v;
    }
    return Number(s.slice(start, p));
  }

  /** A sample value string (`"1.5"`, `"NaN"`, `"+Inf"`, …) read as `parseSampleValue` reads it. */
  sampleValue(): number {
    if (this.s.charCodeAt(this.p) !== QUOTE && this.ws() !== QUOTE) {
      throw GIVE_UP; // a number, null, … : rare, left to the JSON path
    }
    const s = this.s;
    const start = ++this.p;
    let p = start;
    let c = s.charCodeAt(p);
    // Plain decimals take the exact fast route; everything else (NaN, ±Inf, exponents, long mantissas, escapes…)
    // is sliced and handed to parseSampleValue, the JSON path's own function.
    let negative = false;
    if (c === MINUS || c === PLUS) {
      negative = c === MINUS;
      c = s.charCodeAt(++p);
    }
    let m = 0;
    let digits = 0;
    let e10 = 0;
    while (c >= ZERO && c <= NINE) {
      m = m * 10 + (c - ZERO);
      digits++;
      c = s.charCodeAt(++p);
    }
    if (c === DOT) {
      c = s.charCodeAt(++p);
      while (c >= ZERO && c <= NINE) {
        m = m * 10 + (c - ZERO);
        digits++;
        e10--;
        c = s.charCodeAt(++p);
      }
    }
    if (c === QUOTE && digits > 0 && m <= TWO_53 && e10 >= -22) {
      this.p = p + 1;
      const v = e10 === 0 ? m : m / POW10[-e10];
      return negative ? -v : v;
    }
    this.p = start - 1;
    return parseSampleValue(this.string());
  }

  /** Steps over any JSON value, checking its grammar (for keys we do not read: `infos`, `stats`, …). */
  skipValue(depth = 0): void {
    if (depth > 64) {
      throw GIVE_UP;
    }
    const c = this.ws();
    if (c === QUOTE) {
      this.string();
    } else if (c === LBRACE) {
      this.p++;
      if (!this.empty(RBRACE)) {
        do {
          this.string();
          this.expect(COLON);
          this.skipValue(depth + 1);
        } while (this.more(RBRACE));
      }
    } else if (c === LBRACKET) {
      this.p++;
      if (!this.empty(RBRACKET)) {
        do {
          this.skipValue(depth + 1);
        } while (this.more(RBRACKET));
      }
    } else if (c === MINUS || (c >= ZERO && c <= NINE)) {
      this.number();
    } else if (this.s.startsWith('true', this.p)) {
      this.p += 4;
    } else if (this.s.startsWith('false', this.p)) {
      this.p += 5;
    } else if (this.s.startsWith('null', this.p)) {
      this.p += 4;
    } else {
      throw GIVE_UP;
    }
  }
}

/** Keys seen once so far in one object; a repeated key (where JSON.parse keeps the last) sends us to the JSON path. */
function once(seen: Set<string>, key: string): void {
  if (seen.has(key)) {
    throw GIVE_UP;
  }
  seen.add(key);
}

/**
 * Reads a 2xx `query_range` body; `undefined` means "parse it with JSON.parse instead" (see the file comment).
 * `grid` is the aligned range and step sent; `limits.maxSeries` / `maxPoints` are checked as series arrive.
 */
export function scanPrometheusMatrix(body: string, grid: StepGrid, limits: UpstreamLimits): ScannedMatrix | undefined {
  const n = Math.floor((grid.endMs - grid.startMs) / grid.stepMs) + 1;
  if (!(n > 0) || !Number.isFinite(n)) {
    return undefined;
  }
  const gridTimes = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    gridTimes[k] = grid.startMs + k * grid.stepMs;
  }
  const sc = new Scanner(body);
  const series: UpstreamSeries[] = [];
  let warnings: string[] = [];
  let status: string | undefined;
  let resultType: string | undefined;
  let sawResult = false;
  try {
    sc.expect(LBRACE);
    const top = new Set<string>();
    if (!sc.empty(RBRACE)) {
      do {
        const key = sc.string();
        sc.expect(COLON);
        once(top, key);
        if (key === 'status') {
          status = sc.string();
        } else if (key === 'data') {
          sc.expect(LBRACE);
          const inData = new Set<string>();
          if (!sc.empty(RBRACE)) {
            do {
              const dkey = sc.string();
              sc.expect(COLON);
              once(inData, dkey);
              if (dkey === 'resultType') {
                resultType = sc.string();
              } else if (dkey === 'result') {
                sawResult = true;
                readResult(sc, grid, n, gridTimes, limits, series);
              } else {
                sc.skipValue();
              }
            } while (sc.more(RBRACE));
          }
        } else if (key === 'warnings') {
          warnings = readStrings(sc);
        } else {
          sc.skipValue();
        }
      } while (sc.more(RBRACE));
    }
    if (!Number.isNaN(sc.ws())) {
      throw GIVE_UP; // text after the value
    }
  } catch (e) {
    if (e === GIVE_UP) {
      return undefined;
    }
    throw e;
  }
  if (status !== 'success' || resultType !== 'matrix' || !sawResult) {
    return undefined;
  }
  return { series, warnings };
}

function readStrings(sc: Scanner): string[] {
  const out: string[] = [];
  sc.expect(LBRACKET);
  if (!sc.empty(RBRACKET)) {
    do {
      out.push(sc.string());
    } while (sc.more(RBRACKET));
  }
  return out;
}

function readResult(
  sc: Scanner,
  grid: StepGrid,
  n: number,
  gridTimes: Float64Array,
  limits: UpstreamLimits,
  series: UpstreamSeries[]
): void {
  sc.expect(LBRACKET);
  if (sc.empty(RBRACKET)) {
    return;
  }
  do {
    // Over a limit: the JSON path counts all series and words the error with the totals.
    if (series.length + 1 > limits.maxSeries || (series.length + 1) * n > limits.maxPoints) {
      throw GIVE_UP;
    }
    let labels: Record<string, string> | undefined;
    let samples: { timesMs: Float64Array; values: Float64Array } | undefined;
    const keys = new Set<string>();
    sc.expect(LBRACE);
    if (!sc.empty(RBRACE)) {
      do {
        const key = sc.string();
        sc.expect(COLON);
        once(keys, key);
        if (key === 'metric') {
          labels = readLabels(sc);
        } else if (key === 'values') {
          samples = readSamples(sc, grid, n, gridTimes);
        } else if (key === 'histograms') {
          throw GIVE_UP; // native histograms: the JSON path decides what they mean
        } else {
          sc.skipValue();
        }
      } while (sc.more(RBRACE));
    }
    if (!labels || !samples) {
      throw GIVE_UP;
    }
    series.push({ labels, timesMs: samples.timesMs, values: samples.values });
  } while (sc.more(RBRACKET));
}

function readLabels(sc: Scanner): Record<string, string> {
  // Assigned one by one into a plain object, as the JSON path does (so `__proto__` and repeats behave the same).
  const labels: Record<string, string> = {};
  sc.expect(LBRACE);
  if (!sc.empty(RBRACE)) {
    do {
      const k = sc.string();
      sc.expect(COLON);
      labels[k] = sc.string();
    } while (sc.more(RBRACE));
  }
  return labels;
}

/** The samples of one series as sent (times checked to be on the step grid). */
function readSamples(
  sc: Scanner,
  grid: StepGrid,
  n: number,
  gridTimes: Float64Array
): { timesMs: Float64Array; values: Float64Array } {
  // Prometheus sends at most one sample per step: room for n, trimmed to the count read (grown if an upstream
  // repeats times).
  let timesMs: Float64Array = new Float64Array(n);
  let values: Float64Array = new Float64Array(n);
  let count = 0;
  const s = sc.s;
  sc.expect(LBRACKET);
  if (sc.empty(RBRACKET)) {
    return { timesMs: timesMs.subarray(0, 0), values: values.subarray(0, 0) };
  }
  // Punctuation is checked in place first (Prometheus writes no whitespace), falling back to the general
  // whitespace-skipping check: 1,000 series 67 → 45 ms, one series 0.065 → 0.05 ms on the benchmark's bodies.
  for (;;) {
    if (s.charCodeAt(sc.p) === LBRACKET) {
      sc.p++;
    } else {
      sc.expect(LBRACKET);
    }
    const t = Math.round(sc.number() * 1000);
    if (s.charCodeAt(sc.p) === COMMA) {
      sc.p++;
    } else {
      sc.expect(COMMA);
    }
    const v = sc.sampleValue();
    if (s.charCodeAt(sc.p) === RBRACKET) {
      sc.p++;
    } else {
      sc.expect(RBRACKET);
    }
    const k = Math.round((t - grid.startMs) / grid.stepMs);
    if (k < 0 || k >= n || gridTimes[k] !== t) {
      throw GIVE_UP; // off the grid: the JSON path reports it
    }
    if (count === timesMs.length) {
      timesMs = grown(timesMs);
      values = grown(values);
    }
    timesMs[count] = t;
    values[count++] = v;
    const c = s.charCodeAt(sc.p);
    if (c === COMMA) {
      sc.p++;
    } else if (c === RBRACKET) {
      sc.p++;
      break;
    } else if (!sc.more(RBRACKET)) {
      break;
    }
  }
  return { timesMs: timesMs.subarray(0, count), values: values.subarray(0, count) };
}

function grown(a: Float64Array): Float64Array {
  const out = new Float64Array(a.length * 2);
  out.set(a);
  return out;
}
