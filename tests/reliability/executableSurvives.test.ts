/**
 * The BUILT executable (dist/datasource/gpx_anomalylens_linux_amd64, launched as Grafana does) under a sample of the
 * fuzzed queries and resource calls over real gRPC, and with a Prometheus-type data source whose upstream
 * misbehaves. Each call must come back with an answer per refId (or a resource status) and the process must stay
 * up and answer the next demo query. Sample size: FUZZ_CASES/100 (at least 200) requests of each kind.
 *
 * Each upstream fault must come back as a clear error for its refId (naming Prometheus, a 4xx/5xx status, never a
 * bare 500), within the data source timeout, after the request really reached the upstream; a cancelled request
 * closes its upstream request at once. The client-level fault checks are in upstreamFaults.test.ts.
 */
import fc from 'fast-check';

import { launchPlugin, stopPlugin, type RunningPlugin } from '../conformance/support/launchPlugin';
import { connect, demoPluginContext, demoQuery, type PluginClients } from '../conformance/support/pluginClients';
import { FUZZ_SEED, fuzzCasesOverGrpc } from '../fuzz/support/fuzzBudget';
import { dataQuery } from '../fuzz/support/queryArbitraries';
import { lensContext } from './support/lensContexts';
import { httpResponse, promMatrix, startRawUpstream, type RawUpstream } from './support/rawUpstream';

const T_END = 1_700_000_000_000;
const TIMEOUT_S = 1;

let plugin: RunningPlugin;
let client: PluginClients;
let fake: RawUpstream;

beforeAll(async () => {
  plugin = await launchPlugin();
  client = connect(plugin.address);
  fake = await startRawUpstream();
}, 30_000);

afterAll(async () => {
  client?.close();
  await stopPlugin(plugin);
  await fake?.close();
});

async function expectAlive(): Promise<void> {
  expect(plugin.hasExited()).toBe(false);
  const res = await client.queryData({
    pluginContext: demoPluginContext(),
    queries: [demoQuery('ALIVE', 'demo_cpu_utilization{host="web-1"}', T_END - 3_600_000, T_END)],
  });
  expect(res.responses.ALIVE.error).toBe('');
  expect(res.responses.ALIVE.frames).toHaveLength(1);
}

describe('the built executable under fuzzed requests', () => {
  const n = fuzzCasesOverGrpc();

  it(`answers ${n} fuzzed QueryData requests per refId and stays up`, async () => {
    const requests = fc.sample(
      fc.uniqueArray(dataQuery, { minLength: 1, maxLength: 3, selector: (q) => q.refId ?? '' }),
      {
        numRuns: n,
        seed: FUZZ_SEED,
      }
    );
    let errors = 0;
    // Eight in flight at a time, as a dashboard would send them.
    for (let i = 0; i < requests.length; i += 8) {
      const batch = requests.slice(i, i + 8);
      const answers = await Promise.all(
        batch.map((queries) => client.queryData({ pluginContext: demoPluginContext(), queries }))
      );
      answers.forEach((res, k) => {
        for (const q of batch[k]) {
          const r = res.responses[q.refId ?? ''];
          expect(r).toBeDefined();
          if (r.error) {
            errors++;
            expect(r.status).toBeGreaterThanOrEqual(400);
            expect(r.status).not.toBe(500);
          } else {
            expect(r.status).toBe(200);
          }
        }
      });
    }
    expect(errors).toBeGreaterThan(0);
    const defects = plugin.stderrLines().filter((l) => /"@level":"error"/.test(l));
    expect(defects).toEqual([]);
    await expectAlive();
  }, 300_000);

  it(`answers ${n} fuzzed CallResource requests with a status and stays up`, async () => {
    const calls = fc.sample(
      fc.record({
        method: fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', ''),
        path: fc.oneof(
          fc.constantFrom(
            'metrics',
            'series',
            'labels',
            'label-values',
            'validate',
            '../../etc/passwd',
            '//evil/metrics',
            'http://evil.example/metrics',
            '%2e%2e/metrics'
          ),
          fc.string({ unit: 'grapheme', maxLength: 20 })
        ),
        query: fc.constantFrom(
          '',
          'metric=demo_cpu_utilization',
          'label=host',
          'expr=demo_cpu_utilization%7B',
          'metric=%00'
        ),
        body: fc.oneof(
          fc.constant(''),
          fc.jsonValue({ maxDepth: 2 }).map((v) => JSON.stringify(v) ?? '')
        ),
      }),
      { numRuns: n, seed: FUZZ_SEED }
    );
    for (const c of calls) {
      const messages = await client.callResource({
        pluginContext: demoPluginContext(),
        path: c.path,
        method: c.method,
        url: `/api/datasources/uid/anomalylens-demo/resources/${encodeURI(c.path)}?${c.query}`,
        headers: {},
        body: Buffer.from(c.body),
      });
      expect(messages).toHaveLength(1);
      expect([200, 400, 404, 405, 413, 501]).toContain(messages[0].code);
      expect(() => JSON.parse(messages[0].body.toString('utf8'))).not.toThrow();
    }
    await expectAlive();
  }, 300_000);
});

