import { fakeUpstreamPerFile, json } from '../../../../../tests/integration/helpers/fakeUpstream';
import { failure } from '../../__tests__/failure';
import { showFieldKeys, showMeasurements, showTagKeys, showTagValues } from '../influxResources';
import { influxSettingsFrom } from '../influxSettings';
import type { InfluxRawSeries } from '../parseInfluxResponse';
import { queryInfluxQL } from '../queryInfluxQL';

const fake = fakeUpstreamPerFile();

const T0 = 1_396_310_400_000;
const req = {
  query: 'SELECT mean(value) FROM m WHERE $timeFilter GROUP BY time($__interval), host',
  fromMs: T0,
  toMs: T0 + 600_000,
  intervalMs: 300_000,
};

function settings(extra: { user?: string; jsonData?: Record<string, unknown>; secure?: Record<string, string> } = {}) {
  return influxSettingsFrom({
    url: fake.url,
    database: 'nab',
    user: extra.user,
    jsonData: extra.jsonData,
    decryptedSecureJsonData: extra.secure,
  });
}

/** Makes the fake answer one statement (`statement_id` 0) holding these series. */
function answerSeries(...series: InfluxRawSeries[]): void {
  fake.handle((_req, res) => json(res, 200, { results: [{ statement_id: 0, series }] }));
}

