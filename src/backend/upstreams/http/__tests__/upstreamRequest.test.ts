import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as https from 'node:https';
import * as os from 'node:os';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import type { AddressInfo } from 'node:net';

import {
  closedPort,
  fakeUpstreamPerFile,
  json,
  startFakeUpstream,
} from '../../../../../tests/integration/helpers/fakeUpstream';
import { failure } from '../../__tests__/failure';
import { upstreamHttpSettingsFrom, type UpstreamInstanceSettings } from '../upstreamHttpSettings';
import { upstreamRequest, upstreamUrl } from '../upstreamRequest';

function settings(url: string, extra: Partial<UpstreamInstanceSettings> = {}) {
  return upstreamHttpSettingsFrom({ url, ...extra }, 'Prometheus');
}

const fake = fakeUpstreamPerFile();

describe('upstreamRequest', () => {
  it('sends GET parameters in the query string and keeps the base path prefix', async () => {
    fake.handle((_req, res) => json(res, 200, { ok: true }));
    const res = await upstreamRequest(
      { method: 'GET', path: '/api/v1/labels', params: [['match[]', 'up{job="a b"}']] },
      settings(`${fake.url}/prom/`)
    );
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toEqual({ ok: true });
    expect(fake.requests[0].method).toBe('GET');
    expect(fake.requests[0].path).toBe('/prom/api/v1/labels');
    expect(fake.requests[0].query.getAll('match[]')).toEqual(['up{job="a b"}']);
  });

  it('sends POST parameters as a form body', async () => {
    fake.handle((_req, res) => json(res, 200, {}));
    await upstreamRequest(
      {
        method: 'POST',
        path: '/api/v1/query_range',
        params: [
          ['query', 'a+b & c'],
          ['step', '15'],
        ],
      },
      settings(fake.url)
    );
    const r = fake.requests[0];
    expect(r.method).toBe('POST');
    expect(r.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(r.form.get('query')).toBe('a+b & c');
    expect(r.form.get('step')).toBe('15');
    expect([...r.query.keys()]).toEqual([]);
  });

  it('sends basic auth, bearer token and custom headers from the settings', async () => {
    fake.handle((_req, res) => json(res, 200, {}));
    await upstreamRequest(
      { method: 'GET', path: '/x' },
      settings(fake.url, {
        basicAuthEnabled: true,
        basicAuthUser: 'alice',
        jsonData: { httpHeaderName1: 'X-Scope-OrgID', httpHeaderName2: 'X-Other' },
        decryptedSecureJsonData: { basicAuthPassword: 's3cret', httpHeaderValue1: 'tenant-1', httpHeaderValue2: 'v2' },
      })
    );
    await upstreamRequest(
      { method: 'GET', path: '/x' },
      settings(fake.url, { decryptedSecureJsonData: { bearerToken: 'tok-123' } })
    );
    expect(fake.requests[0].headers.authorization).toBe('Basic ' + Buffer.from('alice:s3cret').toString('base64'));
    expect(fake.requests[0].headers['x-scope-orgid']).toBe('tenant-1');
    expect(fake.requests[0].headers['x-other']).toBe('v2');
    expect(fake.requests[1].headers.authorization).toBe('Bearer tok-123');
  });

  it('returns non-2xx answers to the caller instead of throwing', async () => {
    fake.handle((_req, res) => res.writeHead(500).end('boom'));
    const res = await upstreamRequest({ method: 'GET', path: '/x' }, settings(fake.url));
    expect(res).toMatchObject({ status: 500, body: 'boom' });
  });

  it('does not follow a redirect: a 502 naming it, and nothing sent to the new address', async () => {
    const other = await startFakeUpstream();
    try {
      fake.handle((_req, res) => res.writeHead(302, { Location: `${other.url}/elsewhere` }).end());
      const e = await failure(upstreamRequest({ method: 'GET', path: '/x' }, settings(fake.url)));
      expect(e).toMatchObject({ kind: 'http', status: 502, errorSource: 'downstream' });
      expect(e.message).toBe(
        `Prometheus at ${fake.url} answered HTTP 302, a redirect to "${other.url}/elsewhere"; redirects are not ` +
          `followed: set the data source URL to the address that answers (behind a proxy, the URL the proxy ` +
          `forwards without redirecting)`
      );
      expect(other.requests).toHaveLength(0);
      fake.handle((_req, res) => res.writeHead(307).end());
      expect((await failure(upstreamRequest({ method: 'GET', path: '/x' }, settings(fake.url)))).message).toMatch(
        /answered HTTP 307, a redirect; redirects are not followed/
      );
    } finally {
      await other.close();
    }
  });

  it('says connection refused when nothing listens', async () => {
    const port = await closedPort();
    const e = await failure(upstreamRequest({ method: 'GET', path: '/x' }, settings(`http://127.0.0.1:${port}`)));
    expect(e.kind).toBe('unreachable');
    expect(e.status).toBe(502);
    expect(e.errorSource).toBe('downstream');
    expect(e.message).toContain(`Prometheus at http://127.0.0.1:${port} is unreachable: connection refused`);
  });

  it('times out a slow upstream with the configured timeout', async () => {
    fake.handle((_req, res) => {
      setTimeout(() => json(res, 200, {}), 2000).unref();
    });
    const s = settings(fake.url);
    s.timeoutMs = 150;
    const e = await failure(upstreamRequest({ method: 'GET', path: '/slow' }, s));
    expect(e.kind).toBe('timeout');
    expect(e.status).toBe(504);
    expect(e.message).toContain('did not answer within 150 ms');
  });

  it('stops when the caller aborts', async () => {
    fake.handle((_req, res) => {
      setTimeout(() => json(res, 200, {}), 2000).unref();
    });
    const ac = new AbortController();
    const p = upstreamRequest({ method: 'GET', path: '/slow' }, settings(fake.url), { signal: ac.signal });
    setTimeout(() => ac.abort(), 50);
    const e = await failure(p);
    expect(e.kind).toBe('cancelled');
    const pre = new AbortController();
    pre.abort();
    expect(
      (await failure(upstreamRequest({ method: 'GET', path: '/x' }, settings(fake.url), { signal: pre.signal }))).kind
    ).toBe('cancelled');
  });

  it('refuses a declared Content-Length over the byte limit', async () => {
    fake.handle((_req, res) => json(res, 200, { data: 'x'.repeat(5000) }));
    const s = settings(fake.url);
    s.limits.maxResponseBytes = 1000;
    const e = await failure(upstreamRequest({ method: 'GET', path: '/big' }, s));
    expect(e.kind).toBe('limit');
    expect(e.message).toContain('larger than the 1000 byte limit (maxResponseBytes)');
  });

  it('stops reading a chunked body as soon as it passes the byte limit', async () => {
    let serverSawClose = false;
    let written = 0;
    fake.handle((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.on('close', () => {
        serverSawClose = true;
      });
      const tick = () => {
        if (res.destroyed || written >= 200) {
          res.end();
          return;
        }
        res.write('x'.repeat(1024));
        written++;
        setTimeout(tick, 5);
      };
      tick();
    });
    const s = settings(fake.url);
    s.limits.maxResponseBytes = 10 * 1024;
    const e = await failure(upstreamRequest({ method: 'GET', path: '/stream' }, s));
    expect(e.kind).toBe('limit');
    await new Promise((r) => setTimeout(r, 50));
    expect(serverSawClose).toBe(true);
    // The server was cut off long before its 200 chunks.
    expect(written).toBeLessThan(100);
  });

  it('asks for gzip and decompresses a gzip body', async () => {
    const text = JSON.stringify({ data: 'abc'.repeat(1000) });
    fake.handle((_req, res) => {
      const gz = zlib.gzipSync(text);
      res.writeHead(200, {
        'Content-Type': 'application/json',
        'Content-Encoding': 'gzip',
        'Content-Length': gz.length,
      });
      res.end(gz);
    });
    const res = await upstreamRequest({ method: 'GET', path: '/gz' }, settings(fake.url));
    expect(fake.requests[0].headers['accept-encoding']).toBe('gzip');
    expect(res.body).toBe(text);
  });

  it('applies the byte limit to the decompressed size, so a small gzip body cannot expand unchecked', async () => {
    const gz = zlib.gzipSync(Buffer.alloc(5 * 1024 * 1024, 0x20)); // 5 MiB of spaces, ~5 KiB compressed
    fake.handle((_req, res) => {
      res.writeHead(200, { 'Content-Encoding': 'gzip', 'Content-Length': gz.length });
      res.end(gz);
    });
    const s = settings(fake.url);
    s.limits.maxResponseBytes = 64 * 1024;
    expect(gz.length).toBeLessThan(s.limits.maxResponseBytes);
    const e = await failure(upstreamRequest({ method: 'GET', path: '/bomb' }, s));
    expect(e.message).toContain('larger than the 65536 byte limit');
  });

  it('reports a corrupt gzip body and an unknown encoding', async () => {
    fake.handle((_req, res) => res.writeHead(200, { 'Content-Encoding': 'gzip' }).end('not gzip at all'));
    expect((await failure(upstreamRequest({ method: 'GET', path: '/x' }, settings(fake.url)))).message).toContain(
      'sent a gzip body that could not be decompressed'
    );
    fake.handle((_req, res) => res.writeHead(200, { 'Content-Encoding': 'br' }).end('xx'));
    expect((await failure(upstreamRequest({ method: 'GET', path: '/x' }, settings(fake.url)))).message).toContain(
      'sent an unsupported Content-Encoding "br"'
    );
  });

  it('refuses API paths that could leave the base URL', () => {
    const s = settings('http://127.0.0.1:9090/prefix');
    expect(upstreamUrl(s, '/api/v1/labels').href).toBe('http://127.0.0.1:9090/prefix/api/v1/labels');
    for (const bad of ['api/v1', '/../admin', '/a?x=1', '/a#f', '/a/./b']) {
      expect(() => upstreamUrl(s, bad)).toThrow(/Invalid upstream API path/);
    }
    // A path that looks like a host stays on the configured origin.
    expect(upstreamUrl(s, '//evil.example/x').origin).toBe('http://127.0.0.1:9090');
  });
});

describe('upstreamRequest connections', () => {
  /** A server that counts connections and lets each test decide, per request, from its number on its socket. */
  async function countingServer(
    onRequest: (nthOnSocket: number, req: http.IncomingMessage, res: http.ServerResponse) => void
  ) {
    const perSocket = new WeakMap<object, number>();
    let connections = 0;
    const server = http.createServer((req, res) => {
      const n = (perSocket.get(req.socket) ?? 0) + 1;
      perSocket.set(req.socket, n);
      req.resume();
      req.on('end', () => onRequest(n, req, res));
    });
    server.on('connection', () => connections++);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return {
      url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      connections: () => connections,
      close: () => {
        server.closeAllConnections();
        return new Promise<void>((resolve) => server.close(() => resolve()));
      },
    };
  }
  const ok = (res: http.ServerResponse) => json(res, 200, { ok: true });

  it('keeps the connection alive: requests in a row share one', async () => {
    const server = await countingServer((_n, _req, res) => ok(res));
    try {
      const s = settings(server.url);
      for (let i = 0; i < 5; i++) {
        expect((await upstreamRequest({ method: 'POST', path: '/q', params: [['i', String(i)]] }, s)).status).toBe(200);
      }
      expect(server.connections()).toBe(1);
    } finally {
      await server.close();
    }
  });

  it('sends once more on a new connection when the server drops the reused one unanswered', async () => {
    // Every connection answers its first request and is cut at its second: the keep-alive race, made certain.
    const server = await countingServer((n, req, res) => (n === 1 ? ok(res) : req.socket.destroy()));
    try {
      const s = settings(server.url);
      expect((await upstreamRequest({ method: 'GET', path: '/a' }, s)).status).toBe(200);
      expect((await upstreamRequest({ method: 'GET', path: '/b' }, s)).status).toBe(200);
      expect(server.connections()).toBe(2);
    } finally {
      await server.close();
    }
  });

  it('does not resend when a new connection is cut: the error says what happened', async () => {
    const server = await countingServer((_n, req) => req.socket.destroy());
    try {
      const e = await failure(upstreamRequest({ method: 'GET', path: '/a' }, settings(server.url)));
      expect(e.message).toMatch(/^Request to Prometheus at http:\/\/127\.0\.0\.1:\d+ failed: socket hang up/);
      expect(e.status).toBe(502);
      expect(server.connections()).toBe(1);
    } finally {
      await server.close();
    }
  });
});

/**
 * A self-signed certificate for CN=<name> made with openssl in `dir`: `<name>-key.pem` beside it; returns the
 * certificate's PEM text.
 */
function selfSignedCertificate(dir: string, name: string, extra: string[] = []): string {
  const r = spawnSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '2',
      '-subj',
      `/CN=${name}`,
      ...extra,
      '-keyout',
      path.join(dir, `${name}-key.pem`),
      '-out',
      path.join(dir, `${name}.pem`),
    ],
    { encoding: 'utf8' }
  );
  if (r.status !== 0) {
    throw new Error(`openssl could not create a test certificate: ${r.stderr}`);
  }
  return fs.readFileSync(path.join(dir, `${name}.pem`), 'utf8');
}

