import { createLogger } from '../../server/logger';
import { PluginMetrics } from '../../server/metrics';
import type { DataResponse, PluginContext } from '../../server/protoTypes';
import { executeQueries } from '../executeQueries';

const MIN = 60_000;

/** A data source on the demo upstream, as Grafana's plugin context names it. */
const demoContext = {
  dataSourceInstanceSettings: { uid: 'demo', name: 'Demo', jsonData: Buffer.from('{}'), decryptedSecureJsonData: {} },
} as unknown as PluginContext;

export interface DemoQuery {
  refId: string;
  /** The query JSON (schema version, query type and options). */
  json: Record<string, unknown>;
  fromMs: number;
  toMs: number;
}

/**
 * Runs queries end to end in process on the demo upstream (executeQueries, as Grafana sends them: at most 1000
 * points at a one-minute interval) and returns the responses by refId.
 */
export async function runOnDemo(queries: DemoQuery[]): Promise<Record<string, DataResponse>> {
  const res = await executeQueries(
    demoContext,
    queries.map((q) => ({
      refId: q.refId,
      maxDataPoints: 1000,
      intervalMS: MIN,
      timeRange: { fromEpochMS: q.fromMs, toEpochMS: q.toMs },
      json: Buffer.from(JSON.stringify(q.json)),
      queryType: '',
    })),
    { logger: createLogger({ write: () => undefined }), metrics: new PluginMetrics() }
  );
  return res.responses;
}
