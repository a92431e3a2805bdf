/**
 * Every input and every upstream text is bounded before work is done, through the built executable launched as
 * Grafana launches it: a Prometheus-type data source pointing at a fake upstream (`support/rawUpstream.ts`) that
 * answers with 10 MB errors, 2,000 warnings of 10 KB, a 20 MB label value, a redirect or a malformed series list;
 * queries with a 1.4 MB legend, JSON nested 5,000 levels, a range past 2262, an empty refId; a timeout of 1e7 s.
 * Each answer is a clear per-query error naming the limit (or a bounded success), the process logs no defect and
 * keeps answering. The limits are listed in docs/reliability.md ("Limits").
 */
import { launchPlugin, stopPlugin, type RunningPlugin } from '../conformance/support/launchPlugin';
import { decodeFrame } from '../conformance/support/decodeFrame';
import {
  connect,
  demoPluginContext,
  demoQuery,
  type DataResponseMessage,
  type PluginClients,
} from '../conformance/support/pluginClients';
import { lensContext } from './support/lensContexts';
import { httpResponse, startRawUpstream, type RawRequest, type RawUpstream } from './support/rawUpstream';

const T_END = 1_700_000_000_000;
const HOUR = 3_600_000;

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

afterEach(() => {
  // Whatever the input, nothing is logged as a defect and the process stays up.
  expect(plugin.stderrLines().filter((l) => /"@level":"error"/.test(l))).toEqual([]);
  expect(plugin.hasExited()).toBe(false);
});

// Large bodies take seconds on a loaded machine; the default timeout here leaves room for them.
const prometheus = (options: { timeoutS?: number } = {}) =>
  lensContext('prometheus', fake.url, { timeoutS: 30, ...options });

/** A query_range answer on the grid the request asked for (form body: start, end, step in seconds). */
function matrixFor(req: RawRequest, metrics: Array<Record<string, string>>, extra: object = {}): string {
  const form = new URLSearchParams(req.raw.slice(req.raw.indexOf('\r\n\r\n') + 4));
  const startMs = Math.round(Number(form.get('start')) * 1000);
  const endMs = Math.round(Number(form.get('end')) * 1000);
  const stepMs = Math.round(Number(form.get('step')) * 1000);
  const values: Array<[number, string]> = [];
  for (let t = startMs; t <= endMs; t += stepMs) {
    values.push([t / 1000, '1']);
  }
  return JSON.stringify({
    status: 'success',
    data: { resultType: 'matrix', result: metrics.map((metric) => ({ metric, values })) },
    ...extra,
  });
}

const json = (status: number, body: string) => httpResponse(status, 'application/json', body);

async function query(ctx: object, q: object): Promise<DataResponseMessage> {
  const res = await client.queryData({ pluginContext: ctx, queries: [q] });
  return Object.values(res.responses)[0];
}

describe('upstream text is cut to a documented length', () => {
  it('10 queries failing with a 10 MB Prometheus error answer 2,000 characters each; health and look-ups too', async () => {
    const error = `X ${'e'.repeat(10 * 1024 * 1024)}`;
    fake.behave((s) => s.end(json(400, JSON.stringify({ status: 'error', errorType: 'bad_data', error }))));
    const queries = Array.from({ length: 10 }, (_, i) => demoQuery(`Q${i}`, `up${i}`, T_END - HOUR, T_END));
    const res = await client.queryData({ pluginContext: prometheus(), queries });
    const errors = Object.values(res.responses).map((r) => r.error);
    expect(errors).toHaveLength(10);
    for (const e of errors) {
      expect(e).toMatch(/^Prometheus error \(bad_data\): X e{998}… \(\d+ more characters\)$/);
    }
    expect(errors.join('').length).toBeLessThan(20_000);

    const health = await client.checkHealth({ pluginContext: prometheus() });
    expect(health.message.length).toBeLessThan(1200);
    const [look] = await client.callResource({
      pluginContext: prometheus(),
      path: 'labels',
      method: 'GET',
      url: '/api/datasources/uid/x/resources/labels',
    });
    expect(look.code).toBe(400);
    expect(look.body.length).toBeLessThan(1200);
  }, 60_000);

  it('2,000 upstream warnings of 10 KB become at most 11 notices of about 1,000 characters', async () => {
    const warnings = Array.from({ length: 2000 }, (_, i) => `warning ${i}: ${'w'.repeat(10_000)}`);
    fake.behave((s, req) => s.end(json(200, matrixFor(req, [{ __name__: 'up', job: 'a' }], { warnings }))));
    const r = await query(prometheus(), demoQuery('A', 'up{w="1"}', T_END - HOUR, T_END));
    expect(r.error).toBe('');
    const notices = (decodeFrame(r.frames[0]).meta?.notices ?? []) as Array<{ text: string }>;
    const upstream = notices.filter((n) => n.text.startsWith('Upstream warning: '));
    expect(upstream).toHaveLength(11);
    expect(upstream[10].text).toBe(
      'Upstream warning: 1990 more warnings from Prometheus not shown (at most 10 are shown per query)'
    );
    for (const n of upstream) {
      expect(n.text.length).toBeLessThan(1100);
    }
    const bytes = r.frames.reduce((n, f) => n + f.length, 0);
    expect(bytes).toBeLessThan(100_000);
  }, 60_000);
});

