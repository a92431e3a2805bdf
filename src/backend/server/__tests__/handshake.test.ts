import { checkHandshakeEnv, handshakeLine } from '../handshake';

test('handshake accepts the datasource cookie with protocol 2 among the offered versions', () => {
  expect(checkHandshakeEnv({ grafana_plugin_type: 'datasource', PLUGIN_PROTOCOL_VERSIONS: '2' })).toEqual({ ok: true });
  expect(checkHandshakeEnv({ grafana_plugin_type: 'datasource', PLUGIN_PROTOCOL_VERSIONS: '1, 2,3' })).toEqual({
    ok: true,
  });
});

test('handshake refuses a missing cookie with a message for a person running the binary by hand', () => {
  const r = checkHandshakeEnv({});
  expect(r.ok).toBe(false);
  expect(!r.ok && r.message).toMatch(/not meant to be run directly/);
});

test('handshake refuses when protocol 2 is not offered', () => {
  const r = checkHandshakeEnv({ grafana_plugin_type: 'datasource', PLUGIN_PROTOCOL_VERSIONS: '1,3,12' });
  expect(r.ok).toBe(false);
  expect(!r.ok && r.message).toMatch(/PLUGIN_PROTOCOL_VERSIONS="1,3,12"/);
});

test('handshake line is core 1, app 2, tcp, the address and grpc, one line', () => {
  expect(handshakeLine('127.0.0.1', 40123)).toBe('1|2|tcp|127.0.0.1:40123|grpc\n');
});
