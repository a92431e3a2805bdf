/**
 * Parses and validates one query's JSON (DataQuery.json bytes) into a LensQuery.
 * Accepts every schemaVersion up to QUERY_SCHEMA_VERSION (absent → 1); unknown keys are ignored because Grafana
 * adds its own (datasource, intervalMs, maxDataPoints, hide, key …). Messages say what to fix.
 */
import { migrateQuery } from '../../shared/migrateQuery';
import { LensQuery, QUERY_SCHEMA_VERSION } from '../../shared/queryModel';
import { QueryValidationError, ResolvedOptions, validateQuery } from '../../shared/validateQuery';
import { cutText } from '../errors/cutText';
import { jsonNestingPath, MAX_QUERY_JSON_DEPTH } from './jsonNestingPath';
import { LensError } from '../errors/LensError';

/** A validated query: `expr` trimmed and non-empty; optional fields checked. */
export interface ParsedQuery {
  refId: string;
  schemaVersion: number;
  expr: string;
  legendFormat?: string;
  minStepMs?: number;
  /** Version-2 analysis options, defaults filled (a version-1 query migrates to `outputs: ['raw']`). */
  options: ResolvedOptions;
}

function typeName(v: unknown): string {
  return v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v;
}

/** Longest accepted upstream query text; Prometheus' own default form limit is far larger, real queries far smaller. */
export const MAX_EXPR_LENGTH = 16_384;

/** Longest accepted `legendFormat`; each series' name built from it is cut too (MAX_DISPLAY_NAME_CHARS). */
export const MAX_LEGEND_FORMAT_CHARS = 1000;

/**
 * `protoQueryType` is the protocol's own `DataQuery.queryType`; Grafana copies the query's `queryType` there, and a
 * client that sets only that field is honoured when the JSON has none.
 */
export function parseQueryJson(refId: string, json: Uint8Array | string, protoQueryType = ''): ParsedQuery {
  const text = typeof json === 'string' ? json : Buffer.from(json).toString('utf8');
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw LensError.badQuery(`query ${refId}: the query JSON is malformed (${(e as Error).message}); resave the query`);
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw LensError.badQuery(`query ${refId}: the query JSON must be an object, got ${typeName(raw)}`);
  }
  const deep = jsonNestingPath(raw, MAX_QUERY_JSON_DEPTH);
  if (deep !== undefined) {
    throw LensError.badQuery(
      `query ${refId}: the query JSON nests more than ${MAX_QUERY_JSON_DEPTH} levels of objects and arrays ` +
        `(field ${cutText(deep, 120)}); the limit is ${MAX_QUERY_JSON_DEPTH}: remove the nesting or resave the query ` +
        `from the editor`
    );
  }
  const q = raw as Partial<Record<keyof LensQuery, unknown>>;
  if ((q.queryType === undefined || q.queryType === null) && protoQueryType !== '') {
    q.queryType = protoQueryType;
  }

  let schemaVersion = 1;
  if (q.schemaVersion !== undefined && q.schemaVersion !== null) {
    if (typeof q.schemaVersion !== 'number' || !Number.isInteger(q.schemaVersion) || q.schemaVersion < 1) {
      throw LensError.badQuery(
        `query ${refId}: schemaVersion must be a positive integer, got ${JSON.stringify(q.schemaVersion)}`
      );
    }
    if (q.schemaVersion > QUERY_SCHEMA_VERSION) {
      throw LensError.badQuery(
        `query ${refId}: schemaVersion ${q.schemaVersion} is newer than this plugin understands ` +
          `(up to ${QUERY_SCHEMA_VERSION}); update the Anomaly Lens plugin`
      );
    }
    schemaVersion = q.schemaVersion;
  }

  if (q.expr === undefined || q.expr === null) {
    throw LensError.badQuery(`query ${refId}: expr is missing; enter a series selector such as demo_cpu_utilization`);
  }
  if (typeof q.expr !== 'string') {
    throw LensError.badQuery(`query ${refId}: expr must be a string, got ${typeName(q.expr)}`);
  }
  if (q.expr.length > MAX_EXPR_LENGTH) {
    throw LensError.badQuery(
      `query ${refId}: expr is ${q.expr.length} characters long; the limit is ${MAX_EXPR_LENGTH}`
    );
  }
  const expr = q.expr.trim();
  if (expr === '') {
    throw LensError.badQuery(`query ${refId}: expr is empty; enter a series selector such as demo_cpu_utilization`);
  }

  let options: ResolvedOptions;
  try {
    options = validateQuery(migrateQuery(q as LensQuery));
  } catch (e) {
    if (e instanceof QueryValidationError) {
      throw LensError.badQuery(`query ${refId}: ${e.message}`);
    }
    throw e;
  }
  const parsed: ParsedQuery = { refId, schemaVersion, expr, options };

  if (q.legendFormat !== undefined && q.legendFormat !== null) {
    if (typeof q.legendFormat !== 'string') {
      throw LensError.badQuery(`query ${refId}: legendFormat must be a string, got ${typeName(q.legendFormat)}`);
    }
    if (q.legendFormat.length > MAX_LEGEND_FORMAT_CHARS) {
      throw LensError.badQuery(
        `query ${refId}: legendFormat is ${q.legendFormat.length} characters long; the limit is ` +
          `${MAX_LEGEND_FORMAT_CHARS}: shorten the Legend`
      );
    }
    if (q.legendFormat !== '') {
      parsed.legendFormat = q.legendFormat;
    }
  }
  if (q.minStepMs !== undefined && q.minStepMs !== null) {
    if (typeof q.minStepMs !== 'number' || !Number.isFinite(q.minStepMs) || q.minStepMs <= 0) {
      throw LensError.badQuery(
        `query ${refId}: minStepMs must be a positive number of milliseconds, got ${JSON.stringify(q.minStepMs)}`
      );
    }
    parsed.minStepMs = q.minStepMs;
  }
  return parsed;
}
