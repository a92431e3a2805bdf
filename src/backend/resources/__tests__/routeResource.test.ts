import { RESOURCE_PATHS } from '../../../shared/resources';
import type { PluginContext } from '../../server/protoTypes';
import { routeResource, splitResourcePath } from '../routeResource';

const demo = {
  dataSourceInstanceSettings: { jsonData: Buffer.from('{}'), decryptedSecureJsonData: {} },
} as unknown as PluginContext;
const get = (path: string, url = path) => routeResource({ method: 'GET', path, url, body: new Uint8Array() }, demo);

test('splitResourcePath tolerates leading slashes and takes parameters from path or url', () => {
  expect(splitResourcePath('/series', '/api/datasources/uid/x/resources/series?metric=m')).toMatchObject({
    route: 'series',
  });
  expect(splitResourcePath('/series', '/api/datasources/uid/x/resources/series?metric=m').params.get('metric')).toBe(
    'm'
  );
  expect(splitResourcePath('series?metric=a', '').params.get('metric')).toBe('a');
  expect(splitResourcePath('', '/api/datasources/uid/x/resources/labels?x=1').route).toBe('labels');
});

test('routeResource lists demo metrics with help, unit and labels', async () => {
  const r = await get(RESOURCE_PATHS.metrics);
  expect(r.code).toBe(200);
  expect(
    (r.body as { metrics: Array<{ name: string; labels: string[] }> }).metrics.find(
      (m) => m.name === 'demo_kafka_bytes_in'
    )
  ).toMatchObject({
    unit: 'Bps',
    labels: ['broker'],
  });
});

test('routeResource answers series, labels and label values', async () => {
  expect((await get('series', 'series?metric=demo_cpu_utilization')).body).toEqual({
    metric: 'demo_cpu_utilization',
    series: [{ host: 'web-1' }, { host: 'web-2' }, { host: 'web-3' }, { host: 'db-1' }],
  });
  expect((await get('labels')).body).toEqual({ labels: ['broker', 'db', 'group', 'host', 'service'] });
  expect((await get('labels', 'labels?metric=demo_consumer_lag')).body).toEqual({ labels: ['group'] });
  expect((await get('label-values', 'label-values?label=group')).body).toEqual({
    label: 'group',
    values: ['analytics', 'billing', 'notifications'],
  });
});

test('routeResource validates expressions by POST body or GET parameter', async () => {
  const post = (body: string) =>
    routeResource({ method: 'POST', path: 'validate', url: 'validate', body: Buffer.from(body) }, demo);
  expect((await post('{"expr":"demo_cpu_utilization{host=~\\"web.*\\"}"}')).body).toEqual({ ok: true, seriesCount: 3 });
  expect((await post('{"expr":"demo_cpu_utilization{host="}')).body).toMatchObject({ ok: false, position: 26 });
  expect((await post('{"expr":""}')).body).toMatchObject({ ok: false, error: expect.stringMatching(/expr is empty/) });
  expect((await post('{bad')).code).toBe(400);
  expect((await get('validate', 'validate?expr=demo_nope')).body).toMatchObject({
    ok: false,
    error: expect.stringMatching(/unknown demo metric/),
  });
});

test('routeResource answers 404 for unknown paths and metrics, 400 for missing parameters, 405 for wrong methods', async () => {
  expect((await get('secret/admin')).code).toBe(404);
  expect((await get('series', 'series?metric=nope')).code).toBe(404);
  expect((await get('series')).code).toBe(400);
  expect((await get('label-values')).code).toBe(400);
  expect((await routeResource({ method: 'DELETE', path: 'metrics', url: '', body: new Uint8Array() }, demo)).code).toBe(
    405
  );
  expect((await get('nope')).body).toEqual({
    error: expect.stringMatching(/unknown resource "nope"; available: metrics, series/),
  });
});

test('routeResource answers 501 for upstreams this build does not serve and 400 for broken settings', async () => {
  const prom = {
    dataSourceInstanceSettings: { jsonData: Buffer.from('{"upstream":"prometheus"}') },
  } as unknown as PluginContext;
  expect((await routeResource({ method: 'GET', path: 'metrics', url: '', body: new Uint8Array() }, prom)).code).toBe(
    501
  );
  const broken = { dataSourceInstanceSettings: { jsonData: Buffer.from('{x') } } as unknown as PluginContext;
  expect((await routeResource({ method: 'GET', path: 'metrics', url: '', body: new Uint8Array() }, broken)).code).toBe(
    400
  );
});

test('routeResource rejects oversized bodies', async () => {
  const body = Buffer.alloc(70 * 1024, 32);
  expect((await routeResource({ method: 'POST', path: 'validate', url: '', body }, demo)).code).toBe(413);
});

test('an unparsable resource URL is a 400 that says what to call, not an internal error', async () => {
  const res = await get('metrics', 'http://[');
  expect(res.code).toBe(400);
  expect((res.body as { error: string }).error).toMatch(/cannot be parsed/);
});

test('splitResourcePath keeps every repetition of a parameter from the url', async () => {
  const { params } = splitResourcePath('labels', '/api/datasources/uid/x/resources/labels?match[]=a&match[]=b&x=1');
  expect(params.getAll('match[]')).toEqual(['a', 'b']);
  expect(splitResourcePath('labels?x=2', 'labels?x=1&x=3').params.getAll('x')).toEqual(['2']);
});
