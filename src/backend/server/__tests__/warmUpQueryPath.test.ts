import { DataSourceInstances, newUpstreamCache } from '../../pipeline/DataSourceInstances';
import { executeQueries } from '../../query/executeQueries';
import { createLogger, type LogLevel } from '../logger';
import { PluginMetrics } from '../metrics';
import type { DataQuery, QueryDataResponse } from '../protoTypes';
import { demoDataSourceContext, warmUpQueryPath } from '../warmUpQueryPath';

const NOW = Date.UTC(2026, 2, 6, 12);
const HOUR = 3_600_000;

function recordingLogger() {
  const lines: Array<{ level: LogLevel; message: string }> = [];
  const logger = createLogger({
    level: 'debug',
    timestamps: false,
    write: (line) => {
      const e = JSON.parse(line) as { '@level': LogLevel; '@message': string };
      lines.push({ level: e['@level'], message: e['@message'] });
    },
  });
  return { logger, lines };
}

function query(refId: string, json: Record<string, unknown>): DataQuery {
  return {
    refId,
    maxDataPoints: 1000,
    intervalMS: 44_000,
    timeRange: { fromEpochMS: NOW - 12 * HOUR, toEpochMS: NOW },
    json: Buffer.from(JSON.stringify({ refId, schemaVersion: 2, ...json })),
    queryType: '',
  };
}

/** The capacity dashboard's kinds of query on demo series: each forecast model, time to a threshold, the band. */
const QUERIES = [
  query('A', {
    expr: 'demo_consumer_lag{group="analytics"}',
    outputs: ['raw', 'forecast'],
    forecast: { horizon: '6h', model: 'linear' },
  }),
  query('B', {
    expr: 'demo_consumer_lag{group="analytics"}',
    outputs: ['timeToThreshold'],
    threshold: { value: 180, direction: 'above', window: '1h' },
    forecast: { horizon: '6h' },
  }),
  query('C', {
    expr: 'demo_kafka_bytes_in{broker="kafka-2"}',
    outputs: ['raw', 'forecast'],
    forecast: { horizon: '12h' },
  }),
  query('D', {
    expr: 'demo_cpu_utilization{host="db-1"}',
    outputs: ['raw', 'forecast'],
    forecast: { horizon: '1d', model: 'seasonal' },
    seasonality: ['1d'],
    history: '3d',
    minStepMs: 300_000,
  }),
  query('E', { expr: 'demo_http_latency_seconds{service="cart"}' }),
];

async function answer(): Promise<QueryDataResponse> {
  return executeQueries(demoDataSourceContext('demo-uid', 1), QUERIES, {
    logger: createLogger({ level: 'error', write: () => undefined }),
    metrics: new PluginMetrics(),
    instances: new DataSourceInstances({ cache: newUpstreamCache() }),
  });
}

describe('warmUpQueryPath', () => {
  test('runs every warm-up query through the query path, each round, without an error', async () => {
    const { logger, lines } = recordingLogger();
    const report = await warmUpQueryPath(logger, { rounds: 2, nowMs: NOW });
    expect(report).toMatchObject({ queries: 10 });
    expect(report.stopped).toBeUndefined();
    expect(lines.filter((l) => l.level === 'warn' || l.level === 'error')).toEqual([]);
    expect(lines.map((l) => l.message)).toContain('query path warmed up');
  });

  test('the answers to real queries are the same after the warm-up as without it', async () => {
    const cold = await answer();
    for (const r of Object.values(cold.responses)) {
      expect(r.error).toBeFalsy();
    }
    await warmUpQueryPath(createLogger({ level: 'error', write: () => undefined }), { rounds: 1, nowMs: NOW });
    const warm = await answer();
    expect(Object.keys(warm.responses)).toEqual(Object.keys(cold.responses));
    for (const refId of Object.keys(cold.responses)) {
      expect(warm.responses[refId].frames).toEqual(cold.responses[refId].frames);
    }
  });

  test('does not start a query once the signal is aborted (a real call has arrived)', async () => {
    const controller = new AbortController();
    controller.abort();
    const report = await warmUpQueryPath(createLogger({ level: 'error', write: () => undefined }), {
      signal: controller.signal,
      nowMs: NOW,
    });
    expect(report).toMatchObject({ queries: 0, stopped: 'signal' });
  });

  test('stops at its time budget', async () => {
    const report = await warmUpQueryPath(createLogger({ level: 'error', write: () => undefined }), {
      budgetMs: -1,
      nowMs: NOW,
    });
    expect(report).toMatchObject({ queries: 0, stopped: 'budget' });
  });
});
