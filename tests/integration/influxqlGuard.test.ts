/**
 * The InfluxQL read-only guard against a real InfluxDB 1.6 (Debian `influxd`, auth on). Our client talks to it
 * through a recording proxy, so "refused" means no request left the plugin. Sentinels: the database `victim`
 * with its measurement `canary`, the users, grants, retention policies, continuous queries and subscriptions,
 * compared before and after. A read-only user (`reader`, READ on `lens`) is the oracle for what influxd makes
 * of a text: it answers how many statements it parsed, or that one of them needs more than READ, and cannot
 * change anything itself.
 */
import * as http from 'node:http';
import fc from 'fast-check';

import { assertReadOnlyInfluxQL } from '../../src/backend/upstreams/influxdb/assertReadOnlyInfluxQL';
import { checkInfluxDB } from '../../src/backend/upstreams/influxdb/checkInfluxDB';
import {
  showFieldKeys,
  showMeasurements,
  showTagKeys,
  showTagValues,
} from '../../src/backend/upstreams/influxdb/influxResources';
import { influxSettingsFrom, type InfluxSettings } from '../../src/backend/upstreams/influxdb/influxSettings';
import { queryInfluxQL, runInfluxQL } from '../../src/backend/upstreams/influxdb/queryInfluxQL';
import { LensError } from '../../src/backend/errors/LensError';
import {
  generatedRefused,
  hostileButValid,
  hostileText,
  READ_ONLY,
  REFUSED,
} from '../../src/backend/upstreams/influxdb/__tests__/influxqlCorpus';
import { startFakeUpstream, type FakeUpstream } from './helpers/fakeUpstream';
import {
  influxPost,
  INFLUX_TEST_PASSWORD,
  INFLUX_TEST_USER,
  startInfluxd,
  type RunningInfluxd,
} from './helpers/startInfluxd';

jest.setTimeout(180_000);

const READER = 'reader';
const READER_PASSWORD = 'reader-password';
const GENERATED = generatedRefused(200, 20261205);

let influx: RunningInfluxd;
let proxy: FakeUpstream;

interface RawAnswer {
  status: number;
  body: { error?: string; results?: Array<{ statement_id?: number; error?: string }> };
}

/** Sends `q` to influxd itself (not through our client) as a form POST, or GET. */
function raw(
  q: string,
  user: string,
  password: string,
  db = 'lens',
  method: 'GET' | 'POST' = 'POST'
): Promise<RawAnswer> {
  const params = new URLSearchParams({ db, q }).toString();
  const url = new URL(method === 'GET' ? `/query?${params}` : '/query', influx.url);
  const headers: Record<string, string> = {
    Authorization: 'Basic ' + Buffer.from(`${user}:${password}`).toString('base64'),
  };
  if (method === 'POST') {
    headers['Content-Type'] = 'application/x-www-form-urlencoded';
  }
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers, timeout: 15_000 }, (res) => {
      let text = '';
      res.on('data', (b: Buffer) => (text += b.toString('utf8')));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) }));
    });
    req.on('timeout', () => req.destroy(new Error('influxd timed out')));
    req.on('error', reject);
    req.end(method === 'POST' ? params : undefined);
  });
}

const admin = (q: string, db = 'lens', method: 'GET' | 'POST' = 'POST') =>
  raw(q, INFLUX_TEST_USER, INFLUX_TEST_PASSWORD, db, method);

/** Everything a write or an administration statement could change, as influxd reports it to the admin. */
async function sentinels(): Promise<string> {
  const q = [
    'SHOW DATABASES',
    'SHOW USERS',
    `SHOW GRANTS FOR ${READER}`,
    'SHOW RETENTION POLICIES ON victim',
    'SHOW RETENTION POLICIES ON lens',
    'SELECT * FROM victim.autogen.canary',
    'SHOW MEASUREMENTS ON victim',
    'SHOW MEASUREMENTS ON lens',
    'SELECT count(*) FROM lens.autogen./.*/',
    'SHOW CONTINUOUS QUERIES',
    'SHOW SUBSCRIPTIONS',
  ].join('; ');
  return JSON.stringify((await admin(q)).body);
}

