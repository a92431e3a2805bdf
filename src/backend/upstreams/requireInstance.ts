import type { UpstreamKind } from '../../shared/queryModel';
import { LensError } from '../errors/LensError';
import type { DataSourceInstanceSettings } from '../server/protoTypes';

/** The instance settings an HTTP upstream needs, or the 400 that says to configure them. */
export function requireInstance(
  kind: UpstreamKind,
  instance: DataSourceInstanceSettings | undefined
): DataSourceInstanceSettings {
  if (!instance) {
    throw LensError.badQuery(`the ${kind} data source has no instance settings (URL); configure it`);
  }
  return instance;
}
