/**
 * Bundles tests/browser/harness/harness.tsx for the browser with esbuild into a temporary folder. Unlike the
 * plugin build (webpack, where React and @grafana/* are Grafana's externals), the harness bundles them: it plays
 * Grafana's part. What @grafana/ui 13.2 needs from a bundler: CSS imports (monaco's codicon.css and the
 * component styles) and the font/image files those reference, emitted as files next to the script. Monaco itself
 * comes from node_modules this way: @grafana/ui's `CodeEditor` imports `monaco-editor` and hands it to
 * `@monaco-editor/react`'s loader (`loader.config({ monaco })`), so the expression field the browser tests type
 * into is the real editor. Without a worker set up (Grafana sets one), Monaco runs its language worker on the page.
 */
import { build } from 'esbuild';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface HarnessBundle {
  /** Folder holding index.html, harness.js, harness.css and the assets they reference. */
  dir: string;
}

const INDEX_HTML = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>Anomaly Lens browser harness</title>
    <link rel="stylesheet" href="/harness.css" />
    <script>
      // What Grafana's index.html sets before any plugin code runs (@grafana/runtime's config reads it).
      window.grafanaBootData = { assets: { dark: '', light: '' }, settings: {}, user: {}, navTree: [] };
    </script>
  </head>
  <body>
    <div id="root"></div>
    <script src="/harness.js"></script>
  </body>
</html>
`;

export async function bundleHarness(): Promise<HarnessBundle> {
  const dir = mkdtempSync(join(tmpdir(), 'anomalylens-browser-harness-'));
  await build({
    entryPoints: { harness: join(__dirname, '..', 'harness', 'harness.tsx') },
    bundle: true,
    outdir: dir,
    platform: 'browser',
    format: 'iife',
    target: 'chrome120',
    jsx: 'automatic',
    // Production React and Grafana code paths, as in Grafana; source maps make page errors readable.
    define: { 'process.env.NODE_ENV': '"production"', global: 'globalThis' },
    sourcemap: 'linked',
    loader: { '.ttf': 'file', '.woff': 'file', '.woff2': 'file', '.svg': 'file', '.png': 'file', '.gif': 'file' },
    logLevel: 'error',
  });
  writeFileSync(join(dir, 'index.html'), INDEX_HTML);
  return { dir };
}