function settingsFor(httpMode: 'GET' | 'POST' = 'GET'): InfluxSettings {
  return influxSettingsFrom({
    url: proxy.url,
    database: 'lens',
    user: INFLUX_TEST_USER,
    decryptedSecureJsonData: { password: INFLUX_TEST_PASSWORD },
    jsonData: { httpMode },
  });
}

/** Forwards a recorded request to influxd unchanged and relays the answer. */
function forwardToInflux(): void {
  proxy.handle((rec, res) => {
    const target = new URL(rec.path + '?' + rec.query.toString(), influx.url);
    const headers: Record<string, string> = {};
    for (const h of ['authorization', 'content-type']) {
      const v = rec.headers[h];
      if (typeof v === 'string') {
        headers[h] = v;
      }
    }
    const up = http.request(target, { method: rec.method, headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, { 'Content-Type': 'application/json' });
      answer.pipe(res);
    });
    up.on('error', (e) => res.writeHead(502).end(String(e)));
    up.end(rec.method === 'POST' ? rec.body : undefined);
  });
}

async function refusal(p: Promise<unknown>): Promise<LensError | undefined> {
  return p.then(
    () => undefined,
    (e: unknown) => {
      expect(e).toBeInstanceOf(LensError);
      return e as LensError;
    }
  );
}

/** The q of every request that reached the proxy. */
const arrived = () => proxy.requests.map((r) => (r.method === 'GET' ? r.query.get('q') : r.form.get('q')));

beforeAll(async () => {
  influx = await startInfluxd({ auth: true });
  proxy = await startFakeUpstream();
  forwardToInflux();
  const auth = { Authorization: influx.authHeader! };
  for (const q of [
    'CREATE DATABASE lens',
    'CREATE DATABASE victim',
    `CREATE USER ${READER} WITH PASSWORD '${READER_PASSWORD}'`,
    `GRANT READ ON lens TO ${READER}`,
  ]) {
    await influxPost(influx.url, '/query', new URLSearchParams({ q }).toString(), auth);
  }
  const lens = [
    'cpu,host=a,region=eu value=0.5,n=1i,s="x" 1396310400',
    'cpu,host=b,region=eu value=1.5,n=2i,s="y" 1396310460',
    'mem,host=a value=2 1396310400',
    'semi;colon value=3 1396310400',
  ].join('\n');
  await influxPost(influx.url, '/write?db=lens&precision=s', lens, auth);
  await influxPost(influx.url, '/write?db=victim&precision=s', 'canary value=1 1396310400', auth);
});

afterAll(async () => {
  await proxy?.close();
  await influx?.stop();
});

beforeEach(() => {
  proxy.requests.length = 0;
});

describe('the reported bypass', () => {
  const bypass = (db: string) =>
    `SELECT value FROM /cpu'/; DROP DATABASE "${db}"; SELECT value FROM cpu WHERE host = '/'`;

  it('drops a database when it reaches influxd in GET mode (so the sentinel check can fail)', async () => {
    await admin('CREATE DATABASE control');
    expect(JSON.stringify((await admin('SHOW DATABASES')).body)).toContain('"control"');
    await admin(bypass('control'), 'lens', 'GET');
    expect(JSON.stringify((await admin('SHOW DATABASES')).body)).not.toContain('"control"');
  });

  it('is refused with a 400 before any request leaves, in GET and POST mode', async () => {
    const before = await sentinels();
    for (const mode of ['GET', 'POST'] as const) {
      const e = await refusal(
        queryInfluxQL({ query: bypass('victim'), fromMs: 0, toMs: 1, intervalMs: 1000 }, settingsFor(mode))
      );
      expect(e).toMatchObject({ status: 400, kind: 'query', errorSource: 'downstream' });
      expect(e!.message).toBe(
        'Only one statement per query may be run from Anomaly Lens; a second one (DROP) starts at character 27'
      );
    }
    expect(proxy.requests).toHaveLength(0);
    expect(await sentinels()).toBe(before);
  });
});

