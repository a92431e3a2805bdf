import { CoreApp, DataSourceInstanceSettings, ScopedVars } from '@grafana/data';
import { setTemplateSrv, TemplateSrv } from '@grafana/runtime';
import { DataSource } from '../datasource';
import { ConnectionOptions } from '../connectionOptions';
import { formatVariableValue } from '../interpolateExpr';
import { DEFAULT_QUERY, LensQuery, QUERY_SCHEMA_VERSION } from '../../shared/queryModel';

/** A template service with two variables, using the formatter the data source passes in. */
const vars: Record<string, string | string[]> = { service: 'checkout', broker: ['b1', 'b.2'] };
const templateSrv = {
  replace: (target = '', scoped?: ScopedVars, format?: (v: string | string[]) => string) =>
    target.replace(/\$(\w+)/g, (m, name) => {
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
