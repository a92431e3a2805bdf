/**
 * Upstream faults seen by the Prometheus client (queryRange, label look-ups, health check) from a byte-level fake
 * on 127.0.0.1 (tests/reliability/support/rawUpstream.ts): refused, reset mid-response, slow headers, slow body,
 * 4xx/5xx with and without bodies, malformed and truncated JSON, over the byte limit (declared and chunked), wrong
 * content type, not HTTP at all. Each must reject with one LensError (a clear message naming the upstream, a
 * 4xx/5xx status, errorSource downstream) within the configured timeout plus a small margin, and the next request
 * must succeed. The through-the-executable half of this check lives in `executableSurvives.test.ts`.
 */
import fc from 'fast-check';
import type * as net from 'node:net';

import { LensError } from '../../src/backend/errors/LensError';
import { checkPrometheus } from '../../src/backend/upstreams/prometheus/checkPrometheus';
import { labelValues } from '../../src/backend/upstreams/prometheus/prometheusResources';
import { prometheusSettingsFrom } from '../../src/backend/upstreams/prometheus/prometheusSettings';
import { queryRange } from '../../src/backend/upstreams/prometheus/queryRange';
import { FUZZ_SEED, fuzzCasesOverGrpc } from '../fuzz/support/fuzzBudget';
import { httpResponse, promMatrix, refusedPort, startRawUpstream, type RawUpstream } from './support/rawUpstream';

const T0 = 1_699_999_980_000;
/** The data source timeout used here (jsonData.timeout, seconds) and the slack allowed past it. */
const TIMEOUT_S = 1;
const SLACK_MS = 1500;

let fake: RawUpstream;
beforeAll(async () => {
  fake = await startRawUpstream();
});
afterAll(async () => {
  await fake.close();
});

const settings = (url: string, jsonData: Record<string, unknown> = {}) =>
  prometheusSettingsFrom({ url, jsonData: { timeout: TIMEOUT_S, ...jsonData } });

const runAnalysis = (url: string, jsonData?: Record<string, unknown>) =>
  queryRange({ expr: 'up', fromMs: T0, toMs: T0 + 59_000, stepMs: 1000 }, settings(url, jsonData));

/** Answers after `ms`, cleaning up if the client has gone. */
function later(socket: net.Socket, ms: number, fn: () => void): void {
  const t = setTimeout(() => !socket.destroyed && fn(), ms);
  socket.on('close', () => clearTimeout(t));
}

interface Fault {
  name: string;
  behave: Parameters<RawUpstream['behave']>[0];
  /** Extra jsonData for this case (e.g. a small byte limit). */
  jsonData?: Record<string, unknown>;
  kind: LensError['kind'];
  /** The message must match this. */
  says: RegExp;
}

