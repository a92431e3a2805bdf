/**
 * Fuzzes the query path in process: `executeQueries` (what pluginv2.Data/QueryData runs) with generated
 * `DataQuery.json` bytes, time ranges and data source settings. Every case must end, within a per-case limit, in
 * one DataResponse per refId: frames, or a clear error with a 4xx/5xx status, never an escaping exception or an
 * "unexpected" (500, logged as a defect) answer. Case count: FUZZ_CASES (default 100,000).
 */
import fc from 'fast-check';

import { decodeFrame } from '../conformance/support/decodeFrame';
import { executeQueries } from '../../src/backend/query/executeQueries';
import { CORRELATION_FRAME } from '../../src/shared/queryTypes';
import { PluginMetrics } from '../../src/backend/server/metrics';
import type { DataQuery, PluginContext } from '../../src/backend/server/protoTypes';
import { check, fcParams, fuzzCases, memoryLogger, withinMs } from './support/fuzzBudget';
import { dataQuery } from './support/queryArbitraries';

const PER_CASE_MS = 2000;

const jsonData = fc.oneof(
  { weight: 8, arbitrary: fc.constant('{"upstream":"demo"}') },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      '',
      '{}',
      'null',
      '[]',
      '{"upstream":"prometheus"}',
      '{"upstream":"influxdb"}',
      '{"upstream":"graphite"}',
      '{"upstream":42}',
      '{"upstream":',
      '{"upstream":"__proto__"}'
    ),
  }
);

function contextWith(json: string): PluginContext {
  return {
    orgId: 1,
    pluginId: 'seedlabs-anomalylens-datasource',
    dataSourceInstanceSettings: {
      id: 1,
      uid: 'fuzz',
      name: 'fuzz',
      jsonData: Buffer.from(json),
      decryptedSecureJsonData: {},
    },
  } as unknown as PluginContext;
}

describe('query JSON fuzzing (in process)', () => {
  const numRuns = fuzzCases();

  it(`executeQueries answers every refId of ${numRuns} generated requests with frames or a clear error`, async () => {
    const logger = memoryLogger();
    const metrics = new PluginMetrics(0);
    const stats = { cases: 0, ok: 0, errors: 0, byStatus: new Map<number, number>(), decoded: 0, longestError: 0 };

    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(dataQuery, { minLength: 1, maxLength: 2, selector: (q) => q.refId ?? '' }),
        jsonData,
        async (queries, json) => {
          stats.cases++;
          const res = await withinMs(PER_CASE_MS, 'executeQueries', () =>
            executeQueries(contextWith(json), queries as unknown as DataQuery[], { logger, metrics })
          );
          const refIds = queries.map((q) => q.refId ?? '');
          const keys = Object.keys(res.responses).sort();
          check(JSON.stringify(keys) === JSON.stringify([...refIds].sort()), `responses for ${keys}, asked ${refIds}`);
          for (const refId of refIds) {
            const r = res.responses[refId];
            stats.byStatus.set(r.status ?? 0, (stats.byStatus.get(r.status ?? 0) ?? 0) + 1);
            if (r.error) {
              stats.errors++;
              stats.longestError = Math.max(stats.longestError, r.error.length);
              // A clear error: a 4xx/5xx status and a message; 500 means an exception we did not foresee.
              check(r.status! >= 400 && r.status! < 600 && r.status !== 500, `status ${r.status}: ${r.error}`);
              check(r.error.trim().length > 10, `error too vague: ${JSON.stringify(r.error)}`);
              check((r.frames ?? []).length === 0, 'an error answer carries frames');
            } else {
              stats.ok++;
              check(r.status === 200, `status ${r.status} without an error`);
              // Decoding costs more than answering; check every frame of one answer in 50.
              if (stats.ok % 50 === 1) {
                for (const bytes of r.frames ?? []) {
                  const frame = decodeFrame(bytes);
                  check(frame.refId === refId, `frame refId ${frame.refId} in the answer for ${refId}`);
                  // No matching series is the dataplane "no data" frame: no fields at all. The correlations table
                  // starts with its rank; every other frame (anomaly windows included) with time.
                  const first = frame.fields[0]?.name;
                  check(
                    frame.fields.length === 0 ||
                      first === 'time' ||
                      (frame.name === CORRELATION_FRAME.name && first === CORRELATION_FRAME.fields.rank),
                    `first field ${first} is not time`
                  );
                  stats.decoded++;
                }
              }
            }
          }
          const defects = logger.entries.filter((e) => e.level === 'error');
          check(defects.length === 0, `logged as a defect: ${JSON.stringify(defects[0])}`);
        }
      ),
      fcParams(numRuns)
    );

    // The generator must reach both outcomes in earnest, or the run proves little.
    expect(stats.cases).toBe(numRuns);
    expect(stats.ok).toBeGreaterThan(numRuns / 20);
    expect(stats.errors).toBeGreaterThan(numRuns / 10);
    expect(stats.decoded).toBeGreaterThan(0);
    process.stdout.write(
      `query JSON fuzz: ${stats.cases} requests, ${stats.ok} answers with frames, ${stats.errors} per-refId errors, ` +
        `statuses ${JSON.stringify([...stats.byStatus].sort((a, b) => a[0] - b[0]))}, longest error ${stats.longestError} chars\n`
    );
  }, 600_000);
});
