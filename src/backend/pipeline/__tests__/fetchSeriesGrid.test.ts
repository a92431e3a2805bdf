/**
 * Samples are put on the time grid once, in the pipeline (fetchedSeries.ts `toGrid`): each upstream's connection
 * returns its samples as sent (unsorted, repeated and missing steps included), and fetchSeries grids them. For each
 * upstream: the connection's answer is not on a grid, and fetchSeries' result equals `toGrid` of that answer and the
 * grid written out by hand.
 */
import { json, startFakeUpstream, type FakeUpstream } from '../../../../tests/integration/helpers/fakeUpstream';
import type { UpstreamKind } from '../../../shared/queryModel';
import { queryDemo } from '../../upstreams/demo/queryDemo';
import type { DataSourceInstance } from '../DataSourceInstances';
import { fetchSeries, type FetchRequest } from '../fetchSeries';
import { gridTimestamps, toGrid } from '../fetchedSeries';
import { instanceOnFakeUpstream } from './instanceOnFakeUpstream';

const STEP = 60_000;
const T0 = Date.UTC(2024, 0, 1);
const at = (k: number) => T0 + k * STEP;

let fake: FakeUpstream;
beforeAll(async () => {
  fake = await startFakeUpstream();
});
afterAll(() => fake.close());

const instanceOf = (upstream: UpstreamKind) => instanceOnFakeUpstream(fake.url, upstream, `grid-${upstream}`);

const request = (expr: string, fromMs = at(0), toMs = at(5)): FetchRequest => ({
  refId: 'A',
  expr,
  fromMs,
  toMs,
  stepMs: STEP,
});

/** The connection's own answer, then fetchSeries over the same request (fresh cache: a second upstream call). */
async function bothWays(ds: DataSourceInstance, req: FetchRequest) {
  const grid = gridTimestamps(req.fromMs, req.toMs, req.stepMs);
  const raw = await ds.connection.fetchRange({ ...req, gridPoints: grid.length });
  const fetched = await fetchSeries(ds, req);
  return { grid, raw, fetched };
}

test('Prometheus: the connection returns the samples as sent and fetchSeries grids them once', async () => {
  // Out of order, step 2 sent twice (the later one wins), steps 1 and 4 missing, step 5 NaN.
  const values: Array<[number, string]> = [
    [at(3) / 1000, '3'],
    [at(0) / 1000, '0'],
    [at(2) / 1000, '2'],
    [at(2) / 1000, '22'],
    [at(5) / 1000, 'NaN'],
  ];
  fake.handle((_req, res) =>
    json(res, 200, {
      status: 'success',
      data: { resultType: 'matrix', result: [{ metric: { __name__: 'm' }, values }] },
    })
  );
  const { grid, raw, fetched } = await bothWays(instanceOf('prometheus'), request('m'));
  expect(Array.from(raw.series[0].timesMs)).toEqual([at(3), at(0), at(2), at(2), at(5)]);
  expect(Array.from(raw.series[0].values)).toEqual([3, 0, 2, 22, NaN]);
  expect(Array.from(fetched.timestamps)).toEqual(Array.from(grid));
  expect(Array.from(fetched.series[0].values)).toEqual([0, NaN, 22, 3, NaN, NaN]);
  expect(fetched.series[0].values).toEqual(toGrid(grid, STEP, raw.series[0].timesMs, raw.series[0].values));
});

test('InfluxDB: the connection returns the rows in time order and fetchSeries grids them once', async () => {
  // ORDER BY time DESC, a repeated time, a gap, a time 20 s after step 4 (nearest step: 4) and a null.
  const rows = [
    [at(5), null],
    [at(4) + 20_000, 4],
    [at(2), 2],
    [at(2), 22],
    [at(0), 0],
  ];
  fake.handle((_req, res) =>
    json(res, 200, { results: [{ statement_id: 0, series: [{ name: 'm', columns: ['time', 'v'], values: rows }] }] })
  );
  const { grid, raw, fetched } = await bothWays(instanceOf('influxdb'), request('SELECT v FROM m'));
  expect(Array.from(raw.series[0].timesMs)).toEqual([at(0), at(2), at(2), at(4) + 20_000, at(5)]);
  expect(Array.from(raw.series[0].values)).toEqual([0, 2, 22, 4, NaN]);
  // The stable sort keeps the two step-2 rows in the order sent, so the later row (22) wins.
  expect(Array.from(fetched.series[0].values)).toEqual([0, NaN, 22, NaN, 4, NaN]);
  expect(fetched.series[0].values).toEqual(toGrid(grid, STEP, raw.series[0].timesMs, raw.series[0].values));
});

test('demo: the catalogue is sampled at the grid times and fetchSeries places each sample on its own step', async () => {
  const req = request('demo_http_latency_seconds', at(0), at(50));
  const { grid, raw, fetched } = await bothWays(instanceOf('demo'), req);
  const direct = queryDemo('demo_http_latency_seconds', { fromMs: req.fromMs, toMs: req.toMs, stepMs: STEP });
  expect(Array.from(raw.series[0].timesMs)).toEqual(Array.from(grid));
  expect(fetched.series.map((s) => Array.from(s.values))).toEqual(direct.map((d) => Array.from(d.values)));
  expect(fetched.series[0].values).toEqual(toGrid(grid, STEP, raw.series[0].timesMs, raw.series[0].values));
});
