import { REDACTED, redactor } from '../../server/redact';
import type { PluginContext } from '../../server/protoTypes';
import { readSettings, registerContextSecrets, registerHeaderSecrets } from '../dataSourceSettings';

const ctx = (jsonData: string, secure: Record<string, string> = {}) =>
  ({
    dataSourceInstanceSettings: {
      name: 'n',
      uid: 'u',
      jsonData: Buffer.from(jsonData),
      decryptedSecureJsonData: secure,
    },
  }) as unknown as PluginContext;

test('readSettings defaults the upstream to demo for empty or absent jsonData', () => {
  expect(readSettings(ctx('')).upstream).toBe('demo');
  expect(readSettings(ctx('{}')).upstream).toBe('demo');
  expect(readSettings(null).upstream).toBe('demo');
  expect(readSettings(ctx('{"upstream":"influxdb"}'))).toMatchObject({ upstream: 'influxdb', name: 'n', uid: 'u' });
  // The instance settings travel along for the Prometheus/InfluxDB clients.
  expect(readSettings(ctx('{"upstream":"influxdb"}')).instance?.uid).toBe('u');
});

test('readSettings rejects broken JSON and unknown upstreams with the fix in the message', () => {
  expect(() => readSettings(ctx('{'))).toThrow(/jsonData\) are not valid JSON/);
  expect(() => readSettings(ctx('{"upstream":"graphite"}'))).toThrow(
    /"graphite"; choose one of demo, prometheus, influxdb/
  );
});

test('readSettings reads Prometheus incremental querying: on with a 10m overlap by default, Grafana names', () => {
  expect(readSettings(ctx('{"upstream":"prometheus"}')).incremental).toEqual({ enabled: true, overlapMs: 600_000 });
  expect(
    readSettings(ctx('{"upstream":"prometheus","incrementalQuerying":false,"incrementalQueryOverlapWindow":"30m"}'))
      .incremental
  ).toEqual({ enabled: false, overlapMs: 1_800_000 });
  expect(readSettings(ctx('{"upstream":"influxdb","incrementalQuerying":"yes"}')).incremental).toBeUndefined();
  expect(() => readSettings(ctx('{"upstream":"prometheus","incrementalQuerying":"yes"}'))).toThrow(
    'the data source setting incrementalQuerying must be true or false, got "yes"; correct it in the data source settings or remove it for the default (true)'
  );
  for (const bad of ['"ten minutes"', '"2d"', '600']) {
    expect(() => readSettings(ctx(`{"upstream":"prometheus","incrementalQueryOverlapWindow":${bad}}`))).toThrow(
      /setting incrementalQueryOverlapWindow must be a duration from 0s to 1d, such as 10m, got/
    );
  }
});

test('readSettings registers no secrets; registerContextSecrets registers decryptedSecureJsonData values', () => {
  readSettings(ctx('{}', { bearerToken: 'ds-secret-bearer-40' }));
  expect(redactor.redactString('x ds-secret-bearer-40 y')).toBe('x ds-secret-bearer-40 y');
  registerContextSecrets(ctx('{}', { bearerToken: 'ds-secret-bearer-41' }));
  expect(redactor.redactString('x ds-secret-bearer-41 y')).toBe(`x ${REDACTED} y`);
});

test('registerHeaderSecrets masks Authorization, Cookie and X-Id-Token values, with and without the http_ prefix', () => {
  registerHeaderSecrets({
    Authorization: 'Bearer hdr-token-1',
    http_Cookie: 'session=hdr-cookie-2',
    'X-Id-Token': 'hdr-id-3',
    'X-Plain': 'visible-4',
  });
  registerHeaderSecrets({ http_Authorization: { values: ['Basic aGRyLWJhc2ljLTU='] } });
  const text = redactor.redactString('hdr-token-1 session=hdr-cookie-2 hdr-id-3 visible-4 aGRyLWJhc2ljLTU=');
  expect(text).toBe(`${REDACTED} ${REDACTED} ${REDACTED} visible-4 ${REDACTED}`);
});

test('registerContextSecrets registers the base64 basic-auth credentials, the form an echoed Authorization header takes', () => {
  const password = 'basic-pass-Lm27';
  registerContextSecrets({
    dataSourceInstanceSettings: { basicAuthUser: 'lens', decryptedSecureJsonData: { basicAuthPassword: password } },
  } as unknown as PluginContext);
  const encoded = Buffer.from(`lens:${password}`).toString('base64');
  expect(redactor.redactString(`echo: ${encoded}`)).toBe(`echo: ${REDACTED}`);
});
