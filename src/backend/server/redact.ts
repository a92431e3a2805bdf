/**
 * Redaction layer: secrets never reach logs, error texts or responses (team brief, product rules).
 * Two mechanisms:
 *  - keys that name a secret (password, token, secret, authorization, cookie, api key, decryptedSecureJsonData …)
 *    have their whole value replaced, whatever it is;
 *  - known secret values (every `decryptedSecureJsonData` value and secret-bearing header seen in a request,
 *    registered with `registerSecret`) are replaced wherever they appear inside any string.
 */

import { cutText } from '../errors/cutText';

export const REDACTED = '[REDACTED]';

const SECRET_KEY =
  /pass(word)?|passwd|secret|token|authorization|cookie|api[-_]?key|credential|private[-_]?key|securejson/i;

/** Secrets shorter than this are not substring-replaced (would shred ordinary text); their keys still are. */
const MIN_SECRET_LENGTH = 4;
/** Bound on remembered secret values so a long-running process cannot grow without limit. */
const MAX_SECRETS = 2000;

/** A Basic or Bearer credential longer than this is not expected; used as the margin of `redactCut`. */
const MAX_CREDENTIAL_CHARS = 4096;

const BEARER = /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/g;

export class Redactor {
  private readonly secrets = new Set<string>();
  /** Secrets longest first, rebuilt only when the set changes (redactString runs on every log line). */
  private sorted: string[] | undefined;

  /** Remembers a secret value so it is masked wherever it appears later. */
  registerSecret(value: unknown): void {
    if (typeof value !== 'string' || value.length < MIN_SECRET_LENGTH || this.secrets.has(value)) {
      return;
    }
    if (this.secrets.size >= MAX_SECRETS) {
      // Drop the oldest (Set keeps insertion order).
      const first = this.secrets.values().next().value;
      if (first !== undefined) {
        this.secrets.delete(first);
      }
    }
    this.secrets.add(value);
    this.sorted = undefined;
  }

  /** Registers every value of a secure-data map (e.g. `decryptedSecureJsonData`). */
  registerSecrets(values: Record<string, string> | undefined | null): void {
    if (values) {
      for (const v of Object.values(values)) {
        this.registerSecret(v);
      }
    }
  }

  isSecretKey(key: string): boolean {
    return SECRET_KEY.test(key);
  }

  /** Masks known secret values and bearer/basic credentials inside a string. */
  redactString(text: string): string {
    let out = text.replace(BEARER, (_m, scheme: string) => `${scheme} ${REDACTED}`);
    // Longest first so a secret containing another one is masked whole.
    this.sorted ??= [...this.secrets].sort((a, b) => b.length - a.length);
    for (const s of this.sorted) {
      if (out.includes(s)) {
        out = out.split(s).join(REDACTED);
      }
    }
    return out;
  }

  /**
   * `redactString` of a text cut to `maxChars` (cutText.ts): only its start is searched, so a 10 MB message costs no
   * more than a short one; a secret or credential straddling the cut is masked whole before the cut is made.
   */
  redactCut(text: string, maxChars: number): string {
    this.sorted ??= [...this.secrets].sort((a, b) => b.length - a.length);
    // Past the cut: the longest secret, or a Basic/Bearer credential of any sensible length.
    const margin = Math.max(this.sorted[0]?.length ?? 0, MAX_CREDENTIAL_CHARS);
    const head = text.length > maxChars + margin ? text.slice(0, maxChars + margin) : text;
    const masked = this.redactString(head);
    return cutText(masked, maxChars, masked.length + (text.length - head.length));
  }

  /**
   * Deep copy of JSON data (an upstream's answer on its way to a reply) with secret values masked in every string,
   * object keys included. Unlike `redact`, keys that merely look like secrets keep their values: a label named
   * `token_bucket` is data, not a credential. Iterative, so any nesting depth is safe.
   */
  redactJson(value: unknown): unknown {
    const root: { v: unknown } = { v: value };
    const stack: Array<[Record<string, unknown> | unknown[], string | number, unknown]> = [[root, 'v', value]];
    while (stack.length > 0) {
      const [parent, key, v] = stack.pop()!;
      let out: unknown = v;
      if (typeof v === 'string') {
        out = this.redactString(v);
      } else if (Array.isArray(v)) {
        const copy = new Array<unknown>(v.length);
        v.forEach((item, i) => stack.push([copy, i, item]));
        out = copy;
      } else if (v !== null && typeof v === 'object') {
        // No prototype: a key "__proto__" from the upstream stays an ordinary key instead of setting one.
        const copy = Object.create(null) as Record<string, unknown>;
        for (const [k, item] of Object.entries(v)) {
          const masked = this.redactString(k);
          copy[masked] = undefined; // keeps the key order; the value is filled when popped
          stack.push([copy, masked, item]);
        }
        out = copy;
      }
      (parent as Record<string | number, unknown>)[key] = out;
    }
    return root.v;
  }

  /** Deep copy of `value` with secret keys and secret values masked. Cycles become "[Circular]". */
  redact(value: unknown, seen: WeakSet<object> = new WeakSet()): unknown {
    if (typeof value === 'string') {
      return this.redactString(value);
    }
    if (value === null || typeof value !== 'object') {
      return typeof value === 'bigint' ? value.toString() : value;
    }
    if (seen.has(value)) {
      return '[Circular]';
    }
    seen.add(value);
    if (value instanceof Error) {
      return { name: value.name, message: this.redactString(value.message) };
    }
    if (Array.isArray(value)) {
      return value.map((v) => this.redact(v, seen));
    }
    if (ArrayBuffer.isView(value)) {
      return `<${value.byteLength} bytes>`;
    }
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      out[k] = this.isSecretKey(k) ? REDACTED : this.redact(v, seen);
    }
    return out;
  }
}

/** The process-wide redactor shared by the logger, error paths and resource responses. */
export const redactor = new Redactor();
