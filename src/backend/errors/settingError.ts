/**
 * The error for a data source setting (jsonData) that cannot be used: 400 with the setting's name, the rule, what
 * was given and the default, so the fix is in the message. Shared by every reader of jsonData settings.
 */
import { LensError } from './LensError';

/** A setting's value as shown in a message: JSON, cut to 40 characters (its type when too deep to write). */
function show(v: unknown): string {
  let s: string | undefined;
  try {
    s = JSON.stringify(v);
  } catch {
    return Array.isArray(v) ? 'a deeply nested array' : 'a deeply nested object';
  }
  return s === undefined ? String(v) : s.length > 40 ? `${s.slice(0, 37)}...` : s;
}

export function settingError(name: string, rule: string, v: unknown, fallback: string): LensError {
  return LensError.badQuery(
    `the data source setting ${name} must be ${rule}, got ${show(v)}; ` +
      `correct it in the data source settings or remove it for the default (${fallback})`
  );
}