describe('queryInfluxQL', () => {
  it('sends db, the interpolated q and epoch=ms with GET by default', async () => {
    fake.handle((_req, res) => json(res, 200, { results: [{ statement_id: 0 }] }));
    const r = await queryInfluxQL(req, settings());
    const sent = fake.requests[0];
    expect(sent.method).toBe('GET');
    expect(sent.path).toBe('/query');
    expect(sent.query.get('db')).toBe('nab');
    expect(sent.query.get('epoch')).toBe('ms');
    expect(sent.query.get('q')).toBe(
      `SELECT mean(value) FROM m WHERE time >= ${T0}ms and time <= ${T0 + 600_000}ms GROUP BY time(5m), host`
    );
    expect(r).toEqual({ series: [], query: sent.query.get('q') });
  });

  it('posts a form when httpMode is POST', async () => {
    fake.handle((_req, res) => json(res, 200, { results: [{ statement_id: 0 }] }));
    await queryInfluxQL(req, settings({ jsonData: { httpMode: 'POST' } }));
    expect(fake.requests[0].method).toBe('POST');
    expect(fake.requests[0].form.get('db')).toBe('nab');
  });

  it('turns tagged series into labelled series, one per value column', async () => {
    answerSeries(
      {
        name: 'm',
        tags: { host: 'a' },
        columns: ['time', 'mean'],
        values: [
          [T0, 1.5],
          [T0 + 300_000, null],
        ],
      },
      {
        name: 'm',
        tags: { host: 'b' },
        columns: ['time', 'mean'],
        values: [
          [T0 + 300_000, 2],
          [T0, true],
        ],
      }
    );
    const { series } = await queryInfluxQL(req, settings());
    expect(series.map((s) => s.labels)).toEqual([
      { host: 'a', _measurement: 'm' },
      { host: 'b', _measurement: 'm' },
    ]);
    expect(Array.from(series[0].values)).toEqual([1.5, NaN]);
    // Rows sorted by time; booleans as 1/0.
    expect(Array.from(series[1].timesMs)).toEqual([T0, T0 + 300_000]);
    expect(Array.from(series[1].values)).toEqual([1, 2]);
  });

  it('adds _field when a statement returns several value columns', async () => {
    answerSeries({ name: 'm', columns: ['time', 'min', 'max'], values: [[T0, 1, 'text']] });
    const { series } = await queryInfluxQL(req, settings());
    expect(series.map((s) => s.labels)).toEqual([
      { _measurement: 'm', _field: 'min' },
      { _measurement: 'm', _field: 'max' },
    ]);
    expect(Array.from(series[1].values)).toEqual([NaN]);
  });

  it('cuts a 10 MB InfluxDB error, whole-request or per statement, to 1,000 characters', async () => {
    for (const body of [{ error: 'e'.repeat(1e7) }, { results: [{ statement_id: 0, error: 'e'.repeat(1e7) }] }]) {
      fake.handle((_req, res) => json(res, 'results' in body ? 200 : 400, body));
      const e = await failure(queryInfluxQL(req, settings()));
      expect(e.message).toMatch(/^InfluxDB error: e{1000}… \(9999000 more characters\)$/);
    }
  });

  it('fails the query with Influx message when a statement has an error', async () => {
    fake.handle((_req, res) => json(res, 200, { results: [{ statement_id: 0, error: 'database not found: nab' }] }));
    const e = await failure(queryInfluxQL(req, settings()));
    expect(e).toMatchObject({
      message: 'InfluxDB error: database not found: nab',
      status: 400,
      errorSource: 'downstream',
      kind: 'query',
    });
    // Only one statement is sent, but an upstream may still answer several results; the failing one is named.
    fake.handle((_req, res) =>
      json(res, 200, {
        results: [
          { statement_id: 0, series: [] },
          { statement_id: 1, error: 'boom' },
        ],
      })
    );
    expect((await failure(queryInfluxQL(req, settings()))).message).toBe('InfluxDB error (statement 2): boom');
  });

  it('prefers a real statement error over "not executed" and explains a lone "not executed"', async () => {
    fake.handle((_req, res) =>
      json(res, 200, {
        results: [
          { statement_id: 0, error: 'not executed' },
          { statement_id: 1, error: 'real problem' },
        ],
      })
    );
    expect((await failure(queryInfluxQL(req, settings()))).message).toBe('InfluxDB error (statement 2): real problem');
    fake.handle((_req, res) => json(res, 200, { results: [{ statement_id: 0, error: 'not executed' }] }));
    expect((await failure(queryInfluxQL(req, settings()))).message).toContain(
      'not executed (InfluxDB stopped before this statement without saying why; run the statements one at a time'
    );
  });

  it('redacts the password when InfluxDB echoes it in an error', async () => {
    fake.handle((_req, res) => json(res, 200, { results: [{ statement_id: 0, error: 'bad user reader:pw-123456' }] }));
    const e = await failure(queryInfluxQL(req, settings({ user: 'reader', secure: { password: 'pw-123456' } })));
    expect(e.message).toBe('InfluxDB error: bad user reader:[redacted]');
  });

  it('passes a whole-request error (syntax) through with its status', async () => {
    fake.handle((_req, res) =>
      json(res, 400, { error: 'error parsing query: found EOF, expected FROM at line 1, char 9' })
    );
    const e = await failure(queryInfluxQL({ ...req, query: 'SELECT v' }, settings()));
    expect(e).toMatchObject({
      status: 400,
      kind: 'query',
      message: 'InfluxDB error: error parsing query: found EOF, expected FROM at line 1, char 9',
    });
  });

  it('sends 1.x credentials as basic auth and names them on 401', async () => {
    fake.handle((_req, res) => json(res, 401, { error: 'authorization failed' }));
    const e = await failure(queryInfluxQL(req, settings({ user: 'reader', secure: { password: 'pw-123456' } })));
    expect(fake.requests[0].headers.authorization).toBe('Basic ' + Buffer.from('reader:pw-123456').toString('base64'));
    expect(fake.requests[0].query.get('p')).toBeNull();
    expect(e.kind).toBe('auth');
    expect(e.message).toContain('refused the credentials (HTTP 401): authorization failed');
  });

  it('sends a 2.x/3.x token as Authorization: Token and reports the v2 error shape', async () => {
    fake.handle((_req, res) => json(res, 401, { code: 'unauthorized', message: 'unauthorized access' }));
    const e = await failure(queryInfluxQL(req, settings({ user: 'ignored', secure: { influxToken: 'tok-abcdef' } })));
    expect(fake.requests[0].headers.authorization).toBe('Token tok-abcdef');
    expect(e.message).toContain('unauthorized access');
  });

  it('refuses writes and second statements without calling InfluxDB', async () => {
    await expect(queryInfluxQL({ ...req, query: 'DROP DATABASE nab' }, settings())).rejects.toThrow(
      /Only SELECT and SHOW/
    );
    await expect(
      queryInfluxQL(
        { ...req, query: "SELECT v FROM /m'/; DROP DATABASE nab; SELECT v FROM m WHERE h = '/'" },
        settings()
      )
    ).rejects.toThrow(/^Only one statement per query may be run from Anomaly Lens; a second one \(DROP\)/);
    expect(fake.requests).toHaveLength(0);
  });

  it('enforces the series and point limits', async () => {
    answerSeries({
      name: 'm',
      columns: ['time', 'a', 'b'],
      values: [
        [T0, 1, 2],
        [T0 + 1, 1, 2],
      ],
    });
    expect((await failure(queryInfluxQL(req, settings({ jsonData: { maxSeries: 1 } })))).message).toContain(
      'Query returned 2 series, over the limit of 1 (maxSeries)'
    );
    expect((await failure(queryInfluxQL(req, settings({ jsonData: { maxPoints: 3 } })))).message).toContain(
      'Query returned 4 points, over the limit of 3 (maxPoints)'
    );
  });

  it('reports malformed answers', async () => {
    fake.handle((_req, res) => res.writeHead(200).end('<html>'));
    expect((await failure(queryInfluxQL(req, settings()))).message).toContain(
      'sent an unexpected response: not valid JSON (HTTP 200): <html>'
    );
    fake.handle((_req, res) =>
      json(res, 200, {
        results: [{ series: [{ name: 'm', columns: ['time', 'v'], values: [['2014-04-01T00:00:00Z', 1]] }] }],
      })
    );
    expect((await failure(queryInfluxQL(req, settings()))).message).toContain('non-numeric time');
  });
});

