import type { DataQuery } from '@grafana/schema';

export interface DataSourceRef {
  uid: string;
  type?: string;
}

/**
 * The data source of the panel query with `refId` (else the first query naming one), from
 * `data.request.targets`. `interpolate` resolves a templated uid (`${ds}`), as the panel's `replaceVariables`
 * does. Undefined when no query names a data source uid (then the panel cannot link to Explore).
 */
export function queryDataSource(
  targets: readonly DataQuery[] | undefined,
  refId: string | undefined,
  interpolate: (text: string) => string = (t) => t
): DataSourceRef | undefined {
  const named = (targets ?? []).filter((t) => typeof t.datasource?.uid === 'string' && t.datasource.uid !== '');
  const query = named.find((t) => refId !== undefined && t.refId === refId) ?? named[0];
  if (!query?.datasource?.uid) {
    return undefined;
  }
  const uid = interpolate(query.datasource.uid);
  return uid ? { uid, type: query.datasource.type } : undefined;
}
