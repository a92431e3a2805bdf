import { DataSourceOptions, SecureDataSourceOptions } from '../shared/queryModel';

/** The editor's names for the shared settings types (src/shared/queryModel.ts holds the definitions). */
export type ConnectionOptions = DataSourceOptions;
export type ConnectionSecureOptions = SecureDataSourceOptions;

/** Upper bound on custom headers, so the editor never loops over an unbounded index range. */
export const MAX_CUSTOM_HEADERS = 20;

export const headerNameKey = (n: number) => `httpHeaderName${n}` as const;
export const headerValueKey = (n: number) => `httpHeaderValue${n}` as const;
