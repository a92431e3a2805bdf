/**
 * A correlations query on a Prometheus upstream that holds the service-graph metrics (a fake answering the candidate,
 * target and graph queries): the callee ranks before the caller that shows its change, the caller says why, and a
 * graph that names none of the candidates' services is reported instead of silently ignored.
 */
import { json, startFakeUpstream, type FakeUpstream } from '../../../../tests/integration/helpers/fakeUpstream';
import { CORRELATION_FRAME } from '../../../shared/queryTypes';
import { instanceOnFakeUpstream } from '../../pipeline/__tests__/instanceOnFakeUpstream';
import { AUTO_SERVICE_GRAPH_EXPR } from '../../pipeline/fetchServiceGraph';
import type { Frame } from '../../frames/frame';
import { parseQueryJson } from '../parseQuery';
import { runCorrelations } from '../runCorrelations';

const STEP = 60_000;
const T0 = Date.UTC(2024, 0, 1);
const WINDOW_FROM = T0 + 120 * STEP;
const WINDOW_TO = T0 + 179 * STEP;

/** Value at step k: a wiggle, plus `size` from the window on. */
const stepped = (seed: number, size: number) => (k: number) =>
  1 + 0.1 * Math.sin(k * seed) + (T0 + k * STEP >= WINDOW_FROM ? size : 0);
// The gateway calls the database; its errors show the database's step a little more strongly.
const SERIES: Record<string, Array<{ metric: Record<string, string>; at: (k: number) => number }>> = {
  lat: [{ metric: { __name__: 'lat', service: 'front' }, at: stepped(1.1, 5) }],
  err: [
    { metric: { __name__: 'err', service: 'gateway' }, at: stepped(1.9, 24) },
    { metric: { __name__: 'err', service: 'database' }, at: stepped(2.9, 22) },
    { metric: { __name__: 'err', service: 'cache' }, at: stepped(2.3, 0) },
  ],
  [AUTO_SERVICE_GRAPH_EXPR]: [
    { metric: { client: 'front', server: 'gateway' }, at: () => 7 },
    { metric: { client: 'gateway', server: 'database' }, at: () => 3 },
  ],
};

let fake: FakeUpstream;
beforeAll(async () => {
  fake = await startFakeUpstream();
  fake.handle((req, res) => {
    const p = req.method === 'POST' ? req.form : req.query;
    const [start, end, step] = ['start', 'end', 'step'].map((k) => Number(p.get(k)));
    const result = (SERIES[p.get('query') ?? ''] ?? []).map((s) => {
      const values: Array<[number, string]> = [];
      for (let t = start; t <= end; t += step) {
        values.push([t, String(s.at(Math.round((t * 1000 - T0) / STEP)))]);
      }
      return { metric: s.metric, values };
    });
    json(res, 200, { status: 'success', data: { resultType: 'matrix', result } });
  });
});
afterAll(() => fake.close());

async function rank(correlate: Record<string, unknown> = {}): Promise<Frame> {
  const q = parseQueryJson(
    'A',
    JSON.stringify({
      schemaVersion: 2,
      queryType: 'correlations',
      expr: 'err',
      correlate: { target: 'lat', ...correlate },
    })
  );
  const window = { fromMs: WINDOW_FROM, toMs: WINDOW_TO, intervalMs: STEP, maxDataPoints: 1000 };
  const [table] = await runCorrelations(instanceOnFakeUpstream(fake.url, 'prometheus', 'graph-query'), q, window);
  return table;
}

const column = (table: Frame, name: string) => Array.from(table.fields.find((f) => f.name === name)!.values as []);
const F = CORRELATION_FRAME.fields;

test('with the service graph the callee ranks first and the caller showing its change says which callee', async () => {
  const table = await rank();
  expect(column(table, F.series)).toEqual([
    'err{service="database"}',
    'err{service="gateway"}',
    'err{service="cache"}',
  ]);
  expect(column(table, F.explainedBy)).toEqual(['', 'database', '']);
  expect(table.meta?.custom).toMatchObject({ serviceGraph: '2 edges' });
  expect(table.meta?.notices).toBeUndefined();
});

test('serviceGraph off ranks by the score alone: the caller first', async () => {
  const table = await rank({ serviceGraph: 'off' });
  expect(column(table, F.series)).toEqual([
    'err{service="gateway"}',
    'err{service="database"}',
    'err{service="cache"}',
  ]);
  expect(column(table, F.explainedBy)).toEqual(['', '', '']);
  expect(table.meta?.custom).toMatchObject({ serviceGraph: 'off' });
});

test('a graph whose services no candidate label names is reported, and the order is the score order', async () => {
  const table = await rank({ serviceLabel: 'job' });
  expect(column(table, F.series)[0]).toBe('err{service="gateway"}');
  expect(table.meta?.notices?.map((n) => n.text)).toEqual([
    'Service graph not used: no candidate has a label (job) whose value is one of its 3 services; set ' +
      'correlate.serviceLabel to the label that names the service.',
  ]);
});
