#!/usr/bin/env node
/**
 * Copies the browser suite's screenshots (tests/browser writes test-results/browser/<name>.png) that the app's
 * catalogue page shows into src/img/screenshots/, where src/plugin.json's `info.screenshots` names them and the
 * build copies them from. Run after `npx jest tests/browser --selectProjects system` when the UI changes.
 *
 * Usage: node scripts/updateScreenshots.mjs
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const FROM = join(ROOT, 'test-results', 'browser');

/** Screenshot file in src/img/screenshots ← name the browser suite gives it. */
const SOURCES = {
  'analyse-page.png': 'analyse-page-dark-1200.png',
  'stl-panel.png': 'stl-dark.png',
  'correlations-panel.png': 'correlations-dark.png',
  'query-editor.png': 'query-editor-completion-dark.png',
};

const pluginJson = JSON.parse(readFileSync(join(ROOT, 'src', 'plugin.json'), 'utf8'));
const named = (pluginJson.info?.screenshots ?? []).map((s) => s.path);
for (const path of named) {
  const source = SOURCES[basename(path)];
  if (!source) {
    throw new Error(`src/plugin.json names ${path}, which has no browser screenshot in scripts/updateScreenshots.mjs`);
  }
  const from = join(FROM, source);
  if (!existsSync(from)) {
    throw new Error(`${from} is missing: run the browser suite first (npx jest tests/browser --selectProjects system)`);
  }
  const to = join(ROOT, 'src', path);
  mkdirSync(dirname(to), { recursive: true });
  copyFileSync(from, to);
  process.stderr.write(`updateScreenshots: ${source} → src/${path}\n`);
}