const FAULTS: Fault[] = [
  {
    name: 'reset mid-response (TCP RST after half the body)',
    behave: (s) => {
      const full = httpResponse(200, 'application/json', promMatrix(T0, 60));
      s.write(full.slice(0, Math.floor(full.length / 2)), () => s.resetAndDestroy());
    },
    kind: 'unreachable',
    says: /Prometheus at http:\/\/127\.0\.0\.1:\d+ .*(closed the connection|ECONNRESET|socket hang up|aborted)/i,
  },
  {
    name: 'reset before any byte',
    behave: (s) => s.resetAndDestroy(),
    kind: 'unreachable',
    says: /Prometheus at http:\/\/127\.0\.0\.1:\d+/,
  },
  {
    name: 'slow headers (nothing for longer than the timeout)',
    behave: (s) =>
      later(s, TIMEOUT_S * 1000 + 2000, () => s.end(httpResponse(200, 'application/json', promMatrix(T0, 60)))),
    kind: 'timeout',
    says: /did not answer within 1 s \(timeout setting\)/,
  },
  {
    name: 'slow body (headers at once, then one byte every 200 ms)',
    behave: (s) => {
      const body = promMatrix(T0, 60);
      s.write(`HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`);
      let i = 0;
      const tick = setInterval(() => (s.destroyed ? clearInterval(tick) : s.write(body[i++] ?? '')), 200);
      s.on('close', () => clearInterval(tick));
    },
    kind: 'timeout',
    says: /did not answer within 1 s/,
  },
  {
    name: 'HTTP 400 with a Prometheus error body',
    behave: (s) =>
      s.end(
        httpResponse(
          400,
          'application/json',
          '{"status":"error","errorType":"bad_data","error":"parse error at char 3"}'
        )
      ),
    kind: 'query',
    says: /Prometheus error \(bad_data\): parse error at char 3/,
  },
  {
    name: 'HTTP 404 without a body',
    behave: (s) => s.end(httpResponse(404, undefined, '')),
    kind: 'http',
    says: /answered HTTP 404 with an empty body/,
  },
  {
    name: 'HTTP 401 with a text body',
    behave: (s) => s.end(httpResponse(401, 'text/plain', 'unauthorised')),
    kind: 'auth',
    says: /refused the credentials \(HTTP 401\)/,
  },
  {
    name: 'HTTP 503 with an HTML body',
    behave: (s) => s.end(httpResponse(503, 'text/html', '<html><body><h1>503 Service Unavailable</h1></body></html>')),
    kind: 'http',
    says: /answered HTTP 503: <html>/,
  },
  {
    name: 'HTTP 500 without a body',
    behave: (s) => s.end(httpResponse(500, undefined, '')),
    kind: 'http',
    says: /answered HTTP 500 with an empty body/,
  },
  {
    name: 'malformed JSON',
    behave: (s) => s.end(httpResponse(200, 'application/json', '{"status":"success","data":{resultType:matrix}}')),
    kind: 'malformed',
    says: /not valid JSON/,
  },
  {
    name: 'truncated JSON (complete HTTP message, body cut short)',
    behave: (s) => s.end(httpResponse(200, 'application/json', promMatrix(T0, 60).slice(0, 200))),
    kind: 'malformed',
    says: /not valid JSON/,
  },
  {
    name: 'body shorter than its Content-Length, then close',
    behave: (s) => {
      const body = promMatrix(T0, 60);
      s.end(
        `HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body.slice(0, 100)}`
      );
    },
    kind: 'unreachable',
    says: /closed the connection before the response was complete|aborted|socket hang up/i,
  },
  {
    name: 'wrong content type (a web page with HTTP 200)',
    behave: (s) => s.end(httpResponse(200, 'text/html', '<!doctype html><title>Login</title>')),
    kind: 'malformed',
    says: /not valid JSON \(HTTP 200\): <!doctype html>/,
  },
  {
    name: 'valid JSON that is not a Prometheus answer',
    behave: (s) => s.end(httpResponse(200, 'application/json', '{"hello":"world"}')),
    kind: 'malformed',
    says: /unexpected response/,
  },
  {
    name: 'larger than maxResponseBytes (declared)',
    behave: (s) => s.end(httpResponse(200, 'application/json', promMatrix(T0, 60))),
    jsonData: { maxResponseBytes: 1024 },
    kind: 'limit',
    says: /larger than the 1024 byte limit \(maxResponseBytes\)/,
  },
  {
    name: 'larger than maxResponseBytes (chunked, no length, never ends)',
    behave: (s) => {
      s.write('HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n');
      const chunk = 'x'.repeat(4096);
      const pump = () => {
        while (!s.destroyed && s.write(`${chunk.length.toString(16)}\r\n${chunk}\r\n`)) {
          // fill the socket buffer, then wait for drain
        }
      };
      s.on('drain', pump);
      pump();
    },
    jsonData: { maxResponseBytes: 64 * 1024 },
    kind: 'limit',
    says: /larger than the 65536 byte limit/,
  },
  {
    name: 'not HTTP at all',
    behave: (s) => s.end('SSH-2.0-OpenSSH_9.2\r\n'),
    kind: 'unreachable',
    says: /Prometheus at http:\/\/127\.0\.0\.1:\d+/,
  },
];

async function expectClearFailure(work: Promise<unknown>, fault: Pick<Fault, 'kind' | 'says'>): Promise<void> {
  const started = Date.now();
  const err = await work.then(
    () => undefined,
    (e: unknown) => e
  );
  const elapsed = Date.now() - started;
  expect(err).toBeInstanceOf(LensError);
  const e = err as LensError;
  expect({ kind: e.kind, message: e.message }).toEqual({
    kind: fault.kind,
    message: expect.stringMatching(fault.says),
  });
  expect(e.status).toBeGreaterThanOrEqual(400);
  expect(e.status).toBeLessThan(600);
  expect(e.errorSource).toBe('downstream');
  expect(elapsed).toBeLessThan(TIMEOUT_S * 1000 + SLACK_MS);
}

