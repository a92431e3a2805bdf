/**
 * Our InfluxQL client against a real InfluxDB 1.6 (Debian `influxd`) with auth enabled, loaded through
 * `/write` with NAB slices as line protocol. Fails (never skips) when the binary is missing.
 */
import { nabToLineProtocol } from '../../scripts/loaders/nabToLineProtocol';
import type { LabelledSeries } from '../../scripts/loaders/nabToOpenMetrics';
import { LensError } from '../../src/backend/errors/LensError';
import {
  showFieldKeys,
  showMeasurements,
  showTagKeys,
  showTagValues,
} from '../../src/backend/upstreams/influxdb/influxResources';
import { checkInfluxDB } from '../../src/backend/upstreams/influxdb/checkInfluxDB';
import { influxSettingsFrom, type InfluxSettings } from '../../src/backend/upstreams/influxdb/influxSettings';
import { queryInfluxQL } from '../../src/backend/upstreams/influxdb/queryInfluxQL';
import { loadNabSlices, valueAt } from './helpers/nabTestSeries';
import {
  influxPost,
  INFLUX_TEST_PASSWORD,
  INFLUX_TEST_USER,
  startInfluxd,
  type RunningInfluxd,
} from './helpers/startInfluxd';

jest.setTimeout(30_000);

const MIN = 60_000;
const HOUR = 60 * MIN;
const APR1 = Date.UTC(2014, 3, 1);
const FEB15 = Date.UTC(2014, 1, 15);

let influx: RunningInfluxd;
let slices: LabelledSeries[];
let settings: InfluxSettings;

const byFile = (file: string) => slices.find((s) => s.labels.file === file)!;
const settingsWith = (database: string, password = INFLUX_TEST_PASSWORD, jsonData: Record<string, unknown> = {}) =>
  influxSettingsFrom({
    url: influx.url,
    database,
    user: INFLUX_TEST_USER,
    decryptedSecureJsonData: { password },
    jsonData,
  });

async function failure(p: Promise<unknown>): Promise<LensError> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err
  );
  expect(e).toBeInstanceOf(LensError);
  return e as LensError;
}

beforeAll(async () => {
  slices = loadNabSlices();
  influx = await startInfluxd({ auth: true });
  const auth = { Authorization: influx.authHeader! };
  await influxPost(influx.url, '/query', 'q=CREATE DATABASE nab', auth);
  // The artificial and AWS slices only: the tests below do not need the traffic series.
  const lines = nabToLineProtocol(
    'nab',
    slices.filter((s) => s.labels.dataset !== 'realTraffic')
  );
  await influxPost(influx.url, '/write?db=nab&precision=s', lines, auth);
  settings = settingsWith('nab');
});

afterAll(async () => {
  await influx?.stop();
});

