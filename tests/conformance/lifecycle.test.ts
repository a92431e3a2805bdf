/**
 * Stopping and logging as go-plugin does them (docs/protocol.md §1.6–1.7): Grafana stops a plugin with
 * `plugin.GRPCController/Shutdown` and SIGKILLs it 2 s later; Ctrl-C on Grafana's terminal sends SIGINT to the
 * whole process group, which a plugin must ignore; every stderr line should be hclog JSON with a level.
 */
import { connect } from './support/pluginClients';
import { launchPlugin, RunningPlugin, stopPlugin } from './support/launchPlugin';

jest.setTimeout(60_000);

const LEVELS = ['trace', 'debug', 'info', 'warn', 'error'];
/** go-plugin parses `@timestamp` with layout 2006-01-02T15:04:05.000000Z07:00: exactly six fractional digits. */
const HCLOG_TIMESTAMP = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}(Z|[+-]\d\d:\d\d)$/;

describe('plugin lifecycle', () => {
  let plugin: RunningPlugin | undefined;
  afterEach(async () => {
    await stopPlugin(plugin);
    plugin = undefined;
  });

  it('plugin.GRPCController/Shutdown makes the process exit 0 within 2 s', async () => {
    plugin = await launchPlugin();
    const clients = connect(plugin.address);
    expect((await clients.healthCheck('plugin')).status).toBe('SERVING');
    const t0 = Date.now();
    // The reply may or may not arrive before the connection closes; both are fine for go-plugin (it ignores it).
    await clients.shutdown().catch(() => undefined);
    const exit = await Promise.race([
      plugin.exited,
      new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 2000)),
    ]);
    const elapsed = Date.now() - t0;
    clients.close();
    expect(exit).toEqual({ code: 0, signal: null });
    expect(elapsed).toBeLessThan(2000);
  });

  it('ignores SIGINT and keeps serving', async () => {
    plugin = await launchPlugin();
    plugin.proc.kill('SIGINT');
    await new Promise((r) => setTimeout(r, 500));
    expect(plugin.hasExited()).toBe(false);
    const clients = connect(plugin.address);
    expect((await clients.healthCheck('plugin')).status).toBe('SERVING');
    clients.close();
  });

  it('writes stderr as hclog JSON lines with @level, @message and a six-digit @timestamp', async () => {
    plugin = await launchPlugin();
    const clients = connect(plugin.address);
    await clients.checkHealth({});
    await clients.queryData({ queries: [{ refId: 'A', json: Buffer.from('{') }] });
    await clients.shutdown().catch(() => undefined);
    clients.close();
    await plugin.exited;
    const lines = plugin.stderrLines();
    // At least the start-up and shutdown are logged, so an empty stderr means logging is broken.
    expect(lines.length).toBeGreaterThanOrEqual(2);
    for (const line of lines) {
      const entry = JSON.parse(line);
      expect(LEVELS).toContain(entry['@level']);
      expect(typeof entry['@message']).toBe('string');
      if ('@timestamp' in entry) {
        expect(entry['@timestamp']).toMatch(HCLOG_TIMESTAMP);
      }
    }
  });
});
