import { LensError } from '../../errors/LensError';
import { httpStatusError, quoteBody } from './httpStatusError';
import type { UpstreamHttpSettings } from './upstreamHttpSettings';
import type { UpstreamResponse } from './upstreamRequest';

/**
 * Parses an upstream's JSON answer. A body that is not JSON throws: with a status other than 2xx it is that
 * status's error (a proxy's or load balancer's error page, say, says more through its status than its text); with
 * a 2xx status it is `notJson`, given the quoted start of the body (empty for an empty body), by default a
 * `malformed` error "… sent a response that is not valid JSON (HTTP 200): …".
 */
export function parseUpstreamJson(
  res: UpstreamResponse,
  settings: UpstreamHttpSettings,
  notJson: (quoted: string) => LensError = (quoted) => notValidJson(res, settings, quoted)
): unknown {
  try {
    return JSON.parse(res.body);
  } catch {
    if (res.status < 200 || res.status > 299) {
      throw httpStatusError(res, settings);
    }
    throw notJson(quoteBody(res.body, settings));
  }
}

function notValidJson(res: UpstreamResponse, settings: UpstreamHttpSettings, quoted: string): LensError {
  return new LensError(
    `${settings.upstreamName} at ${settings.baseUrl.origin} sent a response that is not valid JSON (HTTP ${res.status})${quoted ? `: ${quoted}` : ''}`,
    { kind: 'malformed', status: 502 }
  );
}
