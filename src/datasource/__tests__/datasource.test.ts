import {
  AnnotationQuery,
  CoreApp,
  DataFrame,
  DataQueryRequest,
  DataSourceInstanceSettings,
  dateTime,
  FieldType,
  ScopedVars,
  toDataFrame,
} from '@grafana/data';
import { BackendSrv, DataSourceWithBackend, setBackendSrv, setTemplateSrv, TemplateSrv } from '@grafana/runtime';
import { firstValueFrom, of } from 'rxjs';
import { ANOMALY_WINDOW_FRAME } from '../../shared/queryTypes';
import { QUERY_LIMITS } from '../../shared/validateQuery';
import { DataSource, SPARKLINE_POINTS } from '../datasource';
import { ConnectionOptions } from '../connectionOptions';
import { formatVariableValue } from '../interpolateExpr';
import { DEFAULT_QUERY, LensQuery, QUERY_SCHEMA_VERSION } from '../../shared/queryModel';

/** Answers every backend query with `frames` and returns the requests it was sent, in order. */
function captureQueries(frames: DataFrame[] = []): Array<DataQueryRequest<LensQuery>> {
  const sent: Array<DataQueryRequest<LensQuery>> = [];
  jest.spyOn(DataSourceWithBackend.prototype, 'query').mockImplementation((r) => {
    sent.push(r as DataQueryRequest<LensQuery>);
    return of({ data: frames });
  });
  return sent;
}

/** A template service with two variables, using the formatter the data source passes in. */
const vars: Record<string, string | string[]> = {
  service: 'checkout',
  broker: ['b1', 'b.2'],
  anomaly_from: '1700000000000',
  anomaly_to: '1700000600000',
  unset: '',
  __from: '1699990000000',
  __to: '1700009999999',
};
const templateSrv = {
  replace: (target = '', scoped?: ScopedVars, format?: (v: string | string[]) => string) =>
    target.replace(/\$\{(\w+)\}|\$(\w+)/g, (m, braced, plain) => {
      const name = braced ?? plain;
      const v = scoped?.[name]?.value ?? vars[name];
      if (v === undefined) {
        return m;
      }
      return format ? format(v as string | string[]) : String(v);
    }),
} as unknown as TemplateSrv;

function ds(jsonData: ConnectionOptions = {}) {
  return new DataSource({
    id: 1,
    uid: 'anomalylens-demo',
    type: 'seedlabs-anomalylens-datasource',
    name: 'Anomaly Lens',
    jsonData,
    meta: {} as DataSourceInstanceSettings['meta'],
    access: 'proxy',
    readOnly: true,
  } as DataSourceInstanceSettings<ConnectionOptions>);
}

