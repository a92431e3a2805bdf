import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { PluginContext } from '../../server/protoTypes';
import { checkUpstream } from '../checkUpstream';

const ctx = (jsonData: object, url = '', secure: Record<string, string> = {}) =>
  ({
    dataSourceInstanceSettings: {
      uid: 'u',
      name: 'n',
      url,
      jsonData: Buffer.from(JSON.stringify(jsonData)),
      decryptedSecureJsonData: secure,
    },
  }) as unknown as PluginContext;

let server: http.Server;
let url: string;
beforeAll(async () => {
  server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ status: 'success', data: { resultType: 'scalar', result: [1, '2'] } }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

test('checkUpstream reports the demo upstream as working', async () => {
  const r = await checkUpstream(ctx({ upstream: 'demo' }));
  expect(r.ok).toBe(true);
  expect(r.message).toMatch(/Demo upstream is working/);
});

test('checkUpstream runs the Prometheus check against the configured URL', async () => {
  const r = await checkUpstream(ctx({ upstream: 'prometheus' }, url));
  expect(r).toMatchObject({ ok: true, details: { upstream: 'prometheus' } });
  expect(r.message).toMatch(/Prometheus .* answers PromQL/);
});

test('checkUpstream names the configured Prometheus type and version, and sends the custom parameters', async () => {
  const r = await checkUpstream(
    ctx(
      {
        upstream: 'prometheus',
        prometheusType: 'Thanos',
        prometheusVersion: '0.35.0',
        customQueryParameters: 'dedup=true',
      },
      url
    )
  );
  expect(r.ok).toBe(true);
  expect(r.message).toMatch(/^Thanos at http:\/\/127\.0\.0\.1:\d+ is reachable .* \(configured as version 0\.35\.0\)$/);
  const bad = await checkUpstream(ctx({ upstream: 'prometheus', customQueryParameters: 'query=1' }, url));
  expect(bad.ok).toBe(false);
  expect(bad.message).toMatch(/customQueryParameters may not set "query"/);
});

test('checkUpstream reports unusable upstream settings as ERROR with the setting named, never a secret', async () => {
  const noDb = await checkUpstream(ctx({ upstream: 'influxdb' }, url, { password: 's3cret-value' }));
  expect(noDb.ok).toBe(false);
  expect(noDb.message).toMatch(/database/);
  expect(noDb.message).not.toContain('s3cret-value');
  const noUrl = await checkUpstream(ctx({ upstream: 'prometheus' }));
  expect(noUrl.ok).toBe(false);
  expect(noUrl.message).toMatch(/URL/i);
});

test('checkUpstream ("Save & test") reports an unusable limit setting by name', async () => {
  const r = await checkUpstream(ctx({ upstream: 'demo', maxQueriesPerRequest: 0 }));
  expect(r.ok).toBe(false);
  expect(r.message).toMatch(/^The data source setting maxQueriesPerRequest must be a whole number ≥ 1, got 0/);
});
