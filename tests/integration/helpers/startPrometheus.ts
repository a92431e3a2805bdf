/**
 * Starts Debian's Prometheus (2.42) on 127.0.0.1:<free port> over a temp TSDB that `promtool tsdb
 * create-blocks-from openmetrics` has backfilled, with an empty scrape config, 100-year retention (NAB data is
 * from 2014–2015) and, optionally, basic auth through `--web.config.file` (bcrypt hash). Our own test helper.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { freePort, requireBinary, run, startProcess, waitReady } from './serverProcess';

export const PROMETHEUS_BIN = '/usr/bin/prometheus';
export const PROMTOOL_BIN = '/usr/bin/promtool';

/** Test-only credentials; the hash is bcrypt (cost 4, to keep requests fast) of this password. */
export const PROMETHEUS_TEST_USER = 'lens';
export const PROMETHEUS_TEST_PASSWORD = 'lens-test-password';
const PROMETHEUS_TEST_HASH = '$2b$04$zPq/V5Ec4g3vnTOHeGFmi.pVeo3OBd5Vdh8hXG5svax7aXCPtXSi.';

export interface RunningPrometheus {
  url: string;
  /** Basic-auth header value when auth is on. */
  authHeader?: string;
  stop(): Promise<void>;
}

export async function startPrometheus(options: {
  openMetrics: string;
  basicAuth?: boolean;
}): Promise<RunningPrometheus> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lens-prom-'));
  try {
    const dataDir = await backfilledDataDir(dir, options.openMetrics);
    return await launchPrometheus(dir, dataDir, { basicAuth: options.basicAuth, cleanupDirs: [dir] });
  } catch (e) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw e;
  }
}

/** `<dir>/data` holding the OpenMetrics text as TSDB blocks. */
export async function backfilledDataDir(
  dir: string,
  openMetrics: string | Iterable<string>,
  timeoutMs = 30_000
): Promise<string> {
  requireBinary(PROMTOOL_BIN, 'prometheus');
  const dataDir = path.join(dir, 'data');
  const omFile = path.join(dir, 'backfill.om');
  fs.mkdirSync(dataDir);
  writeChunks(omFile, typeof openMetrics === 'string' ? [openMetrics] : openMetrics);
  // Day-long blocks: the 2 h default writes (and fsyncs) one block per 2 h of history, ~6 s for a few days.
  await run(
    PROMTOOL_BIN,
    ['tsdb', 'create-blocks-from', 'openmetrics', '--quiet', '--max-block-duration=24h', omFile, dataDir],
    timeoutMs
  );
  return dataDir;
}

/** Writes the chunks one after the other: a 100,000-series backfill is larger than the longest string V8 holds. */
function writeChunks(file: string, chunks: Iterable<string>): void {
  const fd = fs.openSync(file, 'w');
  try {
    for (const chunk of chunks) {
      fs.writeSync(fd, chunk);
    }
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Prometheus over an existing TSDB folder (config files go to `dir`); `stop` removes `cleanupDirs`, so a caller
 * that restarts Prometheus on the same data passes none and removes the folder itself.
 */
export async function launchPrometheus(
  dir: string,
  dataDir: string,
  options: { basicAuth?: boolean; cleanupDirs: string[]; ruleFiles?: string[]; readyTimeoutMs?: number }
): Promise<RunningPrometheus> {
  requireBinary(PROMETHEUS_BIN, 'prometheus');
  const config = path.join(dir, 'prometheus.yml');
  const rules = options.ruleFiles?.length
    ? `rule_files:\n${options.ruleFiles.map((f) => `  - ${JSON.stringify(f)}\n`).join('')}`
    : '';
  fs.writeFileSync(config, `global:\n  scrape_interval: 15s\nscrape_configs: []\n${rules}`);
  const port = await freePort();
  const args = [
    `--config.file=${config}`,
    `--storage.tsdb.path=${dataDir}`,
    '--storage.tsdb.retention.time=100y',
    `--web.listen-address=127.0.0.1:${port}`,
    '--log.level=warn',
  ];
  let authHeader: string | undefined;
  if (options.basicAuth) {
    const web = path.join(dir, 'web.yml');
    fs.writeFileSync(web, `basic_auth_users:\n  ${PROMETHEUS_TEST_USER}: '${PROMETHEUS_TEST_HASH}'\n`);
    args.push(`--web.config.file=${web}`);
    authHeader = 'Basic ' + Buffer.from(`${PROMETHEUS_TEST_USER}:${PROMETHEUS_TEST_PASSWORD}`).toString('base64');
  }
  const proc = startProcess(PROMETHEUS_BIN, args, options.cleanupDirs);
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitReady(
      proc,
      `${url}/-/ready`,
      'Prometheus',
      authHeader ? { Authorization: authHeader } : {},
      options.readyTimeoutMs
    );
  } catch (e) {
    await proc.stop();
    throw e;
  }
  return { url, authHeader, stop: () => proc.stop() };
}
