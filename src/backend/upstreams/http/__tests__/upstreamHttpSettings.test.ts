import { LensError } from '../../../errors/LensError';
import {
  DEFAULT_UPSTREAM_LIMITS,
  secretsOf,
  upstreamHttpSettingsFrom,
  upstreamInstanceSettingsFromProtocol,
} from '../upstreamHttpSettings';

describe('upstreamHttpSettingsFrom', () => {
  it('uses defaults when jsonData is empty', () => {
    const s = upstreamHttpSettingsFrom({ url: 'http://prom:9090' }, 'Prometheus');
    expect(s.baseUrl.href).toBe('http://prom:9090/');
    expect(s.timeoutMs).toBe(30_000);
    expect(s.limits).toEqual(DEFAULT_UPSTREAM_LIMITS);
    expect(s.basicAuth).toBeUndefined();
    expect(s.bearerToken).toBeUndefined();
    expect(s.tls).toEqual({ caCert: undefined, skipVerify: false, serverName: undefined });
  });

  it('reads timeout in seconds and the limits from jsonData', () => {
    const s = upstreamHttpSettingsFrom(
      { url: 'https://x', jsonData: { timeout: '5', maxSeries: 10, maxPoints: 100, maxResponseBytes: 2048 } },
      'Prometheus'
    );
    expect(s.timeoutMs).toBe(5000);
    expect(s.limits).toEqual({ maxSeries: 10, maxPoints: 100, maxResponseBytes: 2048 });
  });

  it('uses the CA certificate only when tlsAuthWithCACert is on', () => {
    const off = upstreamHttpSettingsFrom({ url: 'https://x', decryptedSecureJsonData: { tlsCACert: 'PEM' } }, 'P');
    const on = upstreamHttpSettingsFrom(
      { url: 'https://x', jsonData: { tlsAuthWithCACert: true }, decryptedSecureJsonData: { tlsCACert: 'PEM' } },
      'P'
    );
    expect(off.tls.caCert).toBeUndefined();
    expect(on.tls.caCert).toBe('PEM');
  });

  it('uses the client certificate and key only when tlsAuth is on, and lists the key as a secret', () => {
    const secure = { tlsClientCert: 'CERT-PEM', tlsClientKey: 'KEY-PEM-SECRET' };
    const off = upstreamHttpSettingsFrom({ url: 'https://x', decryptedSecureJsonData: secure }, 'P');
    const on = upstreamHttpSettingsFrom(
      { url: 'https://x', jsonData: { tlsAuth: true }, decryptedSecureJsonData: secure },
      'P'
    );
    expect(off.tls).toEqual({ caCert: undefined, skipVerify: false, serverName: undefined });
    expect(on.tls.clientCert).toBe('CERT-PEM');
    expect(on.tls.clientKey).toBe('KEY-PEM-SECRET');
    expect(secretsOf(on)).toContain('KEY-PEM-SECRET');
  });

  it('refuses TLS client authentication without both certificate and key, naming what is missing and no content', () => {
    const attempt = (secure: Record<string, string>) => () =>
      upstreamHttpSettingsFrom({ url: 'https://x', jsonData: { tlsAuth: true }, decryptedSecureJsonData: secure }, 'P');
    expect(attempt({ tlsClientCert: 'CERT-PEM' })).toThrow(
      /^TLS client authentication is on but tlsClientKey is not set; enter the client certificate and key/
    );
    expect(attempt({ tlsClientKey: 'KEY-PEM-SECRET' })).toThrow(/but tlsClientCert is not set/);
    expect(attempt({})).toThrow(/but tlsClientCert and tlsClientKey are not set/);
    expect(attempt({ tlsClientKey: 'KEY-PEM-SECRET' })).not.toThrow(/KEY-PEM-SECRET/);
  });

  it('reads every custom header number in order, gaps and empty names skipped', () => {
    const s = upstreamHttpSettingsFrom(
      {
        url: 'http://x',
        jsonData: {
          httpHeaderName12: 'X-Twelve',
          httpHeaderName3: 'X-Three',
          httpHeaderName1: '',
          httpHeaderNameX: 'no',
        },
        decryptedSecureJsonData: { httpHeaderValue1: 'v1', httpHeaderValue3: 'v3', httpHeaderValue12: 'v12' },
      },
      'P'
    );
    expect(Object.entries(s.headers)).toEqual([
      ['X-Three', 'v3'],
      ['X-Twelve', 'v12'],
    ]);
  });

  it('uses basic auth only when basicAuthEnabled is set', () => {
    const secure = { basicAuthPassword: 'pw' };
    expect(
      upstreamHttpSettingsFrom({ url: 'http://x', basicAuthUser: 'u', decryptedSecureJsonData: secure }, 'P').basicAuth
    ).toBeUndefined();
    expect(
      upstreamHttpSettingsFrom(
        { url: 'http://x', basicAuthEnabled: true, basicAuthUser: 'u', decryptedSecureJsonData: secure },
        'P'
      ).basicAuth
    ).toEqual({ user: 'u', password: 'pw' });
  });

  it.each([
    ['', /not a valid URL/],
    ['ftp://x', /must start with http/],
    ['http://u:p@x', /must not contain credentials/],
    ['http://x/?a=1', /query string/],
  ])('refuses the URL %j', (url, message) => {
    expect(() => upstreamHttpSettingsFrom({ url }, 'Prometheus')).toThrow(message);
  });

  it('refuses invalid limits and header names with config errors', () => {
    const bad = (jsonData: Record<string, unknown>, secure: Record<string, string> = {}) => {
      try {
        upstreamHttpSettingsFrom({ url: 'http://x', jsonData, decryptedSecureJsonData: secure }, 'P');
      } catch (e) {
        expect(e).toBeInstanceOf(LensError);
        expect((e as LensError).kind).toBe('config');
        return (e as Error).message;
      }
      throw new Error('expected a config error');
    };
    expect(bad({ timeout: -1 })).toContain('timeout must be a number of seconds from 0.1 to 3600, got -1');
    expect(bad({ maxSeries: 'many' })).toContain('maxSeries');
    expect(bad({ httpHeaderName1: 'X-A\r\nHost: evil' })).toContain('not a valid HTTP header name');
    expect(bad({ httpHeaderName1: 'X-A' }, { httpHeaderValue1: 'a\r\nb' })).toContain('line break');
  });

  it('accepts a timeout from 0.1 to 3600 s and refuses the rest, naming the range and the default', () => {
    const timeoutMs = (timeout: unknown) =>
      upstreamHttpSettingsFrom({ url: 'http://x', jsonData: { timeout } }, 'P').timeoutMs;
    expect(timeoutMs(0.1)).toBe(100);
    expect(timeoutMs('3600')).toBe(3_600_000);
    expect(timeoutMs(undefined)).toBe(30_000);
    // 1e7 s once overflowed Node's timer into 1 ms; 1e-9 s failed every request.
    for (const timeout of [1e7, 1e-9, 0, 3600.5, 'soon', Infinity]) {
      expect(() => timeoutMs(timeout)).toThrow(
        /^Data source setting timeout must be a number of seconds from 0\.1 to 3600, got .+; correct it in the data source settings or remove it for the default \(30\)$/
      );
    }
  });

  it('lists passwords, tokens and long header values as secrets', () => {
    const s = upstreamHttpSettingsFrom(
      {
        url: 'http://x',
        basicAuthEnabled: true,
        basicAuthUser: 'u',
        jsonData: { httpHeaderName1: 'X-Key', httpHeaderName2: 'X-Org' },
        decryptedSecureJsonData: {
          basicAuthPassword: 'pw',
          bearerToken: 'tok',
          httpHeaderValue1: 'key-abcdef',
          httpHeaderValue2: '1',
        },
      },
      'P'
    );
    expect(secretsOf(s)).toEqual(['pw', Buffer.from('u:pw').toString('base64'), 'tok', 'key-abcdef']);
  });
});

