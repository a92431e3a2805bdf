/**
 * A loopback HTTP server for the browser tests: serves the bundled harness, and forwards
 * `/api/datasources/uid/<uid>/resources/<path>?<query>` to the plugin's CallResource the way Grafana's resource
 * proxy does (path relative to the resources root, `url` = path plus the raw query string, method, headers and body
 * passed through; the streamed response's status, headers and body chunks written back).
 */
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { PluginClients } from '../../conformance/support/pluginClients';
import { REPO_ROOT } from '../../conformance/support/pluginExecutable';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json',
  '.ttf': 'font/ttf',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

const RESOURCE_PREFIX = /^\/api\/datasources\/uid\/([^/]+)\/resources\/(.*)$/;

/**
 * Where Grafana serves @grafana/ui's icons (`public/build/img/icons/unicons/*.svg`, fetched by `<Icon>`); the
 * package ships them. Grafana's Inter/Roboto fonts (`/public/fonts/…`) are not in any installed package: the
 * page falls back to the system sans-serif and the session ignores those 404s.
 */
const ICONS_PREFIX = '/public/build/img/';
const ICONS_DIR = join(REPO_ROOT, 'node_modules', '@grafana', 'ui', 'dist', 'public', 'img');

export interface HarnessServer {
  url: string;
  /** Resource calls forwarded so far, as `path?query` (what the editors asked the backend). */
  resourceCalls: string[];
  close(): Promise<void>;
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export async function startHarnessServer(
  staticDir: string,
  clients: PluginClients,
  pluginContext: object
): Promise<HarnessServer> {
  const resourceCalls: string[] = [];

  const forward = async (req: IncomingMessage, res: ServerResponse, path: string, search: string) => {
    const body = await readBody(req);
    const headers: Record<string, { values: string[] }> = {};
    for (const [k, v] of Object.entries(req.headers)) {
      if (v !== undefined) {
        headers[k] = { values: Array.isArray(v) ? v : [v] };
      }
    }
    resourceCalls.push(path + search);
    const messages = await clients.callResource({
      pluginContext,
      path,
      method: req.method ?? 'GET',
      url: path + search,
      headers,
      body,
    });
    const first = messages[0];
    const outHeaders: Record<string, string[]> = {};
    for (const [k, v] of Object.entries(first?.headers ?? {})) {
      outHeaders[k] = v.values;
    }
    res.writeHead(first?.code || 500, outHeaders);
    res.end(Buffer.concat(messages.map((m) => Buffer.from(m.body))));
  };

  const serveStatic = async (res: ServerResponse, pathname: string) => {
    const rel = normalize(pathname === '/' ? '/index.html' : pathname);
    if (rel.includes('..')) {
      res.writeHead(400).end();
      return;
    }
    const file = rel.startsWith(ICONS_PREFIX) ? join(ICONS_DIR, rel.slice(ICONS_PREFIX.length)) : join(staticDir, rel);
    try {
      const data = await readFile(file);
      res.writeHead(200, { 'content-type': TYPES[extname(rel)] ?? 'application/octet-stream' }).end(data);
    } catch {
      res.writeHead(404).end();
    }
  };

  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const m = RESOURCE_PREFIX.exec(url.pathname);
    const done = m ? forward(req, res, decodeURIComponent(m[2]), url.search) : serveStatic(res, url.pathname);
    done.catch((e: Error) => {
      if (!res.headersSent) {
        res.writeHead(502, { 'content-type': 'application/json' });
      }
      res.end(JSON.stringify({ error: `harness server: ${e.message}` }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    resourceCalls,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