describe('InfluxDB look-ups', () => {
  it('showMeasurements lists names', async () => {
    answerSeries({ name: 'measurements', columns: ['name'], values: [['a'], ['b']] });
    expect(await showMeasurements(settings())).toEqual(['a', 'b']);
    expect(fake.requests[0].query.get('q')).toBe('SHOW MEASUREMENTS LIMIT 1000');
  });

  it('showFieldKeys keeps key and type together across measurements', async () => {
    answerSeries(
      {
        name: 'a',
        columns: ['fieldKey', 'fieldType'],
        values: [
          ['value', 'float'],
          ['count', 'integer'],
        ],
      },
      {
        name: 'b',
        columns: ['fieldKey', 'fieldType'],
        values: [
          ['value', 'float'],
          ['ok', 'boolean'],
        ],
      }
    );
    expect(await showFieldKeys(settings())).toEqual([
      { key: 'value', type: 'float' },
      { key: 'count', type: 'integer' },
      { key: 'ok', type: 'boolean' },
    ]);
  });

  it('quotes measurement and tag key so editor input cannot add a statement', async () => {
    answerSeries({ name: 'm', columns: ['key', 'value'], values: [['host', 'a']] });
    expect(await showTagValues(settings(), 'ho"st', 'm"; DROP DATABASE nab; --')).toEqual(['a']);
    expect(fake.requests[0].query.get('q')).toBe(
      'SHOW TAG VALUES FROM "m\\"; DROP DATABASE nab; --" WITH KEY = "ho\\"st" LIMIT 1000'
    );
    answerSeries({ name: 'm', columns: ['tagKey'], values: [['host']] });
    expect(await showTagKeys(settings(), 'm')).toEqual(['host']);
    expect(fake.requests[1].query.get('q')).toBe('SHOW TAG KEYS FROM "m"');
  });
});

describe('influxSettingsFrom', () => {
  it('needs a database', () => {
    expect(() => influxSettingsFrom({ url: 'http://x' })).toThrow(/database is not set/);
    expect(influxSettingsFrom({ url: 'http://x', jsonData: { dbName: 'db1' } }).database).toBe('db1');
  });

  it('refuses an unknown httpMode', () => {
    expect(() => influxSettingsFrom({ url: 'http://x', database: 'd', jsonData: { httpMode: 'PATCH' } })).toThrow(
      /httpMode must be GET or POST/
    );
  });
});