describe('upstreamInstanceSettingsFromProtocol', () => {
  it('decodes jsonData bytes and keeps the top-level fields', () => {
    const s = upstreamInstanceSettingsFromProtocol({
      url: 'http://influx:8086',
      user: 'reader',
      database: 'telegraf',
      basicAuthEnabled: false,
      basicAuthUser: '',
      jsonData: Buffer.from(JSON.stringify({ upstream: 'influxdb', timeout: 5 })),
      decryptedSecureJsonData: { password: 'pw' },
    });
    expect(s).toEqual({
      url: 'http://influx:8086',
      user: 'reader',
      database: 'telegraf',
      basicAuthEnabled: false,
      basicAuthUser: '',
      jsonData: { upstream: 'influxdb', timeout: 5 },
      decryptedSecureJsonData: { password: 'pw' },
    });
  });

  it('treats empty jsonData as no settings and refuses invalid JSON without echoing it', () => {
    expect(upstreamInstanceSettingsFromProtocol({ url: 'http://x', jsonData: Buffer.alloc(0) }).jsonData).toEqual({});
    expect(() => upstreamInstanceSettingsFromProtocol({ url: 'http://x', jsonData: '{"secret": "abc' })).toThrow(
      /^The data source settings \(jsonData\) are not valid JSON$/
    );
  });
});
