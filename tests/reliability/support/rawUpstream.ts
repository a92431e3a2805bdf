/**
 * A fake upstream on 127.0.0.1:<free port> built on `node:net`, so a test controls every byte and every timing:
 * refuse, reset mid-response (TCP RST), hold the headers back, trickle the body, send a truncated body, a wrong
 * content type, or bytes that are not HTTP at all. Each accepted connection is recorded (first request line and
 * headers), so tests can also prove which host the backend contacted. Our own test helper.
 */
import * as net from 'node:net';

export interface RawRequest {
  /** e.g. `POST /api/v1/query_range HTTP/1.1` */
  requestLine: string;
  headers: Record<string, string>;
  /** Everything received on the connection so far (head and body). */
  raw: string;
}

/** What to do with one connection once its request head has arrived. */
export type RawBehaviour = (socket: net.Socket, req: RawRequest) => void;

export interface RawUpstream {
  url: string;
  port: number;
  requests: RawRequest[];
  behave(b: RawBehaviour): void;
  close(): Promise<void>;
}

export async function startRawUpstream(): Promise<RawUpstream> {
  let behaviour: RawBehaviour = (s) => s.end(httpResponse(404, 'text/plain', 'not found'));
  const requests: RawRequest[] = [];
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    let buffered = '';
    let handled = false;
    socket.on('data', (d) => {
      buffered += d.toString('latin1');
      const end = buffered.indexOf('\r\n\r\n');
      if (handled || end < 0) {
        return;
      }
      const head = buffered.slice(0, end).split('\r\n');
      const declared = /\r\ncontent-length:\s*(\d+)/i.exec(buffered.slice(0, end + 2));
      if (declared && buffered.length - end - 4 < Number(declared[1])) {
        return; // wait for the whole form body
      }
      handled = true;
      const headers: Record<string, string> = {};
      for (const line of head.slice(1)) {
        const i = line.indexOf(':');
        headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
      }
      const req = { requestLine: head[0], headers, raw: buffered };
      requests.push(req);
      behaviour(socket, req);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    behave(b) {
      behaviour = b;
    },
    close() {
      for (const s of sockets) {
        s.destroy();
      }
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A complete HTTP/1.1 response with Content-Length. */
export function httpResponse(status: number, contentType: string | undefined, body: string, extra = ''): string {
  const type = contentType === undefined ? '' : `Content-Type: ${contentType}\r\n`;
  return (
    `HTTP/1.1 ${status} X\r\n${type}Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n${extra}\r\n` +
    body
  );
}

/** A port nothing listens on (bound, read, released). */
export async function refusedPort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  const port = (s.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return port;
}

/** A valid Prometheus query_range answer for one series on a 1 s grid starting at `startMs`. */
export function promMatrix(startMs: number, points: number): string {
  return JSON.stringify({
    status: 'success',
    data: {
      resultType: 'matrix',
      result: [
        {
          metric: { __name__: 'up', job: 'fake' },
          values: Array.from({ length: points }, (_, k) => [(startMs + k * 1000) / 1000, String(k)]),
        },
      ],
    },
  });
}

/**
 * A valid Prometheus query_range answer of `series` series × `points` samples on a `stepMs` grid from `startMs`
 * (must be a multiple of `stepMs`, as the backend asks): the big answers of the memory tests.
 */
export function promSeriesMatrix(series: number, points: number, startMs: number, stepMs: number): string {
  const values = Array.from({ length: points }, (_, k) => `[${(startMs + k * stepMs) / 1000},"${(k % 97) / 7}"]`);
  const joined = values.join(',');
  const result = Array.from(
    { length: series },
    (_, i) => `{"metric":{"__name__":"big","i":"${i}"},"values":[${joined}]}`
  );
  return `{"status":"success","data":{"resultType":"matrix","result":[${result.join(',')}]}}`;
}