/** Starts a test HTTPS server on a free loopback port; returns its URL. */
async function listenOnLoopback(server: https.Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** Stops a test server and removes its certificate folder. */
async function closeServer(server: https.Server, dir: string): Promise<void> {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  fs.rmSync(dir, { recursive: true, force: true });
}

describe('upstreamRequest over TLS', () => {
  let dir: string;
  let server: https.Server;
  let url: string;
  let cert: string;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lens-tls-'));
    cert = selfSignedCertificate(dir, 'server', ['-addext', 'subjectAltName=IP:127.0.0.1']);
    server = https.createServer({ key: fs.readFileSync(path.join(dir, 'server-key.pem')), cert }, (_req, res) =>
      json(res, 200, { tls: true })
    );
    url = await listenOnLoopback(server);
  });
  afterAll(() => closeServer(server, dir));

  it('rejects an unknown certificate with a TLS error naming the settings', async () => {
    const e = await failure(upstreamRequest({ method: 'GET', path: '/x' }, settings(url)));
    expect(e.message).toMatch(
      /TLS connection to Prometheus at https:\/\/127\.0\.0\.1:\d+ failed: .*check the CA certificate or skip-verify/
    );
  });

  it('trusts a custom CA certificate', async () => {
    const s = settings(url, { jsonData: { tlsAuthWithCACert: true }, decryptedSecureJsonData: { tlsCACert: cert } });
    expect((await upstreamRequest({ method: 'GET', path: '/x' }, s)).body).toBe('{"tls":true}');
  });

  it('accepts any certificate with skip-verify', async () => {
    const s = settings(url, { jsonData: { tlsSkipVerify: true } });
    expect((await upstreamRequest({ method: 'GET', path: '/x' }, s)).status).toBe(200);
  });

  it('never lends a kept-alive connection to a data source with other TLS settings', async () => {
    // Same server: a skip-verify source leaves a live connection in the pool; a verifying source must not use it.
    const lax = settings(url, { jsonData: { tlsSkipVerify: true } });
    expect((await upstreamRequest({ method: 'GET', path: '/x' }, lax)).status).toBe(200);
    const e = await failure(upstreamRequest({ method: 'GET', path: '/x' }, settings(url)));
    expect(e.message).toMatch(/TLS connection to Prometheus .* failed/);
    expect((await upstreamRequest({ method: 'GET', path: '/x' }, lax)).status).toBe(200);
  });
});