describe('the adversarial corpus against a real influxd', () => {
  it(`has at least 200 statements to refuse (${REFUSED.length} written, ${GENERATED.length} generated)`, () => {
    expect(REFUSED.length + GENERATED.length).toBeGreaterThanOrEqual(200);
    expect(GENERATED).toHaveLength(200);
  });

  it('refuses every one with a 400 and sends nothing, in GET and POST mode; the sentinels are untouched', async () => {
    const before = await sentinels();
    const accepted: string[] = [];
    for (const q of [...REFUSED.map((r) => r.q), ...GENERATED]) {
      for (const mode of ['GET', 'POST'] as const) {
        const e = await refusal(runInfluxQL(q, settingsFor(mode)));
        if (!e || e.status !== 400 || e.kind !== 'query') {
          accepted.push(`${mode} ${q}`);
        }
      }
    }
    expect(accepted).toEqual([]);
    expect(arrived()).toEqual([]);
    expect(await sentinels()).toBe(before);
  });

  it('generated ones are real attacks: influxd parses each into a second statement or one needing more than READ', async () => {
    const harmless: string[] = [];
    for (const q of GENERATED) {
      const { status, body } = await raw(q, READER, READER_PASSWORD);
      const twoOrMore = status === 200 && (body.results?.length ?? 0) >= 2;
      const needsMore = status === 403 && /error authorizing query/.test(body.error ?? '');
      if (!twoOrMore && !needsMore) {
        harmless.push(`${status} ${JSON.stringify(body).slice(0, 200)} ← ${q}`);
      }
    }
    expect(harmless).toEqual([]);
  });

  it('runs every read-only statement of the corpus through our client, exactly as written, in GET and POST mode', async () => {
    const failed: string[] = [];
    for (const q of READ_ONLY) {
      for (const mode of ['GET', 'POST'] as const) {
        try {
          const results = await runInfluxQL(q, settingsFor(mode));
          const bad = results.find((r) => r.error !== undefined);
          if (results.length !== 1 || bad) {
            failed.push(`${mode} ${q}: ${results.length} results, ${bad?.error ?? ''}`);
          }
        } catch (e) {
          failed.push(`${mode} ${q}: ${(e as Error).message}`);
        }
      }
    }
    expect(failed).toEqual([]);
    expect(arrived()).toEqual(READ_ONLY.flatMap((q) => [q, q]));
  });

  it('checks the text after macros are replaced, and sends exactly that text', async () => {
    const r = await queryInfluxQL(
      {
        query: `SELECT mean("value") FROM "cpu" WHERE $timeFilter GROUP BY time($__interval), "host"`,
        fromMs: 1_396_310_400_000,
        toMs: 1_396_310_520_000,
        intervalMs: 60_000,
      },
      settingsFor()
    );
    expect(arrived()).toEqual([r.query]);
    expect(r.query).toBe(
      'SELECT mean("value") FROM "cpu" WHERE time >= 1396310400000ms and time <= 1396310520000ms GROUP BY time(1m), "host"'
    );
    expect(r.series.map((s) => s.labels.host)).toEqual(['a', 'b']);
    const e = await refusal(
      queryInfluxQL(
        { query: 'SELECT value FROM cpu WHERE $timeFilter; DROP DATABASE victim', fromMs: 0, toMs: 1, intervalMs: 1 },
        settingsFor()
      )
    );
    expect(e?.message).toMatch(/^Only one statement per query/);
    expect(arrived()).toEqual([r.query]);
  });

  it('look-ups and the health check go through the guard with hostile names quoted, and touch nothing', async () => {
    const before = await sentinels();
    expect(await showTagKeys(settingsFor(), `cpu'/; DROP DATABASE victim --`)).toEqual([]);
    expect(await showTagValues(settingsFor(), `k"; DROP DATABASE victim; --`, `/'; DELETE FROM canary; --`)).toEqual(
      []
    );
    const health = await checkInfluxDB(
      influxSettingsFrom({
        url: proxy.url,
        database: `lens"; DROP DATABASE victim; --`,
        user: INFLUX_TEST_USER,
        decryptedSecureJsonData: { password: INFLUX_TEST_PASSWORD },
      })
    );
    expect(health).toEqual({
      ok: false,
      message: 'InfluxDB error: database not found: lens"; DROP DATABASE victim; --',
    });
    expect(arrived()).toEqual([
      `SHOW TAG KEYS FROM "cpu'/; DROP DATABASE victim --"`,
      `SHOW TAG VALUES FROM "/'; DELETE FROM canary; --" WITH KEY = "k\\"; DROP DATABASE victim; --" LIMIT 1000`,
      `SHOW RETENTION POLICIES ON "lens\\"; DROP DATABASE victim; --"`,
      'SHOW MEASUREMENTS LIMIT 1',
    ]);
    expect(await sentinels()).toBe(before);
  });
});

