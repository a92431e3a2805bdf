/**
 * One browser session for the browser tests: the built backend executable started as Grafana starts it, the
 * harness bundled and served on loopback (resource calls forwarded to the executable), one Chromium page.
 * `render` puts a component on the page; `queryFrames` runs a real QueryData and returns Grafana's frame JSON.
 */
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, ConsoleMessage, Page } from 'playwright-core';
import type { DataFrameJSON } from '@grafana/data';
import { connect, demoPluginContext, DataQueryMessage, PluginClients } from '../../conformance/support/pluginClients';
import { launchPlugin, RunningPlugin, stopPlugin } from '../../conformance/support/launchPlugin';
import { REPO_ROOT } from '../../conformance/support/pluginExecutable';
import type { HarnessSpec, ThemeInfo } from '../harness/harness';
import { bundleHarness } from './bundleHarness';
import { launchChromium } from './chromium';
import { arrowFrameToJson } from './frameJson';
import { HarnessServer, startHarnessServer } from './harnessServer';

export const SCREENSHOT_DIR = join(REPO_ROOT, 'test-results', 'browser');

export interface BrowserSession {
  page: Page;
  server: HarnessServer;
  /** Page errors and console errors so far; a test asserts none happened. */
  problems: string[];
  render(spec: HarnessSpec): Promise<ThemeInfo>;
  screenshot(name: string): Promise<string>;
  queryFrames(query: DataQueryMessage): Promise<DataFrameJSON[]>;
  close(): Promise<void>;
}

/** A DataQuery as Grafana sends it for a panel: JSON model plus range, interval and max data points. */
export function lensQuery(
  refId: string,
  model: Record<string, unknown>,
  range: { from: number; to: number },
  intervalMs: number
): DataQueryMessage {
  const maxDataPoints = Math.ceil((range.to - range.from) / intervalMs);
  return {
    refId,
    maxDataPoints,
    intervalMS: intervalMs,
    timeRange: { fromEpochMS: range.from, toEpochMS: range.to },
    json: Buffer.from(JSON.stringify({ refId, schemaVersion: 2, intervalMs, maxDataPoints, ...model })),
    queryType: typeof model.queryType === 'string' ? model.queryType : '',
  };
}

export async function startBrowserSession(): Promise<BrowserSession> {
  let plugin: RunningPlugin | undefined;
  let clients: PluginClients | undefined;
  let server: HarnessServer | undefined;
  let browser: Browser | undefined;
  let bundleDir: string | undefined;
  const close = async () => {
    await browser?.close();
    await server?.close();
    clients?.close();
    await stopPlugin(plugin);
    if (bundleDir) {
      rmSync(bundleDir, { recursive: true, force: true });
    }
  };
  try {
    // Independent start-ups in parallel: bundling is CPU-bound, the others mostly wait.
    const [bundle, started, chromium] = await Promise.all([bundleHarness(), launchPlugin(), launchChromium()]);
    bundleDir = bundle.dir;
    plugin = started;
    browser = chromium;
    clients = connect(plugin.address);
    const pluginContext = demoPluginContext();
    server = await startHarnessServer(bundle.dir, clients, pluginContext);
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 }, deviceScaleFactor: 1 });
    // Waits on the page are for things that take milliseconds; fail fast rather than at jest's timeout.
    page.setDefaultTimeout(10_000);
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(`page error: ${e.stack ?? e.message}`));
    // Grafana's web fonts are not installed, and its spinner icon is Grafana's own rather than @grafana/ui's
    // (see harnessServer.ts); everything else must load.
    const notShipped = (url: string) => {
      const path = new URL(url).pathname;
      return path.startsWith('/public/fonts/') || path.endsWith('/unicons/spinner.svg');
    };
    page.on('requestfailed', (r) => {
      // An image whose component unmounted before it loaded is cancelled, not failed.
      if (!notShipped(r.url()) && r.failure()?.errorText !== 'net::ERR_ABORTED') {
        problems.push(`request failed: ${r.url()}`);
      }
    });
    page.on('response', (r) => {
      if (r.status() >= 400 && !notShipped(r.url()) && !r.url().includes('/resources/')) {
        problems.push(`HTTP ${r.status()}: ${r.url()}`);
      }
    });
    page.on('console', (m: ConsoleMessage) => {
      // The browser's own line for each failed request repeats what the handlers above record (or ignore).
      if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) {
        problems.push(`console error: ${m.text()}`);
      }
    });
    await page.goto(server.url);
    await page.waitForFunction(() => window.harnessReady === true, undefined, { timeout: 15_000 });
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    const c = clients;
    return {
      page,
      server,
      problems,
      render: (spec) => page.evaluate((s) => window.harness.render(s), spec),
      screenshot: async (name) => {
        const path = join(SCREENSHOT_DIR, `${name}.png`);
        await page.screenshot({ path, fullPage: true });
        return path;
      },
      queryFrames: async (query) => {
        const res = await c.queryData({ pluginContext, queries: [query] });
        const r = res.responses[query.refId];
        if (!r || r.error) {
          throw new Error(`query ${query.refId} failed: ${r?.error ?? 'no response'}`);
        }
        return r.frames.map((b) => arrowFrameToJson(b));
      },
      close,
    };
  } catch (e) {
    await close();
    throw e;
  }
}