describe('upstreamRequest with TLS client authentication', () => {
  let dir: string;
  let server: https.Server;
  let url: string;
  let serverCert: string;
  let clientCert: string;
  let clientKey: string;
  let otherCert: string;
  let otherKey: string;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lens-mtls-'));
    serverCert = selfSignedCertificate(dir, 'upstream', ['-addext', 'subjectAltName=DNS:upstream.test']);
    clientCert = selfSignedCertificate(dir, 'lens-client');
    clientKey = fs.readFileSync(path.join(dir, 'lens-client-key.pem'), 'utf8');
    otherCert = selfSignedCertificate(dir, 'stranger');
    otherKey = fs.readFileSync(path.join(dir, 'stranger-key.pem'), 'utf8');
    // The server accepts only clients whose certificate it trusts, and answers with the client's CN.
    server = https.createServer(
      {
        key: fs.readFileSync(path.join(dir, 'upstream-key.pem')),
        cert: serverCert,
        ca: clientCert,
        requestCert: true,
        rejectUnauthorized: true,
      },
      (req, res) => {
        const peer = (req.socket as import('node:tls').TLSSocket).getPeerCertificate();
        json(res, 200, { client: peer.subject?.CN });
      }
    );
    url = await listenOnLoopback(server);
  });
  afterAll(() => closeServer(server, dir));

  // The server's certificate names upstream.test, not 127.0.0.1: the server name setting makes it verify.
  const pinned = { tlsAuthWithCACert: true, serverName: 'upstream.test' };

  it('sends the client certificate, verifying the server against the pinned CA under the server name', async () => {
    const s = settings(url, {
      jsonData: { ...pinned, tlsAuth: true },
      decryptedSecureJsonData: { tlsCACert: serverCert, tlsClientCert: clientCert, tlsClientKey: clientKey },
    });
    expect(JSON.parse((await upstreamRequest({ method: 'GET', path: '/x' }, s)).body)).toEqual({
      client: 'lens-client',
    });
  });

  it('fails without the server name, since the certificate does not name the address', async () => {
    const s = settings(url, {
      jsonData: { tlsAuthWithCACert: true, tlsAuth: true },
      decryptedSecureJsonData: { tlsCACert: serverCert, tlsClientCert: clientCert, tlsClientKey: clientKey },
    });
    const e = await failure(upstreamRequest({ method: 'GET', path: '/x' }, s));
    expect(e.message).toMatch(/TLS connection to Prometheus .* failed: .*(altnames|IP|not in the cert)/i);
  });

  it('is refused by the server without a client certificate or with one it does not trust', async () => {
    const none = settings(url, { jsonData: pinned, decryptedSecureJsonData: { tlsCACert: serverCert } });
    const stranger = settings(url, {
      jsonData: { ...pinned, tlsAuth: true },
      decryptedSecureJsonData: { tlsCACert: serverCert, tlsClientCert: otherCert, tlsClientKey: otherKey },
    });
    for (const s of [none, stranger]) {
      const e = await failure(upstreamRequest({ method: 'GET', path: '/x' }, s));
      expect(e.message).toMatch(/^(TLS connection to|Request to|Prometheus at) .*127\.0\.0\.1/);
      expect(e.message).not.toContain('PRIVATE KEY');
    }
  });

  it('reports a client key that is not PEM as a settings error that holds no key text', async () => {
    const s = settings(url, {
      jsonData: { ...pinned, tlsAuth: true },
      decryptedSecureJsonData: { tlsCACert: serverCert, tlsClientCert: clientCert, tlsClientKey: 'not-a-key-secret' },
    });
    const e = await failure(upstreamRequest({ method: 'GET', path: '/x' }, s));
    expect(e.kind).toBe('config');
    expect(e.message).toMatch(/^TLS settings for Prometheus at https:\/\/127\.0\.0\.1:\d+ could not be used: /);
    expect(e.message).not.toContain('not-a-key-secret');
    expect(e.message).not.toContain('BEGIN');
  });
});
