/**
 * Browser harness: renders one of our editors or panels the way Grafana hosts it, with the real `@grafana/ui`
 * (theme context, global styles, portal container) and real frames, so the browser tests see what a person sees.
 * Bundled by esbuild from tests/browser/support/bundleHarness.ts; the page exposes `window.harness`.
 *
 * What Grafana does around a panel and what we copy:
 *  - frames arrive as JSON (`DataFrameJSON`, Grafana's /api/ds/query shape) and become DataFrames through
 *    `dataFrameFromJSON`, then get field config applied (`applyFieldOverrides` with the panel's registry);
 *  - options are the panel module's defaults (`plugin.defaults`) plus the saved ones;
 *  - the panel gets the inner width/height of its box (Grafana measures it; we use a ResizeObserver) and a
 *    background of `theme.colors.background.primary` from the panel chrome.
 * The data source is the real `DataSource` class; `getResource` goes through a BackendSrv that fetches from the
 * test server, which forwards to the built executable's CallResource.
 */
import React, { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { createRoot, Root } from 'react-dom/client';
import { from } from 'rxjs';
import {
  applyFieldOverrides,
  createTheme,
  DataFrame,
  DataFrameJSON,
  DataQuery,
  DataQueryRequest,
  dataFrameFromJSON,
  DataSourceInstanceSettings,
  DataSourcePluginMeta,
  DataSourceSettings,
  dateTime,
  GrafanaTheme2,
  LoadingState,
  PanelPlugin,
  PanelProps,
  PluginType,
  standardEditorsRegistry,
} from '@grafana/data';
import {
  BackendSrv,
  BackendSrvRequest,
  FetchResponse,
  setBackendSrv,
  setTemplateSrv,
  TemplateSrv,
} from '@grafana/runtime';
import { GlobalStyles, PortalContainer, ThemeContext } from '@grafana/ui';
import { plugin as stlPlugin } from '../../../src/panels/stl/module';
import { plugin as correlationsPlugin } from '../../../src/panels/correlations/module';
import { ConfigEditor } from '../../../src/datasource/components/ConfigEditor';
import { QueryEditor } from '../../../src/datasource/components/QueryEditor';
import { DataSource } from '../../../src/datasource/datasource';
import { ConnectionOptions, ConnectionSecureOptions } from '../../../src/datasource/connectionOptions';
import { LensQuery } from '../../../src/shared/queryModel';
import { AnalyseParams } from '../../../src/extensions/analyseParams';
import { AnalysePage } from '../../../src/pages/AnalysePage';
import { BacktestInitial, BacktestPage } from '../../../src/pages/BacktestPage';
import { PageServices, PanelProps as PagePanelProps } from '../../../src/pages/pageServices';
import { cssColour, probeCorrelations, probeStl, probeSurface, stlHoverPoint } from './probes';

export type HarnessComponent = 'stl' | 'correlations' | 'configEditor' | 'queryEditor' | 'analysePage' | 'backtestPage';
export type ThemeMode = 'light' | 'dark';

export interface HarnessSpec {
  component: HarnessComponent;
  theme: ThemeMode;
  /** Size of the panel box in CSS pixels (editors: width only matters). */
  width: number;
  height: number;
  /** Panels: the query result as Grafana's JSON frames. */
  frames?: DataFrameJSON[];
  /** Panels: saved options, merged over the module's defaults. */
  options?: Record<string, unknown>;
  /** Panels: the dashboard time range, epoch ms. */
  timeRange?: { from: number; to: number };
  /** Panels: the panel's queries as saved (Grafana passes them as `data.request.targets`). */
  targets?: DataQuery[];
  /** Query editor: the saved query. */
  query?: LensQuery;
  /** Editors: the data source's jsonData (config editor: the whole settings object is built around it). */
  jsonData?: ConnectionOptions;
  /** Config editor: which secrets are already stored. */
  secureJsonFields?: Record<string, boolean>;
  /**
   * Query editor: the answer of the data source's own queries (`/api/ds/query`, e.g. its backtest), as frames the
   * test got from the built executable for the same query.
   */
  dsQueryFrames?: DataFrameJSON[];
  /**
   * Query editor with a Prometheus or InfluxDB upstream: the data source's resource answers, keyed `path?query`,
   * standing in for that upstream (the harness's executable serves the demo upstream only). Unlisted calls fail.
   */
  resources?: Record<string, unknown>;
  /**
   * Query editor: the answer to the data source's other queries (the backtest preview's series with its band),
   * from the built executable; none when absent.
   */
  dsSeriesFrames?: DataFrameJSON[];
  /** Analyse page: what it was opened with and the answers of its queries (from the built executable). */
  analyse?: {
    params: AnalyseParams;
    series: DataFrameJSON[];
    decomposition: DataFrameJSON[];
    windows: DataFrameJSON[];
    correlations?: DataFrameJSON[];
  };
  /** Backtest view: what it was opened with and the answer of its backtest query (from the built executable). */
  backtest?: { initial: BacktestInitial; frames: DataFrameJSON[] };
}

/** Values of the active theme the tests compare rendered colours with. */
export interface ThemeInfo {
  isDark: boolean;
  background: string;
  textPrimary: string;
  textSecondary: string;
  seriesColors: Record<'blue' | 'orange' | 'green' | 'purple', string>;
  errorMain: string;
}

interface HarnessEvents {
  /** Last query the editor passed to `onChange`. */
  query?: LensQuery;
  runs: number;
  /** Last settings the config editor passed to `onOptionsChange`. */
  settings?: DataSourceSettings<ConnectionOptions, ConnectionSecureOptions>;
  /** Queries the data source sent to `/api/ds/query`. */
  dsQueries?: unknown[];
  /** Queries the Backtest view ran, with their range (epoch ms). */
  pageQueries?: Array<{ query: LensQuery; from: number; to: number }>;
}

/** What `/api/ds/query` answers in the harness (set from the spec on render): backtests, and anything else. */
let dsQueryFrames: DataFrameJSON[] = [];
let dsSeriesFrames: DataFrameJSON[] = [];
/** Resource answers standing in for a non-demo upstream (set from the spec on render); undefined → the executable. */
let resourceAnswers: Record<string, unknown> | undefined;
const RESOURCE_PATH = /\/api\/datasources\/uid\/[^/]+\/resources\/(.*)$/;

const PANELS: Record<'stl' | 'correlations', PanelPlugin> = {
  stl: stlPlugin as unknown as PanelPlugin,
  correlations: correlationsPlugin as unknown as PanelPlugin,
};

const DATASOURCE_UID = 'anomalylens-demo';
const DATASOURCE_TYPE = 'seedlabs-anomalylens-datasource';

/** Grafana's BackendSrv reduced to `fetch` over window.fetch: what `DataSourceWithBackend.getResource` uses. */
function fetchBackendSrv(): BackendSrv {
  const request = async <T,>(options: BackendSrvRequest): Promise<FetchResponse<T>> => {
    const url = new URL(options.url, window.location.origin);
    if (url.pathname.endsWith('/api/ds/query')) {
      // Grafana's query endpoint: the frames the test prepared, under the first query's refId.
      const queries = (options.data as { queries?: Array<{ refId: string; queryType?: string }> }).queries ?? [];
      harness.events.dsQueries = [...(harness.events.dsQueries ?? []), ...queries];
      const refId = queries[0]?.refId ?? 'A';
      const frames = queries[0]?.queryType === 'backtest' ? dsQueryFrames : dsSeriesFrames;
      const data = { results: { [refId]: { status: 200, frames: structuredClone(frames) } } };
      return { data: data as T, status: 200, statusText: 'OK', ok: true, config: options } as FetchResponse<T>;
    }
    for (const [k, v] of Object.entries(options.params ?? {})) {
      for (const item of Array.isArray(v) ? v : [v]) {
        url.searchParams.append(k, String(item));
      }
    }
    const resource = RESOURCE_PATH.exec(url.pathname);
    if (resource && resourceAnswers) {
      const key = `${resource[1]}?${url.searchParams.toString()}`;
      if (!(key in resourceAnswers)) {
        throw {
          status: 404,
          statusText: 'Not Found',
          data: { error: `no stand-in answer for ${key}` },
          config: options,
        };
      }
      return {
        data: structuredClone(resourceAnswers[key]) as T,
        status: 200,
        statusText: 'OK',
        ok: true,
        config: options,
      } as FetchResponse<T>;
    }
    const method = options.method ?? 'GET';
    const res = await fetch(url, {
      method,
      headers: {
        ...(options.headers ?? {}),
        ...(options.data !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      body: options.data !== undefined && method !== 'GET' ? JSON.stringify(options.data) : undefined,
    });
    const text = await res.text();
    let data: unknown = text;
    try {
      data = JSON.parse(text);
    } catch {
      // Not JSON: keep the text, as Grafana's BackendSrv does for non-JSON bodies.
    }
    const response = {
      data: data as T,
      status: res.status,
      statusText: res.statusText,
      ok: res.ok,
      headers: res.headers,
      redirected: res.redirected,
      type: res.type,
      url: res.url,
      config: options,
    };
    if (!res.ok) {
      // Grafana's BackendSrv rejects with a FetchError carrying status and parsed body.
      throw { status: res.status, statusText: res.statusText, data, config: options };
    }
    return response;
  };
  const unsupported = () => Promise.reject(new Error('not available in the browser harness'));
  return {
    fetch: <T,>(options: BackendSrvRequest) => from(request<T>(options)),
    get: async (url: string, params?: Record<string, unknown>) => (await request({ url, params, method: 'GET' })).data,
    post: async (url: string, data?: unknown) => (await request({ url, data, method: 'POST' })).data,
    delete: unsupported,
    patch: unsupported,
    put: unsupported,
    request: unsupported,
    datasourceRequest: unsupported,
    chunked: () => {
      throw new Error('not available in the browser harness');
    },
  } as unknown as BackendSrv;
}

function datasourceMeta(): DataSourcePluginMeta {
  return {
    id: DATASOURCE_TYPE,
    name: 'Anomaly Lens',
    type: PluginType.datasource,
    module: '',
    baseUrl: '',
    backend: true,
    info: {
      author: { name: 'Seedlabs' },
      description: '',
      links: [],
      logos: { small: '', large: '' },
      screenshots: [],
      updated: '',
      version: '0.1.0',
    },
  };
}

function instanceSettings(jsonData: ConnectionOptions): DataSourceInstanceSettings<ConnectionOptions> {
  return {
    id: 1,
    uid: DATASOURCE_UID,
    type: DATASOURCE_TYPE,
    name: 'Anomaly Lens demo',
    meta: datasourceMeta(),
    jsonData,
    access: 'proxy',
    readOnly: false,
  };
}

function settingsFor(spec: HarnessSpec): DataSourceSettings<ConnectionOptions, ConnectionSecureOptions> {
  return {
    id: 1,
    uid: DATASOURCE_UID,
    orgId: 1,
    name: 'Anomaly Lens',
    typeLogoUrl: '',
    type: DATASOURCE_TYPE,
    typeName: 'Anomaly Lens',
    access: 'proxy',
    url: '',
    user: '',
    database: '',
    basicAuth: false,
    basicAuthUser: '',
    isDefault: false,
    jsonData: spec.jsonData ?? { upstream: 'demo' },
    secureJsonFields: spec.secureJsonFields ?? {},
    readOnly: false,
    withCredentials: false,
  };
}

function themeInfo(theme: GrafanaTheme2): ThemeInfo {
  const c = (name: string) => theme.visualization.getColorByName(name);
  return {
    isDark: theme.isDark,
    background: theme.colors.background.primary,
    textPrimary: theme.colors.text.primary,
    textSecondary: theme.colors.text.secondary,
    seriesColors: { blue: c('blue'), orange: c('orange'), green: c('green'), purple: c('purple') },
    errorMain: theme.colors.error.main,
  };
}

/** Inner size of the box, followed with a ResizeObserver (Grafana's panel chrome measures the same way). */
function useBoxSize(ref: React.RefObject<HTMLDivElement | null>) {
  const [size, setSize] = useState<{ width: number; height: number } | null>(null);
  useLayoutEffect(() => {
    const el = ref.current!;
    const measure = () => setSize({ width: Math.floor(el.clientWidth), height: Math.floor(el.clientHeight) });
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, [ref]);
  return size;
}

function Panel({ spec, theme }: { spec: HarnessSpec; theme: GrafanaTheme2 }) {
  const plugin = PANELS[spec.component as 'stl' | 'correlations'];
  const box = useRef<HTMLDivElement>(null);
  const size = useBoxSize(box);
  const [data] = useState(() => {
    const frames: DataFrame[] = (spec.frames ?? []).map((f) => dataFrameFromJSON(structuredClone(f)));
    const series = applyFieldOverrides({
      data: frames,
      fieldConfig: { defaults: {}, overrides: [] },
      fieldConfigRegistry: plugin.fieldConfigRegistry,
      replaceVariables: (s: string) => s,
      theme,
      timeZone: 'utc',
    });
    const from = spec.timeRange?.from ?? 0;
    const to = spec.timeRange?.to ?? 0;
    const timeRange = { from: dateTime(from), to: dateTime(to), raw: { from: dateTime(from), to: dateTime(to) } };
    // The parts of the request Grafana's query runner sets that panels read.
    const request = {
      app: 'dashboard',
      requestId: 'harness',
      timezone: 'utc',
      range: timeRange,
      interval: '1m',
      intervalMs: 60_000,
      targets: spec.targets ?? [],
      scopedVars: {},
      startTime: 0,
    } as unknown as DataQueryRequest;
    return { series, state: LoadingState.Done, timeRange, request };
  });
  const options = { ...plugin.defaults, ...(spec.options ?? {}) };
  const PanelComponent = plugin.panel as React.ComponentType<PanelProps>;
  return (
    // Grafana's panel chrome: a bordered box with the theme's primary background and some padding.
    <div
      data-testid="harness-panel"
      style={{
        width: spec.width,
        height: spec.height,
        background: theme.colors.background.primary,
        color: theme.colors.text.primary,
        border: `1px solid ${theme.colors.border.weak}`,
        borderRadius: theme.shape.radius.default,
        padding: theme.spacing(1),
        boxSizing: 'border-box',
        display: 'flex',
      }}
    >
      <div ref={box} data-testid="harness-panel-content" style={{ flex: 1, minWidth: 0, overflow: 'hidden' }}>
        {size && size.width > 0 && (
          <PanelComponent
            id={1}
            data={data}
            timeRange={data.timeRange}
            timeZone="utc"
            options={options}
            transparent={false}
            width={size.width}
            height={size.height}
            fieldConfig={{ defaults: {}, overrides: [] }}
            renderCounter={0}
            title="Panel"
            eventBus={undefined as never}
            onOptionsChange={() => {}}
            onFieldConfigChange={() => {}}
            replaceVariables={(s: string) => s}
            onChangeTimeRange={() => {}}
          />
        )}
      </div>
    </div>
  );
}

function Editors({ spec, events }: { spec: HarnessSpec; events: HarnessEvents }) {
  const [settings, setSettings] = useState(() => settingsFor(spec));
  const [query, setQuery] = useState<LensQuery>(() => spec.query ?? { refId: 'A' });
  const [datasource] = useState(() => new DataSource(instanceSettings(spec.jsonData ?? { upstream: 'demo' })));
  useEffect(() => {
    events.settings = settings;
    events.query = query;
  }, [events, settings, query]);
  return (
    <div data-testid="harness-editor" style={{ width: spec.width, padding: 8 }}>
      {spec.component === 'configEditor' ? (
        <ConfigEditor options={settings} onOptionsChange={setSettings} />
      ) : (
        <QueryEditor
          datasource={datasource}
          query={query}
          onChange={setQuery}
          onRunQuery={() => {
            events.runs += 1;
          }}
        />
      )}
    </div>
  );
}

/**
 * Grafana's time series panel is part of Grafana itself, not of @grafana/ui, so the harness draws the band query's
 * series as plain lines in its place: enough to see the page's layout; the panels of ours on the page are the real
 * ones.
 */
function SeriesStandIn({
  frames,
  width,
  height,
  theme,
}: {
  frames: DataFrame[];
  width: number;
  height: number;
  theme: GrafanaTheme2;
}) {
  const lines = frames.flatMap((f) => {
    const time = f.fields.find((x) => x.type === 'time');
    return f.fields
      .filter((x) => x.type === 'number' && x.labels?.lens_output !== 'flag' && x.name !== 'flag')
      .map((x) => ({ t: (time?.values ?? []) as number[], v: x.values as number[] }));
  });
  const ts = lines.flatMap((l) => l.t);
  const vs = lines.flatMap((l) => l.v).filter((v) => Number.isFinite(v));
  const [t0, t1, v0, v1] = [Math.min(...ts), Math.max(...ts), Math.min(...vs), Math.max(...vs)];
  const x = (t: number) => ((t - t0) / (t1 - t0 || 1)) * (width - 16) + 8;
  const y = (v: number) => height - 8 - ((v - v0) / (v1 - v0 || 1)) * (height - 16);
  const colours = [theme.visualization.getColorByName('blue'), theme.visualization.getColorByName('orange')];
  return (
    <svg
      data-testid="harness-timeseries"
      width={width}
      height={height}
      style={{ background: theme.colors.background.primary }}
    >
      {lines.map((l, i) => (
        <polyline
          key={i}
          fill="none"
          stroke={colours[i % 2]}
          points={l.t
            .map((t, k) => (Number.isFinite(l.v[k]) ? `${x(t)},${y(l.v[k])}` : ''))
            .filter(Boolean)
            .join(' ')}
        />
      ))}
    </svg>
  );
}

function AnalyseHost({ spec, theme }: { spec: HarnessSpec; theme: GrafanaTheme2 }) {
  const a = spec.analyse!;
  const toFrames = (json: DataFrameJSON[] = []) => json.map((f) => dataFrameFromJSON(structuredClone(f)));
  const [services] = useState<PageServices>(() => ({
    lensDataSources: () => [{ uid: 'anomalylens-demo', name: 'Anomaly Lens (Prometheus)', upstream: 'prometheus' }],
    dataSourceUrl: async () => 'http://prometheus:9090',
    dataSourceName: () => 'Prometheus (demo)',
    runQueries: async (_uid, queries) =>
      toFrames(
        queries[0].queryType === 'anomalyWindows'
          ? a.windows
          : queries[0].queryType === 'correlations'
            ? a.correlations
            : queries[0].outputs?.includes('decomposition')
              ? a.decomposition
              : a.series
      ),
    dashboards: {
      get: async () => ({
        dashboard: { panels: [{ id: a.params.panelId, type: 'timeseries', title: a.params.panelTitle, targets: [] }] },
      }),
      save: async () => undefined,
    },
    navigate: () => undefined,
    renderPanel: (p: PagePanelProps) =>
      p.pluginId === 'timeseries' ? (
        <SeriesStandIn frames={p.frames} width={p.width} height={p.height} theme={theme} />
      ) : (
        <Panel
          spec={{
            ...spec,
            component: p.pluginId === 'seedlabs-stl-panel' ? 'stl' : 'correlations',
            frames: p.pluginId === 'seedlabs-stl-panel' ? a.decomposition : a.correlations,
            width: p.width,
            height: p.height,
            timeRange: { from: p.range.from.valueOf(), to: p.range.to.valueOf() },
          }}
          theme={theme}
        />
      ),
  }));
  return (
    <div
      data-testid="harness-page"
      style={{
        width: spec.width,
        padding: 16,
        boxSizing: 'border-box',
        background: theme.colors.background.canvas,
        color: theme.colors.text.primary,
      }}
    >
      <AnalysePage params={a.params} services={services} />
    </div>
  );
}

/** The Backtest view as the app hosts it, its backtest answered with the executable's frames for the same query. */
function BacktestHost({ spec, theme, events }: { spec: HarnessSpec; theme: GrafanaTheme2; events: HarnessEvents }) {
  const b = spec.backtest!;
  const [services] = useState<PageServices>(() => ({
    lensDataSources: () => [{ uid: DATASOURCE_UID, name: 'Anomaly Lens demo', upstream: 'demo' }],
    dataSourceUrl: async () => undefined,
    dataSourceName: () => 'Anomaly Lens demo',
    runQueries: async (_uid, queries, range) => {
      events.pageQueries = [
        ...(events.pageQueries ?? []),
        ...queries.map((query) => ({ query, from: range.from.valueOf(), to: range.to.valueOf() })),
      ];
      return b.frames.map((f) => dataFrameFromJSON(structuredClone(f)));
    },
    dashboards: { get: async () => ({ dashboard: {} }), save: async () => undefined },
    navigate: () => undefined,
    renderPanel: () => null,
  }));
  return (
    <div
      data-testid="harness-page"
      style={{
        width: spec.width,
        padding: 16,
        boxSizing: 'border-box',
        background: theme.colors.background.canvas,
        color: theme.colors.text.primary,
      }}
    >
      <BacktestPage services={services} initial={b.initial} />
    </div>
  );
}

let root: Root | undefined;

const harness = {
  events: { runs: 0 } as HarnessEvents,
  theme: undefined as ThemeInfo | undefined,

  /** Replaces whatever is rendered with `spec`; resolves once React has committed and the browser painted. */
  async render(spec: HarnessSpec): Promise<ThemeInfo> {
    const theme = createTheme({ colors: { mode: spec.theme } });
    harness.events = { runs: 0 };
    dsQueryFrames = spec.dsQueryFrames ?? [];
    resourceAnswers = spec.resources;
    dsSeriesFrames = spec.dsSeriesFrames ?? [];
    root?.unmount();
    const el = document.getElementById('root')!;
    root = createRoot(el);
    const isPanel = spec.component === 'stl' || spec.component === 'correlations';
    root.render(
      <ThemeContext.Provider value={theme}>
        <GlobalStyles />
        <PortalContainer />
        {spec.component === 'analysePage' ? (
          <AnalyseHost spec={spec} theme={theme} />
        ) : spec.component === 'backtestPage' ? (
          <BacktestHost spec={spec} theme={theme} events={harness.events} />
        ) : isPanel ? (
          <Panel spec={spec} theme={theme} />
        ) : (
          <Editors spec={spec} events={harness.events} />
        )}
      </ThemeContext.Provider>
    );
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    harness.theme = themeInfo(theme);
    return harness.theme;
  },

  probe: { stl: probeStl, correlations: probeCorrelations, surface: probeSurface, stlHoverPoint, cssColour },

  /** Resizes the panel box, as dragging a dashboard panel's corner does; the panel re-lays out via the observer. */
  resize(width: number, height: number) {
    const box = document.querySelector<HTMLElement>('[data-testid="harness-panel"]');
    if (!box) {
      throw new Error('no panel rendered');
    }
    box.style.width = `${width}px`;
    box.style.height = `${height}px`;
  },
};

declare global {
  interface Window {
    harness: typeof harness;
    harnessReady: boolean;
  }
}

/**
 * Grafana fills the registry of option editors at start-up from its own (unpublished) editor components; the
 * panel option builders look editors up by id while declaring options. The harness never shows the options pane,
 * so an empty editor per standard id is enough for `plugin.defaults` to run the module's real option declarations.
 */
const OPTION_EDITOR_IDS = [
  'number',
  'slider',
  'text',
  'strings',
  'select',
  'multi-select',
  'radio',
  'boolean',
  'color',
  'timezone',
  'unit',
  'field-name',
  'links',
  'mappings',
  'thresholds',
  'interval',
  'stats-picker',
];
standardEditorsRegistry.setInit(() => OPTION_EDITOR_IDS.map((id) => ({ id, name: id, editor: () => null })));

setBackendSrv(fetchBackendSrv());
// A page without dashboard variables: Grafana's template service then leaves every text as it is.
setTemplateSrv({
  getVariables: () => [],
  replace: (target?: string) => target ?? '',
  containsTemplate: () => false,
  updateTimeRange: () => undefined,
} as unknown as TemplateSrv);
window.harness = harness;
window.harnessReady = true;
