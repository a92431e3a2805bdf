/**
 * Fuzzes CallResource in process: `routeResource` (what pluginv2.Resource/CallResource runs) with generated
 * methods, paths (`..`, `//evil`, absolute URLs, unicode, encoded bytes), query strings and bodies. Every case must
 * answer a status and a JSON-serialisable body, never throw (a throw becomes a 500 "internal error" in the
 * handler), and within a per-case time limit. Case count: FUZZ_CASES (default 100,000).
 */
import fc from 'fast-check';

import { routeResource } from '../../src/backend/resources/routeResource';
import type { PluginContext } from '../../src/backend/server/protoTypes';
import { RESOURCE_PATHS } from '../../src/shared/resources';
import { check, fcParams, fuzzCases } from './support/fuzzBudget';
import { selectorText } from './support/queryArbitraries';

const ROUTES = Object.values(RESOURCE_PATHS) as string[];
/** Statuses the router documents (src/shared/resources.ts): 200, 400, 404, 405, 413, 501. */
const DOCUMENTED = new Set([200, 400, 404, 405, 413, 501]);

const segment = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...ROUTES) },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      '..',
      '.',
      '',
      '%2e%2e',
      '%2F',
      'resources',
      'api',
      'evil.example',
      '@evil',
      '\\',
      '%00',
      '?',
      '#',
      ';'
    ),
  },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 12 }) }
);

const path = fc.oneof(
  {
    weight: 8,
    arbitrary: fc
      .tuple(
        fc.constantFrom('', '/', '//'),
        fc.constantFrom(...ROUTES),
        fc.constantFrom('', '/', '?metric=demo_cpu_utilization', '?label=host')
      )
      .map((p) => p.join('')),
  },
  { weight: 6, arbitrary: fc.array(segment, { minLength: 0, maxLength: 4 }).map((s) => s.join('/')) },
  {
    weight: 2,
    arbitrary: fc
      .tuple(
        fc.constantFrom('/', '//', 'http://evil.example/', 'https://127.0.0.1:1/', 'file:///etc/', '\\\\evil\\'),
        fc.constantFrom(...ROUTES)
      )
      .map(([p, r]) => p + r),
  },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 30 }) }
);

const queryParamValue = fc.oneof(
  fc.constantFrom('demo_cpu_utilization', 'service', 'host', '', '__proto__', 'constructor', 'toString'),
  selectorText,
  fc.string({ unit: 'binary', maxLength: 20 })
);

const queryString = fc
  .array(fc.tuple(fc.constantFrom('metric', 'label', 'expr', 'match[]', 'x', ''), queryParamValue), { maxLength: 3 })
  .map((pairs) => new URLSearchParams(pairs).toString());

const url = fc.oneof(
  { weight: 4, arbitrary: fc.tuple(path, queryString).map(([p, q]) => `/api/datasources/uid/x/resources/${p}?${q}`) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      '',
      '/',
      '?',
      'http://[',
      'http://evil.example/resources/metrics',
      '//evil/resources/metrics',
      '%',
      'http://a:b@c/',
      ':'
    ),
  },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }) }
);

const body = fc.oneof(
  { weight: 3, arbitrary: fc.constant(Buffer.alloc(0)) },
  {
    weight: 3,
    arbitrary: fc
      .record({ expr: fc.oneof(selectorText, fc.jsonValue({ maxDepth: 2 })) }, { requiredKeys: [] })
      .map((o) => Buffer.from(JSON.stringify(o))),
  },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }).map((v) => Buffer.from(JSON.stringify(v) ?? '')) },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 64 }).map((a) => Buffer.from(a)) },
  // Just over the 64 KiB body limit, and a deep array.
  {
    weight: 1,
    arbitrary: fc.constantFrom(Buffer.alloc(64 * 1024 + 1, 0x20), Buffer.from('['.repeat(50_000) + ']'.repeat(50_000))),
  }
);

const method = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom('GET', 'POST') },
  {
    weight: 1,
    arbitrary: fc.constantFrom('', 'get', 'PUT', 'DELETE', 'OPTIONS', 'HEAD', 'PATCH', 'TRACE', 'CONNECT', 'G\u0130T'),
  },
  { weight: 1, arbitrary: fc.string({ maxLength: 8 }) }
);

const jsonData = fc.oneof(
  { weight: 8, arbitrary: fc.constant('{"upstream":"demo"}') },
  { weight: 1, arbitrary: fc.constantFrom('', 'not json', '{"upstream":"prometheus"}', '{"upstream":7}', 'null') }
);

function contextWith(json: string): PluginContext {
  return {
    orgId: 1,
    dataSourceInstanceSettings: {
      id: 1,
      uid: 'fuzz',
      name: 'fuzz',
      jsonData: Buffer.from(json),
      decryptedSecureJsonData: {},
    },
  } as unknown as PluginContext;
}

describe('resource call fuzzing (in process)', () => {
  const numRuns = fuzzCases();

  it(`routeResource answers ${numRuns} generated calls with a documented status and a JSON body`, async () => {
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(method, path, url, body, jsonData, async (m, p, u, b, json) => {
        const started = performance.now();
        let result;
        try {
          result = await routeResource({ method: m, path: p, url: u, body: b }, contextWith(json));
        } catch (e) {
          throw new Error(`routeResource threw (the handler would answer 500 internal error): ${(e as Error).message}`);
        }
        const ms = performance.now() - started;
        // The hang check is after the fact: a generous bound.
        check(ms < 2000, `a resource call took ${ms.toFixed(0)} ms`);
        statuses.set(result.code, (statuses.get(result.code) ?? 0) + 1);
        check(DOCUMENTED.has(result.code), `undocumented status ${result.code}: ${JSON.stringify(result.body)}`);
        const text = JSON.stringify(result.body);
        check(typeof text === 'string', 'body is not JSON-serialisable');
        if (result.code !== 200) {
          const error = (result.body as { error?: unknown }).error;
          check(typeof error === 'string' && error.length > 10, `no clear error: ${text}`);
        }
      }),
      fcParams(numRuns)
    );
    // Both success and each kind of refusal must actually be reached.
    for (const code of [200, 400, 404, 405]) {
      expect(statuses.get(code) ?? 0).toBeGreaterThan(0);
    }
    process.stdout.write(
      `resource fuzz: ${numRuns} calls, statuses ${JSON.stringify([...statuses].sort((a, b) => a[0] - b[0]))}\n`
    );
  }, 600_000);
});
