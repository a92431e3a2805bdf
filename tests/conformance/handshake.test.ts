/**
 * Start-up as go-plugin sees it (docs/protocol.md §1.3–1.4, §2.1, §2.3): the environment holds only the magic
 * cookie and the protocol versions, cwd is not the plugin folder, stdout carries exactly one handshake line.
 */
import { connect } from './support/pluginClients';
import { GRAFANA_ENV, launchPlugin, RunningPlugin, runToExit, stopPlugin } from './support/launchPlugin';

jest.setTimeout(60_000);

const HANDSHAKE = /^1\|2\|tcp\|127\.0\.0\.1:(\d{1,5})\|grpc$/;

describe('plugin start-up handshake', () => {
  let plugin: RunningPlugin | undefined;
  afterEach(async () => {
    await stopPlugin(plugin);
    plugin = undefined;
  });

  it('prints one line 1|2|tcp|127.0.0.1:<port>|grpc and nothing else on stdout', async () => {
    plugin = await launchPlugin();
    const m = HANDSHAKE.exec(plugin.handshake);
    expect(m).not.toBeNull();
    const port = Number(m![1]);
    expect(port).toBeGreaterThan(0);
    expect(port).toBeLessThan(65536);

    // Make the plugin do work (logging included), then check stdout stayed quiet after the handshake.
    const clients = connect(plugin.address);
    await clients.checkHealth({});
    await clients.queryData({ queries: [{ refId: 'A', json: Buffer.from('{') }] });
    clients.close();
    await new Promise((r) => setTimeout(r, 300));
    expect(plugin.stdout()).toBe(`${plugin.handshake}\n`);
  });

  it('ignores NODE_OPTIONS and other variables of a forwarded host environment', async () => {
    // Without pluginsSkipHostEnvVars Grafana forwards its whole environment (docs/protocol.md §1.4), plus go-plugin's
    // port range and Grafana's GF_* variables. A NODE_OPTIONS meant for something else must not reach our runtime.
    plugin = await launchPlugin({
      env: {
        ...GRAFANA_ENV,
        PLUGIN_MIN_PORT: '10000',
        PLUGIN_MAX_PORT: '25000',
        GF_VERSION: '13.2.2',
        PATH: '/usr/sbin:/usr/bin:/sbin:/bin',
        HOME: '/usr/share/grafana',
        NODE_OPTIONS: '--require /nonexistent/anomalylens-preload.js',
      },
    });
    expect(plugin.handshake).toMatch(HANDSHAKE);
    const clients = connect(plugin.address);
    expect((await clients.healthCheck('plugin')).status).toBe('SERVING');
    clients.close();
  });

  it('accepts a protocol list that contains 2 among others', async () => {
    plugin = await launchPlugin({ env: { ...GRAFANA_ENV, PLUGIN_PROTOCOL_VERSIONS: '1,2' } });
    expect(plugin.handshake).toMatch(HANDSHAKE);
  });

  it('serves from a fresh working directory with no host environment (no PATH, HOME, TMPDIR)', async () => {
    plugin = await launchPlugin();
    const clients = connect(plugin.address);
    expect((await clients.healthCheck('plugin')).status).toBe('SERVING');
    clients.close();
    expect(plugin.hasExited()).toBe(false);
  });
});

describe('plugin refuses to run outside Grafana', () => {
  it('exits 1 with a message naming the cookie when grafana_plugin_type is missing', async () => {
    const r = await runToExit({ PLUGIN_PROTOCOL_VERSIONS: '2' });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('grafana_plugin_type');
  });

  it('exits 1 when the environment is empty (run by hand)', async () => {
    const r = await runToExit({});
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().length).toBeGreaterThan(0);
  });

  it('exits 1 when the cookie has another value', async () => {
    const r = await runToExit({ grafana_plugin_type: 'panel', PLUGIN_PROTOCOL_VERSIONS: '2' });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('grafana_plugin_type');
  });

  it('exits 1 with a message naming the protocol when the host offers only protocol 1', async () => {
    const r = await runToExit({ grafana_plugin_type: 'datasource', PLUGIN_PROTOCOL_VERSIONS: '1' });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/protocol/i);
  });
});