describe('labels and legends are bounded', () => {
  it('a 20 MB label value is refused with a 422 naming the limit', async () => {
    fake.behave((s, req) => s.end(json(200, matrixFor(req, [{ __name__: 'up', host: 'h'.repeat(20_000_000) }]))));
    const r = await query(prometheus(), demoQuery('A', 'up{big="1"}', T_END - HOUR, T_END));
    expect(r).toMatchObject({ status: 422, errorSource: 'downstream', frames: [] });
    expect(r.error).toMatch(
      /^query A: series 1 has a value of 20000000 characters for label "host", over the limit of 4096; drop or shorten the label/
    );
  }, 60_000);

  it('a 1.4 MB legend is a 400 naming legendFormat and its limit', async () => {
    const legendFormat = '{{host}}'.repeat(175_000);
    const r = await query(
      demoPluginContext(),
      demoQuery('A', 'demo_cpu_utilization', T_END - HOUR, T_END, { legendFormat })
    );
    expect(r).toMatchObject({ status: 400, errorSource: 'downstream' });
    expect(r.error).toBe('query A: legendFormat is 1400000 characters long; the limit is 1000: shorten the Legend');
  });

  it('a legend at its limit over 3 series with 4 KB label values makes names of 1,000 characters, not megabytes', async () => {
    const host = (i: number) => `${i}${'h'.repeat(4095)}`;
    fake.behave((s, req) =>
      s.end(
        json(
          200,
          matrixFor(
            req,
            [0, 1, 2].map((i) => ({ __name__: 'up', host: host(i) }))
          )
        )
      )
    );
    const r = await query(
      prometheus(),
      demoQuery('A', 'up{legend="1"}', T_END - HOUR, T_END, { legendFormat: '{{host}}'.repeat(125) })
    );
    expect(r.error).toBe('');
    expect(r.frames).toHaveLength(3);
    for (const f of r.frames) {
      const name = (decodeFrame(f).fields[1].config as { displayNameFromDS: string }).displayNameFromDS;
      expect(name).toHaveLength(1001);
      expect(name.endsWith('…')).toBe(true);
    }
  }, 60_000);
});

describe('query input is bounded', () => {
  it('query JSON nested 5,000 levels deep is a 400 naming the field', async () => {
    const q = demoQuery('A', 'demo_cpu_utilization', T_END - HOUR, T_END);
    q.json = Buffer.from(`{"expr":"demo_cpu_utilization","options":${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}}`);
    const r = await query(demoPluginContext(), q);
    expect(r).toMatchObject({ status: 400, errorSource: 'downstream' });
    expect(r.error).toMatch(
      /^query A: the query JSON nests more than 32 levels of objects and arrays \(field options\.a\.a.*\); the limit is 32/
    );
  });

  it.each([
    ['ends past 2262', T_END, 1e13],
    ['starts at -8.64e15', -8.64e15, T_END],
  ])('a time range that %s is a 400 naming the range frames hold, not wrapped timestamps', async (_n, from, to) => {
    const r = await query(demoPluginContext(), demoQuery('A', 'demo_cpu_utilization', from, to));
    expect(r).toMatchObject({ status: 400, frames: [] });
    expect(r.error).toMatch(
      /outside the time range a frame can hold \(1677-09-21T00:12:43\.146Z to 2262-04-11T23:47:16\.854Z, nanosecond timestamps\)/
    );
  });

  it('an empty refId is answered under ""', async () => {
    const res = await client.queryData({
      pluginContext: demoPluginContext(),
      queries: [
        demoQuery('', 'demo_cpu_utilization{host="web-1"}', T_END - HOUR, T_END),
        demoQuery('A', 'demo_cpu_utilization{host="web-2"}', T_END - HOUR, T_END),
      ],
    });
    expect(Object.keys(res.responses).sort()).toEqual(['', 'A']);
    expect(res.responses[''].error).toBe('');
    expect(res.responses[''].frames).toHaveLength(1);
  });

  it('a timeout of 1e7 s is a 400 naming the setting and its range, with no Node warning on stderr', async () => {
    const before = plugin.stderrLines().length;
    const r = await query(prometheus({ timeoutS: 1e7 }), demoQuery('A', 'up{t="1"}', T_END - HOUR, T_END));
    expect(r).toMatchObject({ status: 400, errorSource: 'downstream' });
    expect(r.error).toBe(
      'query A: Data source setting timeout must be a number of seconds from 0.1 to 3600, got 10000000; correct it in the ' +
        'data source settings or remove it for the default (30)'
    );
    await new Promise((resolve) => setTimeout(resolve, 200));
    const lines = plugin.stderrLines().slice(before);
    expect(lines.filter((l) => !l.startsWith('{'))).toEqual([]);
  });
});

describe('upstream answers are checked', () => {
  it('a 302 is a 502 naming the redirect, not followed', async () => {
    fake.behave((s) => s.end(httpResponse(302, undefined, '', 'Location: http://127.0.0.1:1/elsewhere\r\n')));
    const r = await query(prometheus(), demoQuery('A', 'up{r="1"}', T_END - HOUR, T_END));
    expect(r).toMatchObject({ status: 502, errorSource: 'downstream' });
    expect(r.error).toMatch(
      /answered HTTP 302, a redirect to "http:\/\/127\.0\.0\.1:1\/elsewhere"; redirects are not followed: set the data source URL/
    );
  });

  it('a series look-up answered with a string entry is a 502, not a map of characters', async () => {
    fake.behave((s) => s.end(json(200, JSON.stringify({ status: 'success', data: [{ job: 'a' }, 'oops'] }))));
    const [msg] = await client.callResource({
      pluginContext: prometheus(),
      path: 'series',
      method: 'GET',
      url: '/api/datasources/uid/x/resources/series?match[]=up',
    });
    expect(msg.code).toBe(502);
    expect(JSON.parse(msg.body.toString('utf8')).error).toMatch(/entry 1 is not a label set/);
  });
});
