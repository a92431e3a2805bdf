/**
 * What the analyse page needs from Grafana, behind one interface so the page can be tested with fakes: the Anomaly
 * Lens data sources, a data source's upstream URL, running queries, the dashboard API, navigation and Grafana's own
 * panel renderer.
 */
import React from 'react';
import { CoreApp, DataFrame, DataQueryRequest, DataSourceInstanceSettings, TimeRange } from '@grafana/data';
import { getBackendSrv, getDataSourceSrv, locationService, PanelRenderer } from '@grafana/runtime';
import { firstValueFrom, from, isObservable } from 'rxjs';
import { DEFAULT_UPSTREAM, LensQuery } from '../shared/queryModel';
import { LENS_DATASOURCE_TYPE } from '../extensions/addBandTarget';
import { LensDataSourceInfo } from '../extensions/matchLensDataSource';
import { DashboardApi } from '../extensions/saveBand';

export interface PanelProps {
  pluginId: string;
  title: string;
  frames: DataFrame[];
  range: TimeRange;
  width: number;
  height: number;
  options?: Record<string, unknown>;
  /** A drag across a time series panel: the range the user selected. */
  onSelectRange?: (fromMs: number, toMs: number) => void;
}

export interface PageServices {
  lensDataSources(): LensDataSourceInfo[];
  /** The upstream URL of any data source; undefined when it cannot be read (permissions) or has none. */
  dataSourceUrl(uid: string): Promise<string | undefined>;
  dataSourceName(uid: string): string | undefined;
  runQueries(lensUid: string, queries: LensQuery[], range: TimeRange): Promise<DataFrame[]>;
  dashboards: DashboardApi;
  navigate(url: string): void;
  renderPanel(props: PanelProps): React.ReactNode;
}

export function grafanaServices(): PageServices {
  return {
    lensDataSources: () =>
      getDataSourceSrv()
        .getList({ type: LENS_DATASOURCE_TYPE })
        .map((s: DataSourceInstanceSettings) => ({
          uid: s.uid,
          name: s.name,
          upstream: String((s.jsonData as { upstream?: string }).upstream ?? DEFAULT_UPSTREAM),
        })),
    dataSourceUrl: async (uid) => {
      try {
        const ds = await getBackendSrv().get<{ url?: string }>(`/api/datasources/uid/${encodeURIComponent(uid)}`);
        return ds.url || undefined;
      } catch {
        return undefined;
      }
    },
    dataSourceName: (uid) => getDataSourceSrv().getInstanceSettings(uid)?.name,
    runQueries: async (lensUid, queries, range) => {
      const ds = await getDataSourceSrv().get(lensUid);
      const request = {
        app: CoreApp.Unknown,
        requestId: `anomalylens-analyse-${queries.map((q) => q.refId).join('')}`,
        interval: '1m',
        intervalMs: 60_000,
        maxDataPoints: 1000,
        range,
        scopedVars: {},
        targets: queries.map((q) => ({ ...q, datasource: { type: LENS_DATASOURCE_TYPE, uid: lensUid } })),
        timezone: 'browser',
        startTime: Date.now(),
      } as unknown as DataQueryRequest<LensQuery>;
      const answer = ds.query(request as never);
      const response = await firstValueFrom(isObservable(answer) ? answer : from(answer));
      const failed = response.errors?.[0];
      if (failed) {
        throw new Error(failed.message ?? 'the query failed');
      }
      return response.data as DataFrame[];
    },
    dashboards: {
      get: (uid) => getBackendSrv().get(`/api/dashboards/uid/${encodeURIComponent(uid)}`),
      save: (body) => getBackendSrv().post('/api/dashboards/db', body),
    },
    navigate: (url) => locationService.push(url),
    renderPanel: (p) => (
      <PanelRenderer
        pluginId={p.pluginId}
        title={p.title}
        width={p.width}
        height={p.height}
        data={{ state: 'Done' as never, series: p.frames, timeRange: p.range }}
        options={p.options}
        onChangeTimeRange={(r) => p.onSelectRange?.(r.from, r.to)}
      />
    ),
  };
}
