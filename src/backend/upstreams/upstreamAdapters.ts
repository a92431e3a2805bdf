/**
 * The adapter of each upstream kind: the one place the backend chooses by kind. A data source instance connects
 * through it once (pipeline/DataSourceInstances.ts); everything after asks the connection.
 */
import type { UpstreamKind } from '../../shared/queryModel';
import { demoAdapter } from './demo/demoAdapter';
import { influxAdapter } from './influxdb/influxAdapter';
import { prometheusAdapter } from './prometheus/prometheusAdapter';
import type { UpstreamAdapter } from './UpstreamAdapter';

const ADAPTERS: Readonly<Record<UpstreamKind, UpstreamAdapter>> = {
  demo: demoAdapter,
  prometheus: prometheusAdapter,
  influxdb: influxAdapter,
};

export function upstreamAdapter(kind: UpstreamKind): UpstreamAdapter {
  return ADAPTERS[kind];
}