describe('DataSource', () => {
  beforeAll(() => setTemplateSrv(templateSrv));

  it('defaults to the demo upstream when jsonData names none', () => {
    expect(ds().upstream).toBe('demo');
    expect(ds({ upstream: 'influxdb' }).upstream).toBe('influxdb');
  });

  it('offers the shared default query', () => {
    expect(ds().getDefaultQuery(CoreApp.PanelEditor)).toEqual(DEFAULT_QUERY);
  });

  it('skips hidden queries and queries without an expression', () => {
    const d = ds();
    expect(d.filterQuery({ refId: 'A', expr: 'demo_up' })).toBe(true);
    expect(d.filterQuery({ refId: 'A', expr: 'demo_up', hide: true })).toBe(false);
    expect(d.filterQuery({ refId: 'A', expr: '  ' })).toBe(false);
    expect(d.filterQuery({ refId: 'A' })).toBe(false);
  });

  it('replaces dashboard variables in expr and sends the current query version', () => {
    const q: LensQuery = { refId: 'A', expr: 'demo_http_latency_seconds{service="$service"}' };
    const out = ds().applyTemplateVariables(q, {});
    expect(out.expr).toBe('demo_http_latency_seconds{service="checkout"}');
    expect(out.schemaVersion).toBe(QUERY_SCHEMA_VERSION);
  });

  it('turns a multi-value variable into an escaped regex alternation', () => {
    const q: LensQuery = { refId: 'A', expr: 'demo_kafka_bytes_in{broker=~"$broker"}' };
    expect(ds().applyTemplateVariables(q, {}).expr).toBe('demo_kafka_bytes_in{broker=~"(b1|b\\.2)"}');
  });

  it("replaces variables in a correlations query's target and window", () => {
    const q: LensQuery = {
      refId: 'A',
      queryType: 'correlations',
      expr: 'demo_http_latency_seconds',
      correlate: {
        target: 'demo_http_latency_seconds{service="$service"}',
        window: { from: '$anomaly_from', to: '$anomaly_to' },
      },
    };
    expect(ds().applyTemplateVariables(q, {}).correlate).toEqual({
      target: 'demo_http_latency_seconds{service="checkout"}',
      window: { from: '1700000000000', to: '1700000600000' },
    });
  });

  it('reads an empty window side as the dashboard range edge, and an empty window as none', () => {
    const q = (from: string, to: string): LensQuery => ({
      refId: 'A',
      queryType: 'correlations',
      expr: 'm',
      correlate: { target: 't', window: { from, to } },
    });
    expect(ds().applyTemplateVariables(q('$anomaly_from', '$unset'), {}).correlate?.window).toEqual({
      from: '1700000000000',
      to: '1700009999999',
    });
    expect(ds().applyTemplateVariables(q('$unset', '$anomaly_to'), {}).correlate?.window).toEqual({
      from: '1699990000000',
      to: '1700000600000',
    });
    expect(ds().applyTemplateVariables(q('$unset', ' '), {}).correlate?.window).toBeUndefined();
  });

  it('prefers panel-scoped variables (repeated panels) over dashboard ones', () => {
    const q: LensQuery = { refId: 'A', expr: 'm{service="$service"}' };
    expect(ds().applyTemplateVariables(q, { service: { text: 'cart', value: 'cart' } }).expr).toBe('m{service="cart"}');
  });
});

describe('formatVariableValue', () => {
  it('keeps a single text value as it is', () => {
    expect(formatVariableValue('a.b')).toBe('a.b');
  });

  it('escapes a one-element list like a regex value', () => {
    expect(formatVariableValue(['a.b'])).toBe('a\\.b');
  });
});

describe('DataSource annotations', () => {
  const anno = (target: Partial<LensQuery>) =>
    ({
      name: 'Anomalies',
      enable: true,
      iconColor: 'red',
      target: { refId: 'Anno', ...target },
    }) as AnnotationQuery<LensQuery>;

  it('always runs annotation queries as anomaly-window queries and skips ones without an expression', () => {
    const support = ds().annotations!;
    expect(support.prepareQuery!(anno({ expr: 'demo_up', queryType: 'analysis', sensitivity: 4 }))).toEqual({
      refId: 'Anno',
      expr: 'demo_up',
      queryType: 'anomalyWindows',
      sensitivity: 4,
    });
    expect(support.prepareQuery!(anno({ expr: '' }))).toBeUndefined();
    expect(support.getDefaultQuery!()).toMatchObject({ queryType: 'anomalyWindows' });
  });

  it('turns each anomaly window into a region annotation with its explanation and tags', async () => {
    const F = ANOMALY_WINDOW_FRAME.fields;
    const frame = toDataFrame({
      name: ANOMALY_WINDOW_FRAME.name,
      fields: [
        { name: F.time, type: FieldType.time, values: [1000] },
        { name: F.timeEnd, type: FieldType.time, values: [61000] },
        { name: F.title, type: FieldType.string, values: ['checkout above its band'] },
        { name: F.text, type: FieldType.string, values: ['peak 0.9 s vs expected 0.2 s'] },
        { name: F.tags, type: FieldType.string, values: ['anomaly,above'] },
      ],
    });
    const events = await firstValueFrom(ds().annotations!.processEvents!(anno({ expr: 'x' }), [frame]));
    expect(events).toEqual([
      {
        time: 1000,
        timeEnd: 61000,
        isRegion: true,
        title: 'checkout above its band',
        text: 'peak 0.9 s vs expected 0.2 s',
        tags: ['anomaly', 'above'],
      },
    ]);
  });
});

