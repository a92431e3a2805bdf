/**
 * Turns a non-2xx answer that carried no structured error we understand into a clear `LensError`:
 * 401/403 name the credentials, others quote the start of the body (secrets redacted) or say it was empty.
 * Our own mapping.
 */
import { MAX_UPSTREAM_TEXT_CHARS } from '../../errors/cutText';
import { redactSecrets } from './redactSecrets';
import { LensError } from '../../errors/LensError';
import { secretsOf, type UpstreamHttpSettings } from './upstreamHttpSettings';
import type { UpstreamResponse } from './upstreamRequest';

/** Longest part of an upstream body quoted in an error message. */
const MAX_QUOTED_CHARS = 300;

export function quoteBody(body: string, settings: UpstreamHttpSettings): string {
  // Only the start is searched and flattened (a few times the quote, for the whitespace that collapses).
  const flat = redactSecrets(body, secretsOf(settings), 4 * MAX_QUOTED_CHARS)
    .replace(/\s+/g, ' ')
    .trim();
  return flat.length > MAX_QUOTED_CHARS ? flat.slice(0, MAX_QUOTED_CHARS) + '…' : flat;
}

export function httpStatusError(res: UpstreamResponse, settings: UpstreamHttpSettings, detail?: string): LensError {
  const where = `${settings.upstreamName} at ${settings.baseUrl.origin}`;
  const quoted =
    detail !== undefined
      ? redactSecrets(detail, secretsOf(settings), MAX_UPSTREAM_TEXT_CHARS)
      : quoteBody(res.body, settings);
  const tail = quoted ? `: ${quoted}` : ' with an empty body';
  if (res.status === 401 || res.status === 403) {
    return new LensError(
      `${where} refused the credentials (HTTP ${res.status})${tail}; check the data source's authentication settings`,
      { kind: 'auth', status: res.status }
    );
  }
  // A status that is not an HTTP error (1xx, 3xx, or not HTTP at all) is reported as the bad gateway it is.
  const status = res.status >= 400 && res.status <= 599 ? res.status : 502;
  return new LensError(`${where} answered HTTP ${res.status}${tail}`, { kind: 'http', status });
}
