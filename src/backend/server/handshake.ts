/**
 * go-plugin handshake for a non-Go plugin (docs/protocol.md §2.1, §2.3): check the magic cookie and protocol version
 * from the environment, then print `1|2|tcp|127.0.0.1:<port>|grpc` as the first and only stdout line.
 */

/** go-plugin CoreProtocolVersion. */
export const CORE_PROTOCOL_VERSION = 1;
/** Grafana's app protocol version (pluginv2). */
export const APP_PROTOCOL_VERSION = 2;
export const MAGIC_COOKIE_KEY = 'grafana_plugin_type';
export const MAGIC_COOKIE_VALUE = 'datasource';

export type HandshakeCheck = { ok: true } | { ok: false; message: string };

export function checkHandshakeEnv(env: Record<string, string | undefined>): HandshakeCheck {
  if (env[MAGIC_COOKIE_KEY] !== MAGIC_COOKIE_VALUE) {
    return {
      ok: false,
      message:
        'This binary is a Grafana plugin (Anomaly Lens data source backend) and is not meant to be run directly: ' +
        'Grafana starts it. (missing magic cookie grafana_plugin_type=datasource)',
    };
  }
  const versions = (env.PLUGIN_PROTOCOL_VERSIONS ?? '')
    .split(',')
    .map((v) => v.trim())
    .filter((v) => v !== '');
  if (!versions.includes(String(APP_PROTOCOL_VERSION))) {
    return {
      ok: false,
      message:
        `This plugin speaks plugin protocol version ${APP_PROTOCOL_VERSION}, but the host offers ` +
        `PLUGIN_PROTOCOL_VERSIONS="${env.PLUGIN_PROTOCOL_VERSIONS ?? ''}". Use a Grafana version that supports protocol 2.`,
    };
  }
  return { ok: true };
}

export function handshakeLine(host: string, port: number): string {
  return `${CORE_PROTOCOL_VERSION}|${APP_PROTOCOL_VERSION}|tcp|${host}:${port}|grpc\n`;
}
