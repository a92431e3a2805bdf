import { join } from 'node:path';
import protobuf from 'protobufjs';
import { PROTO_DESCRIPTOR } from '../../gen/protoDescriptor';
import { services } from '../protocol';

const PROTO_DIR = join(__dirname, '..', '..', '..', '..', 'proto');

test('the embedded descriptor matches proto/*.proto (run node scripts/gen-proto.mjs after editing a .proto)', () => {
  const fromDisk = new protobuf.Root()
    .loadSync(
      ['backend.proto', 'controller.proto', 'health.proto'].map((f) => join(PROTO_DIR, f)),
      { keepCase: true }
    )
    .toJSON();
  expect(JSON.parse(JSON.stringify(PROTO_DESCRIPTOR))).toEqual(JSON.parse(JSON.stringify(fromDisk)));
});

test('the services are served on the method paths Grafana and go-plugin call', () => {
  const paths = (ctor: { service: Record<string, { path: string }> }) => Object.values(ctor.service).map((m) => m.path);
  expect(paths(services.Data)).toEqual(['/pluginv2.Data/QueryData']);
  expect(paths(services.Diagnostics)).toEqual([
    '/pluginv2.Diagnostics/CheckHealth',
    '/pluginv2.Diagnostics/CollectMetrics',
  ]);
  expect(paths(services.Resource)).toEqual(['/pluginv2.Resource/CallResource']);
  expect(services.Resource.service.CallResource.responseStream).toBe(true);
  expect(paths(services.GRPCController)).toEqual(['/plugin.GRPCController/Shutdown']);
  expect(paths(services.Health)).toEqual(['/grpc.health.v1.Health/Check', '/grpc.health.v1.Health/Watch']);
});

test('field numbers and enum values follow grafana-plugin-sdk-go proto/backend.proto (docs/protocol.md §3)', () => {
  const root = protobuf.Root.fromJSON(PROTO_DESCRIPTOR as protobuf.INamespace);
  const ids = (type: string) =>
    Object.fromEntries(Object.entries(root.lookupType(type).fields).map(([name, f]) => [name, f.id]));
  expect(ids('pluginv2.DataResponse')).toEqual({
    frames: 1,
    error: 2,
    jsonMeta: 3,
    status: 4,
    errorSource: 5,
    format: 6,
  });
  expect(ids('pluginv2.DataQuery')).toEqual({
    refId: 1,
    maxDataPoints: 2,
    intervalMS: 3,
    timeRange: 4,
    json: 5,
    queryType: 6,
  });
  expect(ids('pluginv2.PluginContext')).toMatchObject({
    orgId: 1,
    dataSourceInstanceSettings: 5,
    grafanaConfig: 6,
    namespace: 10,
  });
  expect(ids('pluginv2.DataSourceInstanceSettings')).toMatchObject({
    jsonData: 8,
    decryptedSecureJsonData: 9,
    uid: 11,
  });
  expect(ids('pluginv2.CallResourceRequest')).toEqual({
    pluginContext: 1,
    path: 2,
    method: 3,
    url: 4,
    headers: 5,
    body: 6,
  });
  expect(root.lookupEnum('pluginv2.CheckHealthResponse.HealthStatus').values).toEqual({ UNKNOWN: 0, OK: 1, ERROR: 2 });
  expect(root.lookupEnum('pluginv2.DataFrameFormat').values).toEqual({ ARROW: 0, JSON: 1 });
});