describe('DataSource variable queries', () => {
  it('answers label_values through the resource endpoints', async () => {
    const d = ds();
    const getResource = jest
      .spyOn(d, 'getResource')
      .mockResolvedValue({ label: 'service', values: ['checkout', 'cart'] } as never);
    await d.metricFindQuery('label_values(demo_up, $service)');
    expect(getResource).toHaveBeenCalledWith('label-values', { label: 'checkout', metric: 'demo_up' });
    expect(await d.metricFindQuery({ refId: 'v', query: 'label_values(demo_up, service)' })).toEqual([
      { text: 'cart', value: 'cart' },
      { text: 'checkout', value: 'checkout' },
    ]);
  });

  it('rejects a malformed variable query with what to write instead', async () => {
    await expect(ds().metricFindQuery('up')).rejects.toThrow(/use one of metrics\(regex\?\)/);
  });
});

describe('DataSource exclusion tags', () => {
  const from = dateTime(1_700_000_000_000);
  const to = dateTime(1_700_003_600_000);
  const request = (targets: LensQuery[]) =>
    ({ targets, range: { from, to, raw: { from, to } }, scopedVars: {} }) as unknown as DataQueryRequest<LensQuery>;

  afterEach(() => jest.restoreAllMocks());

  it('sends the regions of annotations with the tags as exclusions, after the manual ones', async () => {
    const get = jest
      .fn()
      .mockResolvedValue([
        { time: 1_699_990_000_000, timeEnd: 1_699_993_600_000, tags: ['maintenance'] },
        { time: 1_699_999_000_000, tags: ['incident'] },
        { text: 'no time: ignored' },
      ]);
    setBackendSrv({ get } as unknown as BackendSrv);
    const sent = captureQueries();
    const manual = { from: 1, to: 2 };
    await firstValueFrom(
      ds().query(
        request([
          { refId: 'A', expr: 'demo_up', exclusionTags: ['maintenance', 'incident'], exclusions: [manual] },
          { refId: 'B', expr: 'demo_up' },
        ])
      )
    );
    expect(get).toHaveBeenCalledTimes(1);
    expect(get.mock.calls[0][0]).toBe('/api/annotations');
    expect(get.mock.calls[0][1]).toMatchObject({
      tags: ['maintenance', 'incident'],
      matchAny: true,
      from: from.valueOf() - QUERY_LIMITS.maxHistoryMs,
      to: to.valueOf(),
    });
    expect(sent[0].targets[0].exclusions).toEqual([
      manual,
      { from: 1_699_990_000_000, to: 1_699_993_600_000, source: 'annotation', label: 'maintenance' },
      { from: 1_699_999_000_000, to: 1_699_999_000_000, source: 'annotation', label: 'incident' },
    ]);
    expect(sent[0].targets[1].exclusions).toBeUndefined();
  });

  it('sends the regions of annotations with a backtest’s incident tags as its incidents, from the range start', async () => {
    const get = jest
      .fn()
      .mockResolvedValue([{ time: 1_700_000_600_000, timeEnd: 1_700_001_800_000, tags: ['incident'] }]);
    setBackendSrv({ get } as unknown as BackendSrv);
    const sent = captureQueries();
    const known = { from: 5, to: 6, label: 'known' };
    await firstValueFrom(
      ds().query(
        request([
          {
            refId: 'A',
            expr: 'demo_up',
            queryType: 'backtest',
            backtest: { incidentTags: ['incident'], incidents: [known], matchBefore: '5m' },
          },
        ])
      )
    );
    expect(get).toHaveBeenCalledTimes(1);
    expect(get.mock.calls[0][1]).toMatchObject({
      tags: ['incident'],
      from: from.valueOf(),
      to: to.valueOf(),
      limit: QUERY_LIMITS.maxIncidents,
    });
    expect(sent[0].targets[0].backtest).toEqual({
      incidentTags: ['incident'],
      matchBefore: '5m',
      incidents: [known, { from: 1_700_000_600_000, to: 1_700_001_800_000, source: 'annotation', label: 'incident' }],
    });
    expect(sent[0].targets[0].exclusions).toBeUndefined();
  });

  it('does not look up annotations when no query has exclusion tags', async () => {
    const get = jest.fn();
    setBackendSrv({ get } as unknown as BackendSrv);
    jest.spyOn(DataSourceWithBackend.prototype, 'query').mockReturnValue(of({ data: [] }));
    await firstValueFrom(ds().query(request([{ refId: 'A', expr: 'demo_up' }])));
    expect(get).not.toHaveBeenCalled();
  });
});

