/**
 * The service graph of a correlations query is fetched through the instance's upstream like any series, and never
 * fails the query: each way it can be missing or unusable gives a status (and a notice when the user should know).
 */
import { json, startFakeUpstream, type FakeUpstream } from '../../../../tests/integration/helpers/fakeUpstream';
import type { UpstreamKind } from '../../../shared/queryModel';
import { AUTO_SERVICE_GRAPH_EXPR, fetchServiceGraph } from '../fetchServiceGraph';
import { instanceOnFakeUpstream } from './instanceOnFakeUpstream';

const STEP = 60_000;
const T0 = Date.UTC(2024, 0, 1);

let fake: FakeUpstream;
beforeAll(async () => {
  fake = await startFakeUpstream();
});
afterAll(() => fake.close());

const instanceOf = (upstream: UpstreamKind) => instanceOnFakeUpstream(fake.url, upstream, `graph-${upstream}`);

const request = (serviceGraph: string) => ({ refId: 'A', serviceGraph, fromMs: T0, toMs: T0 + 2 * STEP, stepMs: STEP });
const matrix = (result: Array<{ metric: Record<string, string>; values: Array<[number, string]> }>) => ({
  status: 'success',
  data: { resultType: 'matrix', result },
});
const at = (k: number) => (T0 + k * STEP) / 1000;

test('auto asks Prometheus for the request counter per client/server pair and builds the call graph', async () => {
  fake.requests.length = 0;
  fake.handle((_req, res) =>
    json(
      res,
      200,
      matrix([
        { metric: { client: 'frontend', server: 'orders' }, values: [[at(0), '12']] },
        { metric: { client: 'orders', server: 'db' }, values: [[at(1), '3']] },
      ])
    )
  );
  const g = await fetchServiceGraph(instanceOf('prometheus'), request('auto'));
  const sent = fake.requests[0].form.get('query') ?? fake.requests[0].query.get('query');
  expect(sent).toBe(AUTO_SERVICE_GRAPH_EXPR);
  expect(AUTO_SERVICE_GRAPH_EXPR).toBe('max by (client, server) (traces_service_graph_request_total)');
  expect(g.graph).toEqual(
    new Map([
      ['frontend', new Set(['orders'])],
      ['orders', new Set(['db'])],
    ])
  );
  expect(g.status).toBe('2 edges');
  expect(g.notice).toBeUndefined();
});

test('auto without any service-graph series ranks without a graph and says so in the status only', async () => {
  fake.handle((_req, res) => json(res, 200, matrix([])));
  const g = await fetchServiceGraph(instanceOf('prometheus'), request('auto'));
  expect(g.graph).toBeUndefined();
  expect(g.status).toBe('none (no traces_service_graph_request_total series)');
  expect(g.notice).toBeUndefined();
});

test('off and auto on InfluxDB send nothing upstream', async () => {
  fake.requests.length = 0;
  expect(await fetchServiceGraph(instanceOf('prometheus'), request('off'))).toEqual({ status: 'off' });
  const influx = await fetchServiceGraph(instanceOf('influxdb'), request('auto'));
  expect(influx.graph).toBeUndefined();
  expect(influx.status).toBe('none (auto reads no service graph from influxdb)');
  expect(fake.requests).toHaveLength(0);
});

test('a failing graph query does not fail: no graph, and a notice with the reason', async () => {
  fake.handle((_req, res) => json(res, 422, { status: 'error', errorType: 'bad_data', error: 'parse error' }));
  const g = await fetchServiceGraph(instanceOf('prometheus'), request('calls_total{'));
  expect(g.graph).toBeUndefined();
  expect(g.notice).toMatch(/^Service graph not used, ranked without it: its query failed: .*parse error/);
  expect(g.executed).toBe('calls_total{');
});

test("the user's query must return client/server series", async () => {
  fake.handle((_req, res) => json(res, 200, matrix([{ metric: { job: 'x' }, values: [[at(0), '1']] }])));
  const g = await fetchServiceGraph(instanceOf('prometheus'), request('up'));
  expect(g.graph).toBeUndefined();
  expect(g.notice).toBe(
    'Service graph not used, ranked without it: the service graph query returned no series with both client and ' +
      'server labels.'
  );
  fake.handle((_req, res) => json(res, 200, matrix([])));
  expect((await fetchServiceGraph(instanceOf('prometheus'), request('up'))).notice).toMatch(/returned no series\.$/);
});
