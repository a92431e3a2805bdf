import { CoreApp, DataSourceInstanceSettings, ScopedVars } from '@grafana/data';
import { DataSourceWithBackend } from '@grafana/runtime';
import { DEFAULT_QUERY, DEFAULT_UPSTREAM, LensQuery, UpstreamKind } from '../shared/queryModel';
import { MetricsResponse, RESOURCE_PATHS, SeriesResponse, ValidateResponse } from '../shared/resources';
import { ConnectionOptions } from './connectionOptions';
import { interpolateExpr } from './interpolateExpr';
import { migrateQuery } from '../shared/migrateQuery';

export class DataSource extends DataSourceWithBackend<LensQuery, ConnectionOptions> {
  readonly upstream: UpstreamKind;

  constructor(instanceSettings: DataSourceInstanceSettings<ConnectionOptions>) {
    super(instanceSettings);
    this.upstream = instanceSettings.jsonData?.upstream ?? DEFAULT_UPSTREAM;
  }

  getDefaultQuery(_app: CoreApp): Partial<LensQuery> {
    return DEFAULT_QUERY;
  }

  /** Hidden queries and queries without an expression are not sent to the backend. */
  filterQuery(query: LensQuery): boolean {
    return !query.hide && typeof query.expr === 'string' && query.expr.trim() !== '';
  }

  /** Sends the current query version with dashboard variables replaced in `expr`. */
  applyTemplateVariables(query: LensQuery, scopedVars: ScopedVars): LensQuery {
    const q = migrateQuery(query);
    return { ...q, expr: interpolateExpr(q.expr ?? '', scopedVars) };
  }

  /** Metrics the upstream offers (demo upstream in this build). */
  async listMetrics(): Promise<MetricsResponse> {
    return this.getResource<MetricsResponse>(RESOURCE_PATHS.metrics);
  }

  /** Label sets of one metric's series. */
  async listSeries(metric: string): Promise<SeriesResponse> {
    return this.getResource<SeriesResponse>(RESOURCE_PATHS.series, { metric });
  }

  /** Checks an expression without running it. */
  async validateExpr(expr: string): Promise<ValidateResponse> {
    return this.getResource<ValidateResponse>(RESOURCE_PATHS.validate, { expr });
  }
}
