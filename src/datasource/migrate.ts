import { LensQuery, QUERY_SCHEMA_VERSION } from '../shared/queryModel';

/**
 * Brings a saved query up to `QUERY_SCHEMA_VERSION`, one version step at a time (style habit 6).
 * `steps[v]` turns a version-v query into a version-(v+1) query. Version 1 is the first shape, so there are no
 * steps yet; a query without `schemaVersion` is version 1 (see queryModel.ts) and only gains the explicit field.
 * A query from a newer build is returned untouched: the backend answers it with a clear "newer version" error,
 * and rewriting it here could drop fields this build does not know.
 */
const steps: Record<number, (q: LensQuery) => LensQuery> = {};

export function queryVersion(query: LensQuery): number {
  return typeof query.schemaVersion === 'number' && Number.isInteger(query.schemaVersion) && query.schemaVersion >= 1
    ? query.schemaVersion
    : 1;
}

export function isFromNewerBuild(query: LensQuery): boolean {
  return queryVersion(query) > QUERY_SCHEMA_VERSION;
}

export function migrateQuery(query: LensQuery, target = QUERY_SCHEMA_VERSION, stepTable = steps): LensQuery {
  let version = queryVersion(query);
  if (version > target) {
    return query;
  }
  let q: LensQuery = { ...query };
  while (version < target) {
    const step = stepTable[version];
    if (!step) {
      throw new Error(`No migration from query version ${version} to ${version + 1}`);
    }
    q = step(q);
    version++;
  }
  return q.schemaVersion === target ? q : { ...q, schemaVersion: target };
}
