/**
 * Starts Debian's InfluxDB 1.6 (`influxd run -config <temp file>`) with every directory in a temp folder, the
 * HTTP API and the RPC `bind-address` (default :8088, which would collide between runs) on free 127.0.0.1
 * ports, reporting and the monitor store off, and optionally auth enabled with one admin user (created over
 * HTTP before any user exists, as InfluxDB 1.x allows). Our own test helper.
 */
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';

import { freePort, requireBinary, startProcess, waitReady } from './serverProcess';

export const INFLUXD_BIN = '/usr/bin/influxd';
export const INFLUX_TEST_USER = 'lens_admin';
export const INFLUX_TEST_PASSWORD = 'lens-influx-password';

export interface RunningInfluxd {
  url: string;
  /** Basic-auth header value when auth is on. */
  authHeader?: string;
  stop(): Promise<void>;
}

/** POST to the running server; rejects unless 2xx. */
export function influxPost(
  url: string,
  pathAndQuery: string,
  body: string,
  headers: Record<string, string> = {}
): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      new URL(pathAndQuery, url),
      { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers }, timeout: 15_000 },
      (res) => {
        let text = '';
        res.on('data', (b: Buffer) => (text += b.toString('utf8')));
        res.on('end', () =>
          (res.statusCode ?? 0) >= 200 && (res.statusCode ?? 0) < 300
            ? resolve(text)
            : reject(new Error(`InfluxDB ${pathAndQuery} answered HTTP ${res.statusCode}: ${text}`))
        );
      }
    );
    req.on('timeout', () => req.destroy(new Error('InfluxDB request timed out')));
    req.on('error', reject);
    req.end(body);
  });
}

export async function startInfluxd(options: { auth?: boolean } = {}): Promise<RunningInfluxd> {
  requireBinary(INFLUXD_BIN, 'influxdb');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lens-influx-'));
  const httpPort = await freePort();
  const rpcPort = await freePort();
  const config = `
reporting-disabled = true
bind-address = "127.0.0.1:${rpcPort}"
[meta]
  dir = "${dir}/meta"
[data]
  dir = "${dir}/data"
  wal-dir = "${dir}/wal"
  query-log-enabled = false
[coordinator]
  log-queries-after = "0s"
[retention]
  enabled = false
[monitor]
  store-enabled = false
[http]
  enabled = true
  bind-address = "127.0.0.1:${httpPort}"
  auth-enabled = ${options.auth ? 'true' : 'false'}
  log-enabled = false
[continuous_queries]
  enabled = false
`;
  const configFile = path.join(dir, 'influxdb.conf');
  fs.writeFileSync(configFile, config);
  const proc = startProcess(INFLUXD_BIN, ['run', '-config', configFile], [dir]);
  const url = `http://127.0.0.1:${httpPort}`;
  try {
    await waitReady(proc, `${url}/ping`, 'influxd');
    let authHeader: string | undefined;
    if (options.auth) {
      await influxPost(
        url,
        '/query',
        new URLSearchParams({
          q: `CREATE USER ${INFLUX_TEST_USER} WITH PASSWORD '${INFLUX_TEST_PASSWORD}' WITH ALL PRIVILEGES`,
        }).toString()
      );
      authHeader = 'Basic ' + Buffer.from(`${INFLUX_TEST_USER}:${INFLUX_TEST_PASSWORD}`).toString('base64');
    }
    return { url, authHeader, stop: () => proc.stop() };
  } catch (e) {
    await proc.stop();
    throw e;
  }
}