describe('every path that sends InfluxQL is checked', () => {
  it('the health check and the look-ups refuse what the guard refuses, before any request', async () => {
    const health = await checkInfluxDB(
      influxSettingsFrom({
        url: proxy.url,
        database: 'lens\nx',
        user: INFLUX_TEST_USER,
        decryptedSecureJsonData: { password: INFLUX_TEST_PASSWORD },
      })
    );
    expect(health).toEqual({
      ok: false,
      message:
        'InfluxQL query refused, it cannot be read safely: line break inside the quoted identifier starting at character 28',
    });
    const e = await refusal(showTagKeys(settingsFor(), 'cpu\u0000x'));
    expect(e?.message).toBe('InfluxQL query refused: it holds a NUL character (U+0000) at character 24');
    expect(proxy.requests).toHaveLength(0);
  });
});

describe('read-only credentials (docs/provisioning.md)', () => {
  const readerSettings = () =>
    influxSettingsFrom({
      url: influx.url,
      database: 'lens',
      user: READER,
      decryptedSecureJsonData: { password: READER_PASSWORD },
    });

  it('a user with READ only on the database is enough for queries, look-ups and the health check', async () => {
    const s = readerSettings();
    const r = await queryInfluxQL(
      {
        query: 'SELECT "value" FROM "cpu" WHERE $timeFilter',
        fromMs: 1_396_310_400_000,
        toMs: 1_396_310_520_000,
        intervalMs: 60_000,
      },
      s
    );
    expect(r.series).toHaveLength(1);
    expect(await showMeasurements(s)).toEqual(['cpu', 'mem', 'semi;colon']);
    expect(await showFieldKeys(s, 'cpu')).toEqual([
      { key: 'n', type: 'integer' },
      { key: 's', type: 'string' },
      { key: 'value', type: 'float' },
    ]);
    expect(await showTagValues(s, 'host', 'cpu')).toEqual(['a', 'b']);
    expect(await checkInfluxDB(s)).toEqual({
      ok: true,
      message: `InfluxDB at ${influx.url} is reachable; database "lens" has data`,
    });
  });

  it('and cannot write even if a write got past the guard', async () => {
    const { status, body } = await raw('DROP DATABASE victim', READER, READER_PASSWORD);
    expect(status).toBe(403);
    expect(body.error).toMatch(
      /^error authorizing query: reader not authorized to execute statement 'DROP DATABASE victim'/
    );
    expect(JSON.stringify((await admin('SHOW DATABASES')).body)).toContain('"victim"');
  });
});