describe('InfluxQL queries against a real InfluxDB', () => {
  it('returns raw values equal to the CSV, measurement as a label', async () => {
    const r = await queryInfluxQL(
      {
        query: `SELECT "value" FROM "nab" WHERE "file" = 'art_daily_jumpsup' AND $timeFilter`,
        fromMs: APR1,
        toMs: APR1 + 6 * HOUR,
        intervalMs: 5 * MIN,
      },
      settings
    );
    expect(r.query).toContain(`time >= ${APR1}ms and time <= ${APR1 + 6 * HOUR}ms`);
    expect(r.series).toHaveLength(1);
    const [s] = r.series;
    expect(s.labels).toEqual({ _measurement: 'nab' });
    expect(s.timesMs.length).toBe(73);
    const csv = byFile('art_daily_jumpsup');
    for (let k = 0; k < s.timesMs.length; k++) {
      expect(s.values[k]).toBe(valueAt(csv, s.timesMs[k]));
    }
  });

  it('turns GROUP BY tags into labels, one series per tag set', async () => {
    const r = await queryInfluxQL(
      {
        query: `SELECT "value" FROM "nab" WHERE "dataset" = 'realAWSCloudwatch' AND $timeFilter GROUP BY "instance", "file"`,
        fromMs: FEB15,
        toMs: FEB15 + 24 * HOUR - 1,
        intervalMs: 5 * MIN,
      },
      settings
    );
    expect(r.series.map((s) => s.labels)).toEqual([
      // InfluxDB orders series by their tag set.
      { _measurement: 'nab', file: 'ec2_cpu_utilization_24ae8d', instance: 'i-24ae8d' },
      { _measurement: 'nab', file: 'rds_cpu_utilization_cc0c53', instance: 'cc0c53' },
    ]);
    for (const s of r.series) {
      const csv = byFile(s.labels.file);
      const expected = csv.series.timesMs.filter((t) => t >= FEB15 && t < FEB15 + 24 * HOUR);
      expect(Array.from(s.timesMs)).toEqual(expected);
      expect(Array.from(s.values)).toEqual(expected.map((t) => valueAt(csv, t)));
    }
  });

  it('aggregates with GROUP BY time($__interval): hourly means equal the CSV means, empty buckets NaN', async () => {
    const fromMs = APR1 - 2 * HOUR; // two hours before the data starts: empty buckets
    const r = await queryInfluxQL(
      {
        query: `SELECT mean("value") FROM "nab" WHERE "file" = 'art_daily_jumpsup' AND $timeFilter GROUP BY time($__interval)`,
        fromMs,
        toMs: APR1 + 6 * HOUR - 1,
        intervalMs: HOUR,
      },
      settings
    );
    expect(r.query).toContain('GROUP BY time(1h)');
    const [s] = r.series;
    expect(Array.from(s.timesMs)).toEqual(Array.from({ length: 8 }, (_, k) => fromMs + k * HOUR));
    expect(s.values[0]).toBeNaN();
    expect(s.values[1]).toBeNaN();
    const csv = byFile('art_daily_jumpsup');
    for (let k = 2; k < 8; k++) {
      const inBucket = csv.series.values.filter(
        (_, i) => csv.series.timesMs[i] >= s.timesMs[k] && csv.series.timesMs[i] < s.timesMs[k] + HOUR
      );
      expect(inBucket).toHaveLength(12);
      const mean = inBucket.reduce((a, b) => a + b, 0) / inBucket.length;
      expect(s.values[k]).toBeCloseTo(mean, 9);
    }
  });

  it('labels each column with _field when a statement returns several', async () => {
    const r = await queryInfluxQL(
      {
        query: `SELECT min("value"), max("value") FROM "nab" WHERE "file" = 'ec2_cpu_utilization_24ae8d' AND $timeFilter GROUP BY time($__interval)`,
        fromMs: FEB15,
        toMs: FEB15 + 24 * HOUR - 1,
        intervalMs: 24 * HOUR,
      },
      settings
    );
    expect(r.series.map((s) => s.labels)).toEqual([
      { _measurement: 'nab', _field: 'min' },
      { _measurement: 'nab', _field: 'max' },
    ]);
    const { timesMs, values } = byFile('ec2_cpu_utilization_24ae8d').series;
    const day = values.filter((_, i) => timesMs[i] < FEB15 + 24 * HOUR);
    expect(day).toHaveLength(288);
    expect(r.series[0].values[0]).toBe(Math.min(...day));
    expect(r.series[1].values[0]).toBe(Math.max(...day));
  });

  it('reports an InfluxQL syntax error with Influx message', async () => {
    const e = await failure(
      queryInfluxQL({ query: 'SELECT "value" FROM', fromMs: APR1, toMs: APR1 + HOUR, intervalMs: MIN }, settings)
    );
    expect(e).toMatchObject({ status: 400, kind: 'query', errorSource: 'downstream' });
    expect(e.message).toMatch(/^InfluxDB error: error parsing query: .*expected identifier/);
  });

  it('reports a per-statement error (unknown database) as the query error', async () => {
    const e = await failure(
      queryInfluxQL(
        { query: 'SELECT "value" FROM "nab" WHERE $timeFilter', fromMs: APR1, toMs: APR1 + HOUR, intervalMs: MIN },
        settingsWith('nope')
      )
    );
    expect(e.message).toBe('InfluxDB error: database not found: nope');
    expect(e.errorSource).toBe('downstream');
  });

  it('reports a wrong password as a clear auth error without the password', async () => {
    const e = await failure(
      queryInfluxQL(
        { query: 'SELECT "value" FROM "nab" WHERE $timeFilter', fromMs: APR1, toMs: APR1 + HOUR, intervalMs: MIN },
        settingsWith('nab', 'wrong-password')
      )
    );
    expect(e).toMatchObject({ kind: 'auth', status: 401 });
    expect(e.message).toBe(
      `InfluxDB at ${influx.url} refused the credentials (HTTP 401): authorization failed; check the data source's authentication settings`
    );
    expect(e.message).not.toContain('wrong-password');
  });

  it('enforces the point limit on a real answer', async () => {
    const e = await failure(
      queryInfluxQL(
        {
          query: 'SELECT "value" FROM "nab" WHERE $timeFilter',
          fromMs: FEB15,
          toMs: FEB15 + 24 * HOUR - 1,
          intervalMs: MIN,
        },
        settingsWith('nab', INFLUX_TEST_PASSWORD, { maxPoints: 100 })
      )
    );
    expect(e.message).toBe(
      'Query returned 576 points, over the limit of 100 (maxPoints); use a larger GROUP BY time() interval'
    );
  });

  it('works with POST as well', async () => {
    const r = await queryInfluxQL(
      {
        query: `SELECT count("value") FROM "nab" WHERE "file" = 'art_daily_jumpsup' AND $timeFilter`,
        fromMs: APR1,
        toMs: APR1 + 48 * HOUR - 1,
        intervalMs: MIN,
      },
      settingsWith('nab', INFLUX_TEST_PASSWORD, { httpMode: 'POST' })
    );
    expect(Array.from(r.series[0].values)).toEqual([576]);
  });
});

describe('InfluxDB look-ups against a real server', () => {
  it('lists measurements, field keys, tag keys and tag values', async () => {
    expect(await showMeasurements(settings)).toEqual(['nab']);
    expect(await showFieldKeys(settings, 'nab')).toEqual([{ key: 'value', type: 'float' }]);
    expect(await showTagKeys(settings, 'nab')).toEqual(['dataset', 'file', 'instance']);
    expect(await showTagValues(settings, 'file', 'nab')).toEqual([
      'art_daily_jumpsup',
      'ec2_cpu_utilization_24ae8d',
      'rds_cpu_utilization_cc0c53',
    ]);
  });
});

describe('InfluxDB health check against a real server', () => {
  it('is ok for the loaded database', async () => {
    expect(await checkInfluxDB(settings)).toEqual({
      ok: true,
      message: `InfluxDB at ${influx.url} is reachable; database "nab" has data`,
    });
  });

  it('is not ok for an unknown database or a wrong password', async () => {
    expect(await checkInfluxDB(settingsWith('nope'))).toEqual({
      ok: false,
      message: 'InfluxDB error: database not found: nope',
    });
    const wrong = await checkInfluxDB(settingsWith('nab', 'wrong-password'));
    expect(wrong.ok).toBe(false);
    expect(wrong.message).toContain('refused the credentials (HTTP 401): authorization failed');
  });
});
