import { RESOURCE_PATHS, type RecordingRulesResponse } from '../../../shared/resources';
import type { PluginContext } from '../../server/protoTypes';
import { routeResource } from '../routeResource';

const context = (jsonData: object) =>
  ({
    dataSourceInstanceSettings: { jsonData: Buffer.from(JSON.stringify(jsonData)), decryptedSecureJsonData: {} },
  }) as unknown as PluginContext;
const post = (body: unknown, jsonData: object = { upstream: 'prometheus', url: 'http://127.0.0.1:1' }) =>
  routeResource(
    {
      method: 'POST',
      path: RESOURCE_PATHS.recordingRules,
      url: RESOURCE_PATHS.recordingRules,
      body: new TextEncoder().encode(typeof body === 'string' ? body : JSON.stringify(body)),
    },
    context(jsonData)
  );

const query = {
  refId: 'A',
  datasource: { type: 'seedlabs-anomalylens-datasource', uid: 'x' },
  schemaVersion: 2,
  expr: 'http_latency_seconds{service="checkout"}',
  method: 'seasonal',
  seasonality: ['1d'],
  direction: 'above',
};

describe('recording-rules resource', () => {
  it('answers the rule file, the group and the recorded names for a seasonal query', async () => {
    const r = await post({ query, interval: '5m' });
    expect(r.code).toBe(200);
    const body = r.body as RecordingRulesResponse;
    expect(body.group).toBe('anomaly_lens_service_http_latency_seconds_seasonal1d');
    expect(body.interval).toBe('5m');
    expect(body.names).toEqual({
      value: 'service:http_latency_seconds:seasonal1d_value',
      expected: 'service:http_latency_seconds:seasonal1d_expected',
      sigma: 'service:http_latency_seconds:seasonal1d_sigma',
      upper: 'service:http_latency_seconds:seasonal1d_upper',
      flag: 'service:http_latency_seconds:seasonal1d_flag',
    });
    expect(body.yaml).toMatch(/^# Anomaly Lens: seasonal band of/);
    expect(body.yaml).toContain('  - name: "anomaly_lens_service_http_latency_seconds_seasonal1d"\n    interval: "5m"');
    expect(body.notes).toContain('Direction above: no lower series is recorded (the plugin draws it at −∞).');
  });

  it('answers 400 naming the option when the query cannot be exported', async () => {
    const r = await post({ query: { ...query, method: 'forecast' } });
    expect(r.code).toBe(400);
    expect((r.body as { error: string }).error).toMatch(/^cannot export as recording rules: method is forecast;/);
    const auto = await post({ query: { ...query, seasonality: 'auto' } });
    expect((auto.body as { error: string }).error).toContain('seasonality is auto');
  });

  it('answers 400 for a body that is not a query', async () => {
    expect((await post('[1]')).code).toBe(400);
    expect((await post({ query: 'up' })).body).toEqual({
      error: 'query must be the analysis query to export (a JSON object)',
    });
    expect((await post({ query, interval: 5 })).body).toEqual({ error: 'interval must be a string' });
    expect((await post({ query: { ...query, expr: 42 } })).body).toEqual({
      error: 'query.expr must be the PromQL expression (a string)',
    });
  });

  it('is served for the demo upstream with a note, refused for InfluxDB, and only by POST', async () => {
    const demo = await post({ query }, {});
    expect(demo.code).toBe(200);
    expect((demo.body as RecordingRulesResponse).notes.join(' ')).toContain('demo');
    expect((await post({ query }, { upstream: 'influxdb' })).code).toBe(501);
    const get = await routeResource(
      { method: 'GET', path: 'recording-rules', url: 'recording-rules', body: new Uint8Array() },
      context({})
    );
    expect(get.code).toBe(405);
  });
});
