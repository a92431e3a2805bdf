/**
 * Brings a saved query up to `QUERY_SCHEMA_VERSION`, one version step at a time, each step tested. Used by the
 * backend before validation and reusable by the frontend editor.
 *
 * `QUERY_MIGRATIONS[v]` turns a version-v query into a version-(v+1) query and never drops a field it does not
 * know. A query without `schemaVersion` is version 1. A query from a newer build is returned untouched: the
 * backend answers it with a clear "newer version" error, and rewriting it could lose fields.
 *
 * v1 → v2: a version-1 query returned the upstream series unchanged, so it becomes `outputs: ['raw']` (the same
 * frames, no analysis); all other v2 options keep their defaults. Fields a v1 query already carried are kept.
 */
import { LensQuery, QUERY_SCHEMA_VERSION } from './queryModel';

export type QueryMigration = (q: LensQuery) => LensQuery;

export const QUERY_MIGRATIONS: Readonly<Record<number, QueryMigration>> = {
  1: (q) => ({ ...q, schemaVersion: 2, outputs: q.outputs ?? ['raw'] }),
};

/** The version a saved query claims (absent or invalid → 1). */
export function queryVersion(query: Pick<LensQuery, 'schemaVersion'>): number {
  const v = query.schemaVersion;
  return typeof v === 'number' && Number.isInteger(v) && v >= 1 ? v : 1;
}

export function isFromNewerBuild(query: Pick<LensQuery, 'schemaVersion'>): boolean {
  return queryVersion(query) > QUERY_SCHEMA_VERSION;
}

/** Applies the steps from the query's version up to `target`; the input is not mutated. */
export function migrateQuery(
  query: LensQuery,
  target: number = QUERY_SCHEMA_VERSION,
  steps: Readonly<Record<number, QueryMigration>> = QUERY_MIGRATIONS
): LensQuery {
  let version = queryVersion(query);
  if (version > target) {
    return query;
  }
  let q: LensQuery = { ...query };
  while (version < target) {
    const step = steps[version];
    if (!step) {
      throw new Error(`no migration from query version ${version} to ${version + 1}`);
    }
    q = step(q);
    version++;
  }
  return q.schemaVersion === target ? q : { ...q, schemaVersion: target };
}