describe('the built executable with a Prometheus upstream that misbehaves', () => {
  const faults: Array<[string, Parameters<RawUpstream['behave']>[0]]> = [
    [
      'reset mid-response',
      (s) => s.write('HTTP/1.1 200 OK\r\nContent-Length: 999\r\n\r\n{"sta', () => s.resetAndDestroy()),
    ],
    ['slow headers', () => undefined],
    ['HTTP 502 without a body', (s) => s.end(httpResponse(502, undefined, ''))],
    ['HTTP 200 with an HTML page', (s) => s.end(httpResponse(200, 'text/html', '<html>login</html>'))],
    ['truncated JSON', (s) => s.end(httpResponse(200, 'application/json', promMatrix(T_END, 60).slice(0, 50)))],
  ];

  for (const [name, behave] of faults) {
    it(`${name}: a clear error for the refId within the timeout, then the next query is answered`, async () => {
      fake.behave(behave);
      const before = fake.requests.length;
      const started = Date.now();
      const res = await client.queryData({
        pluginContext: lensContext('prometheus', fake.url, { timeoutS: TIMEOUT_S }),
        queries: [demoQuery('P', 'up', T_END - 60_000, T_END), demoQuery('Q', 'up', T_END - 60_000, T_END)],
      });
      const elapsed = Date.now() - started;
      for (const refId of ['P', 'Q']) {
        const r = res.responses[refId];
        expect(r.error).toMatch(/prometheus/i);
        expect(r.status).toBeGreaterThanOrEqual(400);
        expect(r.status).toBeLessThan(600);
        expect(r.frames).toHaveLength(0);
      }
      expect(fake.requests.length).toBeGreaterThan(before);
      expect(res.responses.P.status).not.toBe(500);
      expect(elapsed).toBeLessThan(TIMEOUT_S * 1000 + 2000);
      await expectAlive();
    }, 20_000);
  }
});

describe('the built executable when Grafana cancels a query', () => {
  it('closes the upstream request at once instead of waiting for the data source timeout, and stays up', async () => {
    let closedAt = 0;
    fake.behave((socket) => socket.on('close', () => (closedAt = Date.now()))); // never answers
    const before = fake.requests.length;
    const cancelledAt = Date.now() + 300;
    const err = await client.queryDataCancelledAfter(
      {
        pluginContext: lensContext('prometheus', fake.url, { timeoutS: 30 }),
        queries: [demoQuery('P', 'up', T_END - 60_000, T_END)],
      },
      300
    );
    expect(err.code).toBe(1); // CANCELLED
    expect(fake.requests.length).toBe(before + 1);
    const deadline = Date.now() + 5_000;
    while (!closedAt && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(closedAt).toBeGreaterThan(0);
    expect(closedAt - cancelledAt).toBeLessThan(2_000);
    await expectAlive();
  }, 20_000);
});
