/**
 * A tiny fake upstream on 127.0.0.1:<free port> (`node:http`) for client tests: each test sets the handler,
 * and every request is recorded (method, path, query, form body, headers). Our own test helper.
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  body: string;
  /** Form body parsed (empty for GET). */
  form: URLSearchParams;
  headers: http.IncomingHttpHeaders;
}

export type FakeHandler = (req: RecordedRequest, res: http.ServerResponse) => void;

export interface FakeUpstream {
  url: string;
  port: number;
  requests: RecordedRequest[];
  handle(handler: FakeHandler): void;
  close(): Promise<void>;
}

export async function startFakeUpstream(): Promise<FakeUpstream> {
  let handler: FakeHandler = (_req, res) => {
    res.writeHead(404).end();
  };
  const requests: RecordedRequest[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const body = Buffer.concat(chunks).toString('utf8');
      const rec: RecordedRequest = {
        method: req.method ?? '',
        path: url.pathname,
        query: url.searchParams,
        body,
        form: new URLSearchParams(req.method === 'POST' ? body : ''),
        headers: req.headers,
      };
      requests.push(rec);
      try {
        handler(rec, res);
      } catch (e) {
        res.writeHead(599).end(String(e));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    handle(h) {
      handler = h;
    },
    close() {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * One fake upstream for a whole test file: started before all its tests, its recorded requests cleared before each
 * test, closed after all. Call at the top level of the file; the returned object reads through to the running fake,
 * so use it inside tests and hooks only.
 */
export function fakeUpstreamPerFile(): FakeUpstream {
  let started: FakeUpstream | undefined;
  beforeAll(async () => {
    started = await startFakeUpstream();
  });
  afterAll(() => started?.close());
  beforeEach(() => {
    running().requests.length = 0;
  });
  const running = (): FakeUpstream => {
    if (started === undefined) {
      throw new Error(
        'the fake upstream runs only inside tests and hooks of the file that called fakeUpstreamPerFile()'
      );
    }
    return started;
  };
  return {
    get url() {
      return running().url;
    },
    get port() {
      return running().port;
    },
    get requests() {
      return running().requests;
    },
    handle: (handler) => running().handle(handler),
    close: () => running().close(),
  };
}

/** Answers JSON with a status. */
export function json(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

/** A port with nothing listening (bound, read, released). */
export async function closedPort(): Promise<number> {
  const s = http.createServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  const port = (s.address() as AddressInfo).port;
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return port;
}
