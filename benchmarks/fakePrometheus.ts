/**
 * A Prometheus-compatible fake upstream on loopback for the benchmarks: answers `query_range` (GET or POST) with
 * the body `answer` gives for the series count in the path (`/n<count>/api/v1/query_range`) and the range asked.
 * The caller pre-builds or caches the bodies, so the upstream costs next to nothing in the measurements.
 */
import * as http from 'node:http';

export function startFakePrometheus(
  answer: (count: number, startMs: number, endMs: number) => Buffer
): Promise<http.Server> {
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://x');
      const params = new URLSearchParams(req.method === 'POST' ? Buffer.concat(chunks).toString() : url.search);
      const count = Number(url.pathname.split('/')[1].slice(1));
      const body = answer(count, Number(params.get('start')) * 1000, Number(params.get('end')) * 1000);
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': body.length });
      res.end(body);
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}
