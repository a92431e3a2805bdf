/**
 * The frontend of each upstream kind: the one place the frontend chooses by kind. An absent kind is the demo, as
 * the backend reads it; a kind this build does not know also shows the demo's editor, while the backend answers
 * its queries with a settings error naming the kinds it accepts.
 */
import { DEFAULT_UPSTREAM, UpstreamKind } from '../../shared/queryModel';
import { demoUi } from './demoUi';
import { influxdbUi } from './influxdbUi';
import { prometheusUi } from './prometheusUi';
import type { UpstreamUi } from './UpstreamUi';

const UIS: Readonly<Record<UpstreamKind, UpstreamUi>> = {
  demo: demoUi,
  prometheus: prometheusUi,
  influxdb: influxdbUi,
};

/** Every upstream in the order the config editor offers them. */
export const UPSTREAM_UIS: readonly UpstreamUi[] = [demoUi, prometheusUi, influxdbUi];

export function upstreamUi(kind: string | undefined): UpstreamUi {
  return Object.prototype.hasOwnProperty.call(UIS, kind ?? '') ? UIS[kind as UpstreamKind] : UIS[DEFAULT_UPSTREAM];
}