describe('DataSource backtest preview', () => {
  afterEach(() => jest.restoreAllMocks());

  it('sends the query as a backtest over the last span at one-minute steps unless set, and reads the answer', async () => {
    const sent = captureQueries([
      toDataFrame({
        name: 'backtest',
        fields: [
          { name: 'variant', values: ['variant 1'] },
          { name: 'fired', values: [4] },
        ],
      }),
    ]);
    const now = Date.UTC(2026, 10, 20);
    const r = await ds().previewBacktest({ refId: 'A', expr: 'demo_up', sensitivity: 2 }, 86_400_000, now);
    expect(r.summary.map((s) => [s.variant, s.fired])).toEqual([['variant 1', 4]]);
    expect(sent[0].range.from.valueOf()).toBe(now - 86_400_000);
    expect(sent[0].range.to.valueOf()).toBe(now);
    expect(sent[0].targets).toEqual([
      { refId: 'A', expr: 'demo_up', sensitivity: 2, queryType: 'backtest', minStepMs: 60_000 },
    ]);
    await ds().previewBacktest({ refId: 'A', expr: 'demo_up', minStepMs: 300_000 }, 86_400_000, now);
    expect(sent[1].targets[0].minStepMs).toBe(300_000);
  });

  it('asks for the series with its band over the same span at about SPARKLINE_POINTS points, without the backtest options', async () => {
    const sent = captureQueries([
      toDataFrame({
        refId: 'A',
        fields: [
          { name: 'time', type: FieldType.time, values: [1, 2] },
          { name: 'demo_up', type: FieldType.number, values: [3, 4], labels: { lens_output: 'value' } },
        ],
      }),
    ]);
    const now = Date.UTC(2026, 10, 20);
    const query: LensQuery = {
      refId: 'A',
      expr: 'demo_up',
      queryType: 'backtest',
      backtest: { variants: [{ name: 'x', sensitivity: 5 }] },
    };
    const series = await ds().previewBandSeries(query, 7 * 86_400_000, now);
    expect(series.map((s) => Array.from(s.values))).toEqual([[3, 4]]);
    expect(sent[0].range.from.valueOf()).toBe(now - 7 * 86_400_000);
    expect(sent[0].range.to.valueOf()).toBe(now);
    expect(sent[0].maxDataPoints).toBe(SPARKLINE_POINTS);
    expect(sent[0].targets).toEqual([{ refId: 'A', expr: 'demo_up', queryType: 'analysis', outputs: ['raw', 'band'] }]);
  });

  it('throws the backend’s message when the backtest fails', async () => {
    jest
      .spyOn(DataSourceWithBackend.prototype, 'query')
      .mockReturnValue(
        of({ data: [], errors: [{ message: 'query A: backtest.rule.every must lie between 1s and 1d' }] })
      );
    await expect(ds().previewBacktest({ refId: 'A', expr: 'demo_up' }, 86_400_000)).rejects.toThrow(
      'backtest.rule.every must lie'
    );
  });
});
