/**
 * The README's walkthrough names what "What moved with it" ranks on top for the built-in demo upstream; this runs
 * that ranking (the correlations query of the demo's checkout spike, in process over the demo upstream) and holds
 * the README to it. The compose stack's claim is checked against the stack's ranking in dashboardQueries.test.ts.
 */
import { executeQueries } from '../../src/backend/query/executeQueries';
import { createLogger } from '../../src/backend/server/logger';
import { PluginMetrics } from '../../src/backend/server/metrics';
import type { PluginContext } from '../../src/backend/server/protoTypes';
import { CHECKOUT_SPIKE } from '../../src/backend/upstreams/demo/demoCatalog';
import { decodeFrame } from '../conformance/support/decodeFrame';
import { readmeRanking } from './support/readmeRanking';

const MIN = 60_000;
const CHECKOUT = 'demo_http_latency_seconds{service="checkout"}';

async function demoRanking(spike: number) {
  const ctx = {
    dataSourceInstanceSettings: { uid: 'anomalylens-demo', name: 'Demo', jsonData: Buffer.from('{}') },
  } as unknown as PluginContext;
  const res = await executeQueries(
    ctx,
    [
      {
        refId: 'A',
        maxDataPoints: 1000,
        intervalMS: MIN,
        timeRange: { fromEpochMS: spike - 60 * MIN, toEpochMS: spike + 60 * MIN },
        // The query of the demo's "What moved with it" panels: every demo series against checkout latency.
        json: Buffer.from(
          JSON.stringify({
            schemaVersion: 2,
            queryType: 'correlations',
            expr: '{__name__=~"demo_.*"}',
            correlate: { target: CHECKOUT, window: { from: spike - 10 * MIN, to: spike + 30 * MIN }, maxLag: '10m' },
          })
        ),
        queryType: '',
      },
    ],
    { logger: createLogger({ write: () => undefined }), metrics: new PluginMetrics() }
  );
  const r = res.responses.A;
  expect(r.error ?? '').toBe('');
  const table = decodeFrame(r.frames![0]);
  const field = (name: string) => table.fields.find((f) => f.name === name)!.values as unknown[];
  return { series: field('series') as string[], lags: field('lag_seconds') as number[] };
}

describe('README walkthrough matches the demo', () => {
  it('reads which series the README says rank on top', () => {
    const claims = readmeRanking();
    expect(claims.stack.db).toMatch(/-db$/);
    expect(claims.demo.db).toMatch(/-db$/);
  });

  it('the built-in demo ranks first the database the README names, leading checkout by the minutes it says', async () => {
    const { demo } = readmeRanking();
    // Three of the demo's checkout spikes (every 53 h from its anchor), not just one.
    const anchor = Date.UTC(2024, 0, 1) + CHECKOUT_SPIKE.offsetMs;
    for (const k of [1, 10, 20]) {
      const { series, lags } = await demoRanking(anchor + k * CHECKOUT_SPIKE.periodMs);
      expect(series[0]).toBe(`demo_db_query_latency_seconds{db="${demo.db}"}`);
      expect(lags[0]).toBe(demo.leadMinutes * 60);
    }
  });

  it('fails loudly when the README stops naming the ranking', () => {
    expect(() => readmeRanking('# Anomaly Lens\nNo walkthrough here.')).toThrow(/no longer says/);
  });
});