describe('differential check against influxd', () => {
  it('every generated hostile text the guard accepts is, to influxd, one statement a read-only user may run (or a syntax error)', async () => {
    let accepted = 0;
    let ranAsOne = 0;
    await fc.assert(
      fc.asyncProperty(hostileText, async (q) => {
        try {
          assertReadOnlyInfluxQL(q);
        } catch (e) {
          expect(e).toBeInstanceOf(LensError);
          return;
        }
        accepted++;
        const { status, body } = await raw(q, READER, READER_PASSWORD);
        if (status === 200) {
          expect(body.results).toHaveLength(1);
          ranAsOne++;
        } else {
          expect({ status, error: body.error }).toMatchObject({
            status: 400,
            error: expect.stringMatching(/^error parsing query/),
          });
        }
      }),
      { seed: 20261205, numRuns: 3000 }
    );
    // The generator must reach both outcomes for the check to mean anything (seeded: 1073 accepted, 20 ran).
    expect(accepted).toBeGreaterThan(500);
    expect(ranAsOne).toBeGreaterThanOrEqual(10);
  });

  it('after every token, the guard and influxd agree on whether "/" starts a regex (checked on texts it accepts)', async () => {
    // Each text hides a DROP DATABASE from one of the two readings of the "/" after TOKEN: behind a quote if
    // influxd reads a regex where the guard reads division, inside the regex if the guard reads one where
    // influxd divides. Whatever the guard accepts must be, to influxd, one statement or a syntax error.
    const keywords =
      `ALL ALTER ANALYZE ANY AS ASC BEGIN BY CARDINALITY CREATE CONTINUOUS DATABASE DATABASES DEFAULT DELETE DESC
      DESTINATIONS DIAGNOSTICS DISTINCT DROP DURATION END EVERY EXACT EXPLAIN FIELD FOR FROM GRANT GRANTS GROUP GROUPS
      INF INSERT INTO KEY KEYS KILL LIMIT MEASUREMENT MEASUREMENTS NAME OFFSET ON ORDER PASSWORD POLICY POLICIES
      PRIVILEGES QUERIES QUERY READ REPLICATION RESAMPLE RETENTION REVOKE SELECT SERIES SET SHOW SHARD SHARDS SLIMIT
      SOFFSET STATS SUBSCRIPTION SUBSCRIPTIONS TAG TO USER USERS VALUES WHERE WITH WRITE AND OR IN TRUE FALSE`.split(
        /\s+/
      );
    const others = [
      '',
      'value',
      '"value"',
      'cpu.',
      'autogen.',
      'lens.autogen.',
      'lens..',
      '1',
      '1.',
      '.5',
      '5m',
      "'s'",
      '$x',
      '+',
      '-',
      '*',
      '%',
      '&',
      '|',
      '^',
      '=',
      '=~',
      '!=',
      '!~',
      '<',
      '<=',
      '<>',
      '>',
      '>=',
      '(',
      ')',
      ',',
      '.',
      ':',
      '::',
      'π',
    ];
    const contexts = [
      'SELECT ',
      'SELECT value FROM cpu WHERE value = ',
      'SELECT value FROM ',
      'SELECT value FROM cpu GROUP BY ',
      'SELECT mean(',
      'SHOW TAG KEYS FROM cpu WITH KEY ',
      'SELECT value FROM cpu WHERE ',
    ];
    const payloads = [
      "/x'/; DROP DATABASE victim -- '",
      '/x FROM cpu; DROP DATABASE victim; SELECT value FROM cpu WHERE value/2 > 0',
    ];
    const disagreements: string[] = [];
    let accepted = 0;
    for (const context of contexts) {
      for (const token of [...keywords, ...others]) {
        for (const gap of ['', ' ']) {
          for (const payload of payloads) {
            const q = `${context}${token}${gap}${payload}`;
            try {
              assertReadOnlyInfluxQL(q);
            } catch {
              continue;
            }
            accepted++;
            const { status, body } = await raw(q, READER, READER_PASSWORD);
            const one = status === 200 && body.results?.length === 1;
            const syntax = status === 400 && /^error parsing query/.test(body.error ?? '');
            if (!one && !syntax) {
              disagreements.push(`${status} ${JSON.stringify(body).slice(0, 120)} ← ${q}`);
            }
          }
        }
      }
    }
    expect(disagreements).toEqual([]);
    expect(accepted).toBeGreaterThan(500);
  });

  it('hostile text inside strings, identifiers, regexes and comments is accepted, and influxd runs it as one read', async () => {
    await fc.assert(
      fc.asyncProperty(hostileButValid, async (q) => {
        expect(() => assertReadOnlyInfluxQL(q)).not.toThrow();
        const { status, body } = await raw(q, READER, READER_PASSWORD);
        expect({ status, results: body.results?.length, error: body.error }).toEqual({
          status: 200,
          results: 1,
          error: undefined,
        });
        expect(body.results![0].error).toBeUndefined();
      }),
      { seed: 20261205, numRuns: 500 }
    );
  });
});