describe('Prometheus client against upstream faults', () => {
  it('reports a refused connection', async () => {
    await expectClearFailure(runAnalysis(`http://127.0.0.1:${await refusedPort()}`), {
      kind: 'unreachable',
      says: /unreachable: connection refused/,
    });
  });

  for (const fault of FAULTS) {
    it(`queryRange: ${fault.name}`, async () => {
      fake.behave(fault.behave);
      await expectClearFailure(runAnalysis(fake.url, fault.jsonData), fault);
      // The client is not left in a bad state: the next query over a fresh connection succeeds.
      fake.behave((s) => s.end(httpResponse(200, 'application/json', promMatrix(T0, 60))));
      const ok = await runAnalysis(fake.url);
      expect(ok.series).toHaveLength(1);
      expect(ok.series[0].values[59]).toBe(59);
    });
  }

  it('label look-ups and the health check fail as clearly on a reset and on a slow upstream', async () => {
    for (const fault of FAULTS.filter((f) => /reset mid|slow headers/.test(f.name))) {
      fake.behave(fault.behave);
      await expectClearFailure(labelValues(settings(fake.url), 'job'), fault);
      const started = Date.now();
      const health = await checkPrometheus(settings(fake.url));
      expect(health.ok).toBe(false);
      expect(health.message).toMatch(/Prometheus/);
      expect(Date.now() - started).toBeLessThan(TIMEOUT_S * 1000 + SLACK_MS);
    }
  });
});

/** Sample values as Prometheus and its look-alikes write them, awkward ones included. */
const sampleValue = fc.oneof(
  fc.constantFrom('NaN', '+Inf', '-Inf', 'Inf', '1e308', '-1e308', '5e-324', '-0', '', ' ', 'abc', '0x10', '1_000'),
  fc.double().map(String),
  fc.constantFrom(null, 1, true, [], {})
);

/** A query_range answer: mostly Prometheus-shaped with awkward samples and timestamps, sometimes anything. */
const fuzzedAnswer = fc.oneof(
  {
    weight: 4,
    arbitrary: fc
      .array(
        fc.record({
          metric: fc.oneof(
            fc.dictionary(fc.string({ maxLength: 6 }), fc.oneof(fc.string({ maxLength: 6 }), fc.integer())),
            fc.constantFrom(null, 'x', [])
          ),
          values: fc.array(
            fc.tuple(
              fc.oneof(
                { weight: 5, arbitrary: fc.integer({ min: 0, max: 59 }).map((k) => (T0 + k * 1000) / 1000) },
                { weight: 1, arbitrary: fc.constantFrom(T0 / 1000 + 0.5, -1, 1e308, 'now', null) }
              ),
              sampleValue
            ),
            { maxLength: 80 }
          ),
        }),
        { maxLength: 4 }
      )
      .map((result) => JSON.stringify({ status: 'success', data: { resultType: 'matrix', result } })),
  },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify({ status: 'success', data: v })) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v) ?? '') },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }) }
);

describe('Prometheus client against fuzzed answers over HTTP', () => {
  const n = fuzzCasesOverGrpc();

  it(`settles ${n} fuzzed answers into series or one LensError, within the timeout`, async () => {
    const cases = fc.sample(
      fc.tuple(
        fc.constantFrom(200, 200, 200, 204, 206, 400, 422, 500, 503),
        fc.constantFrom('application/json', 'text/plain', undefined),
        fuzzedAnswer
      ),
      { numRuns: n, seed: FUZZ_SEED }
    );
    let ok = 0;
    let refused = 0;
    for (const [status, type, body] of cases) {
      fake.behave((s) => s.end(httpResponse(status, type, body)));
      const started = Date.now();
      try {
        const r = await runAnalysis(fake.url);
        ok++;
        // Samples as sent (the pipeline grids them): parallel arrays, every time on the requested 1 s grid.
        for (const series of r.series) {
          expect(series.values).toHaveLength(series.timesMs.length);
          expect(Array.from(series.timesMs).every((t) => (t - T0) % 1000 === 0 && t >= T0 && t <= T0 + 59_000)).toBe(
            true
          );
        }
      } catch (e) {
        refused++;
        expect(e).toBeInstanceOf(LensError);
        expect((e as LensError).message).toMatch(/Prometheus/);
        expect((e as LensError).status).toBeGreaterThanOrEqual(400);
      }
      expect(Date.now() - started).toBeLessThan(TIMEOUT_S * 1000 + SLACK_MS);
    }
    expect(ok).toBeGreaterThan(0);
    expect(refused).toBeGreaterThan(0);
  }, 120_000);
});
