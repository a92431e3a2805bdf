/**
 * Serves the editor's look-ups from InfluxDB through its client (src/backend/upstreams/influxdb/influxResources.ts),
 * which quotes names as InfluxQL identifiers. Parameters are checked here so that a bad one is a 400 naming it.
 */
import {
  RESOURCE_PATHS,
  type FieldKeysResponse,
  type MeasurementsResponse,
  type TagKeysResponse,
  type TagValuesResponse,
} from '../../../shared/resources';
import type { UpstreamRequestOptions } from '../http/upstreamRequest';
import { showFieldKeys, showMeasurements, showTagKeys, showTagValues } from './influxResources';
import type { InfluxSettings } from './influxSettings';
import { LensError } from '../../errors/LensError';

/** InfluxDB names are free text; bound them so a look-up statement stays small. */
const MAX_NAME_CHARS = 256;

function requiredName(params: URLSearchParams, name: 'measurement' | 'key', what: string): string {
  const v = params.get(name);
  if (v === null || v.trim() === '') {
    throw LensError.badRequest(400, `parameter ${name} is required (${what})`);
  }
  if (v.length > MAX_NAME_CHARS || /[\u0000-\u001f]/.test(v)) {
    throw LensError.badRequest(
      400,
      `parameter ${name} must be at most ${MAX_NAME_CHARS} characters without control characters`
    );
  }
  return v;
}

export async function influxResource(
  route: string,
  params: URLSearchParams,
  settings: InfluxSettings,
  options: UpstreamRequestOptions
): Promise<unknown> {
  switch (route) {
    case RESOURCE_PATHS.measurements:
      return { measurements: await showMeasurements(settings, options) } satisfies MeasurementsResponse;
    case RESOURCE_PATHS.fieldKeys: {
      const measurement = requiredName(params, 'measurement', 'the measurement whose fields to list');
      const fields = await showFieldKeys(settings, measurement, options);
      return { measurement, fields } satisfies FieldKeysResponse;
    }
    case RESOURCE_PATHS.tagKeys: {
      const measurement = requiredName(params, 'measurement', 'the measurement whose tag keys to list');
      const keys = await showTagKeys(settings, measurement, options);
      return { measurement, keys } satisfies TagKeysResponse;
    }
    case RESOURCE_PATHS.tagValues: {
      const measurement = requiredName(params, 'measurement', 'the measurement whose tag values to list');
      const key = requiredName(params, 'key', 'the tag key whose values to list');
      const values = await showTagValues(settings, key, measurement, options);
      return { measurement, key, values } satisfies TagValuesResponse;
    }
  }
  throw LensError.badRequest(404, `unknown resource "${route}"`);
}
