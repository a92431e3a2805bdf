import { fakeUpstreamPerFile, json } from '../../../../../tests/integration/helpers/fakeUpstream';
import { failure } from '../../__tests__/failure';
import { prometheusSettingsFrom } from '../prometheusSettings';
import { MAX_UPSTREAM_WARNINGS, queryRange } from '../queryRange';

const T0 = 1_699_999_980_000; // a multiple of 60 s

const fake = fakeUpstreamPerFile();

function settings(extra: { jsonData?: Record<string, unknown>; secure?: Record<string, string> } = {}) {
  return prometheusSettingsFrom({
    url: `${fake.url}/prom`,
    jsonData: extra.jsonData,
    decryptedSecureJsonData: extra.secure,
  });
}

function matrix(result: unknown[]) {
  return { status: 'success', data: { resultType: 'matrix', result } };
}

describe('queryRange', () => {
  it('posts the form with aligned start/end, the step in seconds and macros replaced', async () => {
    fake.handle((_req, res) => json(res, 200, matrix([])));
    const r = await queryRange(
      {
        expr: 'rate(x[$__rate_interval])[$__interval]',
        fromMs: T0 + 12_345,
        toMs: T0 + 3_600_000 + 59_999,
        stepMs: 60_000,
      },
      settings()
    );
    const req = fake.requests[0];
    expect(req.method).toBe('POST');
    expect(req.path).toBe('/prom/api/v1/query_range');
    expect(req.form.get('query')).toBe('rate(x[1m15s])[1m]');
    expect(req.form.get('start')).toBe(String(T0 / 1000));
    expect(req.form.get('end')).toBe(String((T0 + 3_600_000) / 1000));
    expect(req.form.get('step')).toBe('60');
    expect(r).toMatchObject({
      startMs: T0,
      endMs: T0 + 3_600_000,
      stepMs: 60_000,
      expr: 'rate(x[1m15s])[1m]',
      series: [],
    });
  });

  it('adds the custom query parameters to the form and, with GET, to the URL', async () => {
    fake.handle((_req, res) => json(res, 200, matrix([])));
    const custom = { customQueryParameters: 'max_source_resolution=5m&dedup=true' };
    await queryRange({ expr: 'up', fromMs: T0, toMs: T0 + 60_000, stepMs: 15_000 }, settings({ jsonData: custom }));
    expect(fake.requests[0].form.get('max_source_resolution')).toBe('5m');
    expect(fake.requests[0].form.get('dedup')).toBe('true');
    expect(fake.requests[0].form.get('query')).toBe('up');
    await queryRange(
      { expr: 'up', fromMs: T0, toMs: T0 + 60_000, stepMs: 15_000 },
      settings({ jsonData: { ...custom, httpMethod: 'GET' } })
    );
    expect(fake.requests[1].query.get('max_source_resolution')).toBe('5m');
    expect(fake.requests[1].query.get('step')).toBe('15');
  });

  it('uses GET when httpMethod is GET', async () => {
    fake.handle((_req, res) => json(res, 200, matrix([])));
    await queryRange(
      { expr: 'up', fromMs: T0, toMs: T0 + 60_000, stepMs: 15_000 },
      settings({ jsonData: { httpMethod: 'GET' } })
    );
    expect(fake.requests[0].method).toBe('GET');
    expect(fake.requests[0].query.get('query')).toBe('up');
  });

  it('returns the samples as sent (steps without one absent, NaN samples NaN), for the pipeline to grid', async () => {
    fake.handle((_req, res) =>
      json(
        res,
        200,
        matrix([
          {
            metric: { __name__: 'up', job: 'a' },
            values: [
              [T0 / 1000, '1'],
              [(T0 + 120_000) / 1000, 'NaN'],
              [(T0 + 180_000) / 1000, '+Inf'],
            ],
          },
        ])
      )
    );
    const r = await queryRange({ expr: 'up', fromMs: T0, toMs: T0 + 240_000, stepMs: 60_000 }, settings());
    expect(r.series).toHaveLength(1);
    expect(r.series[0].labels).toEqual({ __name__: 'up', job: 'a' });
    expect(Array.from(r.series[0].timesMs)).toEqual([0, 2, 3].map((k) => T0 + k * 60_000));
    expect(Array.from(r.series[0].values)).toEqual([1, NaN, Infinity]);
  });

  it('shows at most 10 warnings, each cut to 1,000 characters, and counts the rest', async () => {
    const warnings = Array.from({ length: 2000 }, (_, i) => `w${i} ${'x'.repeat(i === 0 ? 10_000 : 1_000)}`);
    fake.handle((_req, res) => json(res, 200, { ...matrix([]), warnings }));
    const r = await queryRange({ expr: 'up', fromMs: T0, toMs: T0 + 60_000, stepMs: 60_000 }, settings());
    expect(r.warnings).toHaveLength(MAX_UPSTREAM_WARNINGS + 1);
    expect(r.warnings[0]).toBe(`w0 ${'x'.repeat(997)}… (9003 more characters)`);
    expect(r.warnings[MAX_UPSTREAM_WARNINGS]).toBe(
      '1990 more warnings from Prometheus not shown (at most 10 are shown per query)'
    );
    expect(r.warnings.join('').length).toBeLessThan(12_000);
  });

  it('cuts a 10 MB Prometheus error to 1,000 characters, secrets masked', async () => {
    const huge = `X-Scope-OrgID: tenant-secret-77 ${'e'.repeat(10 * 1024 * 1024)}`;
    fake.handle((_req, res) => json(res, 400, { status: 'error', errorType: 'bad_data'.repeat(1000), error: huge }));
    const e = await failure(
      queryRange(
        { expr: 'up', fromMs: T0, toMs: T0 + 60_000, stepMs: 60_000 },
        settings({ jsonData: { httpHeaderName1: 'X-Scope-OrgID' }, secure: { httpHeaderValue1: 'tenant-secret-77' } })
      )
    );
    expect(e.status).toBe(400);
    expect(e.message).not.toContain('tenant-secret-77');
    expect(e.message).toMatch(
      /^Prometheus error \(bad_databad_data.*\): X-Scope-OrgID: \[redacted\] e+… \(\d+ more characters\)$/
    );
    expect(e.message.length).toBeLessThan(1200);
  });

  it('returns Prometheus warnings', async () => {
    fake.handle((_req, res) => json(res, 200, { ...matrix([]), warnings: ['partial response'] }));
    const r = await queryRange({ expr: 'up', fromMs: T0, toMs: T0, stepMs: 1000 }, settings());
    expect(r.warnings).toEqual(['partial response']);
  });

  it('turns a Prometheus error body into a downstream error with its message and status', async () => {
    fake.handle((_req, res) =>
      json(res, 400, { status: 'error', errorType: 'bad_data', error: '1:5: parse error: unexpected end of input' })
    );
    const e = await failure(queryRange({ expr: 'sum(', fromMs: T0, toMs: T0 + 60_000, stepMs: 15_000 }, settings()));
    expect(e).toMatchObject({ status: 400, errorSource: 'downstream', kind: 'query', upstreamErrorType: 'bad_data' });
    expect(e.message).toBe('Prometheus error (bad_data): 1:5: parse error: unexpected end of input');
  });

  it.each([
    [422, 'execution', 'query'],
    [503, 'timeout', 'timeout'],
    [500, 'internal', 'http'],
  ])('maps HTTP %d %s errors', async (status, errorType, kind) => {
    fake.handle((_req, res) => json(res, status, { status: 'error', errorType, error: 'details' }));
    const e = await failure(queryRange({ expr: 'up', fromMs: T0, toMs: T0, stepMs: 1000 }, settings()));
    expect(e).toMatchObject({ status, kind });
    expect(e.message).toContain(`(${errorType}): details`);
  });

  it('reports HTTP 500 without a body clearly', async () => {
    fake.handle((_req, res) => res.writeHead(500).end());
    const e = await failure(queryRange({ expr: 'up', fromMs: T0, toMs: T0, stepMs: 1000 }, settings()));
    expect(e.message).toBe(`Prometheus at ${fake.url} answered HTTP 500 with an empty body`);
    expect(e.status).toBe(500);
  });

  it('quotes a non-JSON error body without the credentials it echoes', async () => {
    fake.handle((req, res) => res.writeHead(502).end(`proxy error; you sent ${req.headers.authorization}`));
    const e = await failure(
      queryRange(
        { expr: 'up', fromMs: T0, toMs: T0, stepMs: 1000 },
        settings({ secure: { bearerToken: 'tok-abcdef' } })
      )
    );
    expect(e.message).toBe(`Prometheus at ${fake.url} answered HTTP 502: proxy error; you sent Bearer [redacted]`);
    expect(e.message).not.toContain('tok-abcdef');
  });

  it('names the credentials on 401', async () => {
    fake.handle((_req, res) => res.writeHead(401).end('Unauthorized'));
    const e = await failure(queryRange({ expr: 'up', fromMs: T0, toMs: T0, stepMs: 1000 }, settings()));
    expect(e.kind).toBe('auth');
    expect(e.message).toContain('refused the credentials (HTTP 401): Unauthorized');
  });

  it('reports malformed JSON and unexpected shapes', async () => {
    fake.handle((_req, res) => res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"status":"succ'));
    expect(
      (await failure(queryRange({ expr: 'up', fromMs: T0, toMs: T0, stepMs: 1000 }, settings()))).message
    ).toContain('sent a response that is not valid JSON (HTTP 200): {"status":"succ');
    fake.handle((_req, res) => json(res, 200, { status: 'success', data: { resultType: 'vector', result: [] } }));
    expect(
      (await failure(queryRange({ expr: 'up', fromMs: T0, toMs: T0, stepMs: 1000 }, settings()))).message
    ).toContain('expected resultType "matrix"');
    fake.handle((_req, res) => json(res, 200, matrix([{ metric: {}, values: [[(T0 + 500) / 1000, '1']] }])));
    expect(
      (await failure(queryRange({ expr: 'up', fromMs: T0, toMs: T0 + 2000, stepMs: 1000 }, settings()))).message
    ).toContain('off the requested step grid');
  });

  it('enforces the series and point limits', async () => {
    const two = matrix([
      { metric: { a: '1' }, values: [] },
      { metric: { a: '2' }, values: [] },
    ]);
    fake.handle((_req, res) => json(res, 200, two));
    const series = await failure(
      queryRange({ expr: 'up', fromMs: T0, toMs: T0, stepMs: 1000 }, settings({ jsonData: { maxSeries: 1 } }))
    );
    expect(series.message).toContain('Query returned 2 series, over the limit of 1 (maxSeries)');
    const points = await failure(
      queryRange({ expr: 'up', fromMs: T0, toMs: T0 + 9000, stepMs: 1000 }, settings({ jsonData: { maxPoints: 15 } }))
    );
    expect(points.message).toContain('2 series × 10 steps = 20 points, over the limit of 15 (maxPoints)');
    expect(points.kind).toBe('limit');
  });

  it('refuses bad requests before calling Prometheus', async () => {
    await expect(queryRange({ expr: '  ', fromMs: T0, toMs: T0, stepMs: 1000 }, settings())).rejects.toThrow(
      /expression is empty/
    );
    await expect(queryRange({ expr: 'up', fromMs: T0, toMs: T0, stepMs: 0 }, settings())).rejects.toThrow(
      /Step must be a positive/
    );
    await expect(queryRange({ expr: 'up', fromMs: T0 + 1, toMs: T0, stepMs: 1000 }, settings())).rejects.toThrow(
      /Invalid time range/
    );
    await expect(
      queryRange({ expr: 'up', fromMs: T0, toMs: T0 + 20_000_000, stepMs: 1000 }, settings())
    ).rejects.toThrow(/Prometheus allows at most 11000/);
    expect(fake.requests).toHaveLength(0);
  });
});
