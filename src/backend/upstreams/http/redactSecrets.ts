/**
 * Replaces every occurrence of a secret in a text by `[redacted]`, so that an upstream echoing a header or a
 * parameter back in its error body cannot leak a password or token into a panel or a log. Our own helper.
 * Every non-empty secret given is redacted; callers decide which values count as secrets (see `secretsOf`).
 */
export function redactSecrets(text: string, secrets: ReadonlyArray<string | undefined>): string {
  let out = text;
  // Longest first so that a secret containing another is replaced whole.
  const list = secrets
    .filter((s): s is string => typeof s === 'string' && s.length > 0)
    .sort((a, b) => b.length - a.length);
  for (const s of list) {
    out = out.split(s).join('[redacted]');
  }
  return out;
}
