/**
 * Replaces every occurrence of a secret in a text by `[redacted]`, so that an upstream echoing a header or a
 * parameter back in its error body cannot leak a password or token into a panel or a log. Our own helper.
 * Every non-empty secret given is redacted; callers decide which values count as secrets (see `secretsOf`).
 * With `maxChars`, the text is also cut (cutText.ts) and only its start is searched: a 10 MB error costs no more
 * than a short one, and a secret straddling the cut is still masked whole before the cut is made.
 */
import { cutText } from '../../errors/cutText';

export function redactSecrets(text: string, secrets: ReadonlyArray<string | undefined>, maxChars?: number): string {
  // Longest first so that a secret containing another is replaced whole.
  const list = secrets
    .filter((s): s is string => typeof s === 'string' && s.length > 0)
    .sort((a, b) => b.length - a.length);
  const longest = list.length > 0 ? list[0].length : 0;
  let out = maxChars === undefined ? text : text.slice(0, maxChars + longest);
  for (const s of list) {
    out = out.split(s).join('[redacted]');
  }
  if (maxChars === undefined) {
    return out;
  }
  // Masking shortened what it replaced; count what was left out against the original text.
  const kept = text.length - Math.min(text.length, maxChars + longest);
  return cutText(out, maxChars, out.length + kept);
}
