import { LensError } from '../../errors/LensError';
import type { UpstreamHttpSettings } from './upstreamHttpSettings';

/** The error for an upstream answer whose shape we do not understand; `what` says what was wrong with it. */
export function malformedResponse(settings: UpstreamHttpSettings, what: string): LensError {
  return new LensError(`${settings.upstreamName} at ${settings.baseUrl.origin} sent an unexpected response: ${what}`, {
    kind: 'malformed',
    status: 502,
  });
}
