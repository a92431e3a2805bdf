import { isFromNewerBuild, migrateQuery, QUERY_MIGRATIONS, queryVersion } from '../migrateQuery';
import { LensQuery, QUERY_SCHEMA_VERSION } from '../queryModel';

const v1: LensQuery = { refId: 'A', expr: 'demo_cpu_utilization', legendFormat: '{{host}}', minStepMs: 30_000 };

test('migrateQuery lifts a version-1 query to version 2 as a raw-only query, keeping its fields', () => {
  const q = migrateQuery(v1);
  expect(q).toEqual({ ...v1, schemaVersion: 2, outputs: ['raw'] });
  expect(QUERY_SCHEMA_VERSION).toBe(2);
});

test('migrateQuery step 1 → 2 keeps outputs a version-1 query already carried', () => {
  expect(QUERY_MIGRATIONS[1]({ ...v1, outputs: ['band'] }).outputs).toEqual(['band']);
});

test('migrateQuery does not mutate its input', () => {
  const input = { ...v1, schemaVersion: 1 };
  const copy = JSON.parse(JSON.stringify(input));
  migrateQuery(input);
  expect(input).toEqual(copy);
});

test('migrateQuery leaves a current query unchanged and a newer one untouched', () => {
  const current: LensQuery = { refId: 'A', expr: 'm', schemaVersion: 2, outputs: ['flag'] };
  expect(migrateQuery(current)).toEqual(current);
  const newer = { refId: 'A', expr: 'm', schemaVersion: 3, future: true } as LensQuery;
  expect(migrateQuery(newer)).toBe(newer);
  expect(isFromNewerBuild(newer)).toBe(true);
  expect(isFromNewerBuild(current)).toBe(false);
});

test('queryVersion treats a missing or invalid schemaVersion as 1', () => {
  expect(queryVersion({})).toBe(1);
  expect(queryVersion({ schemaVersion: 0 })).toBe(1);
  expect(queryVersion({ schemaVersion: 1.5 })).toBe(1);
  expect(queryVersion({ schemaVersion: 2 })).toBe(2);
});

test('migrateQuery runs the steps in order and names a missing step', () => {
  const steps = {
    1: (q: LensQuery) => ({ ...q, legendFormat: 'one' }),
    2: (q: LensQuery) => ({ ...q, legendFormat: q.legendFormat + '+two' }),
  };
  expect(migrateQuery({ refId: 'A' }, 3, steps).legendFormat).toBe('one+two');
  expect(() => migrateQuery({ refId: 'A' }, 4, steps)).toThrow('no migration from query version 3 to 4');
});
