#!/usr/bin/env node
/**
 * Packs the built plugin (`dist/`) into the zip files Grafana's installer takes (`npm run package`, after
 * `npm run build`).
 *
 * Layout (docs/packaging.md): every zip holds one top-level folder named after the plugin id with the contents of
 * `dist/` inside it, executables keeping their exec bit (Grafana starts them directly). One zip has every
 * architecture's executable (`<id>-<version>.zip`); one per architecture has only its own
 * (`<id>-<version>.<goos>_<goarch>.zip`), which is what `grafana cli --pluginUrl` and the catalogue serve per
 * platform. Test data the scaffold's copy step puts into dist (`__tests__`, `__fixtures__`) is left out.
 *
 * Uses Debian's `zip` (Info-ZIP), which stores Unix permissions. Output goes to `artifacts/` unless `--out <dir>`.
 *
 * Usage: node scripts/package.mjs [--dist <dir>] [--out <dir>]
 */
import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RUNTIMES, readExecutableName } from './build-backend.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

class PackageError extends Error {}

function fail(message) {
  throw new PackageError(`package: ${message}`);
}

function parseArgs(argv) {
  const args = { dist: join(ROOT, 'dist'), out: join(ROOT, 'artifacts') };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--dist' || a === '--out') {
      const value = argv[++i];
      if (!value) {
        fail(`${a} needs a directory`);
      }
      args[a.slice(2)] = resolve(value);
    } else {
      fail(`unknown argument ${a} (usage: package.mjs [--dist <dir>] [--out <dir>])`);
    }
  }
  return args;
}

/** Paths inside dist that are test data copied by the scaffold's `**\/*.json` pattern, not part of the plugin. */
export function isTestData(relativePath) {
  return relativePath.split(sep).some((part) => part === '__tests__' || part === '__fixtures__');
}

/** File names of the zips for a plugin id and version: the universal one first, then one per architecture. */
export function zipNames(id, version) {
  return {
    all: `${id}-${version}.zip`,
    perArch: RUNTIMES.map((r) => ({
      goos: r.goos,
      goarch: r.goarch,
      file: `${id}-${version}.${r.goos}_${r.goarch}.zip`,
    })),
  };
}

function readBuiltPluginJson(dist) {
  const file = join(dist, 'plugin.json');
  if (!existsSync(file)) {
    fail(`${relative(ROOT, file)} is missing: run \`npm run build\` first`);
  }
  const json = JSON.parse(readFileSync(file, 'utf8'));
  if (typeof json.id !== 'string' || typeof json.info?.version !== 'string' || json.info.version.includes('%')) {
    fail(`${relative(ROOT, file)} has no id or an unreplaced version; rebuild with \`npm run build\``);
  }
  return { id: json.id, version: json.info.version };
}

/** Removes folders left empty once test data is filtered out, so the zip has no bare `analytics/` tree. */
function pruneEmptyFolders(folder) {
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    if (entry.isDirectory()) {
      pruneEmptyFolders(join(folder, entry.name));
    }
  }
  if (readdirSync(folder).length === 0) {
    rmSync(folder, { recursive: true });
  }
}

/** Zips `<stageRoot>/<id>` so that entries start at `<id>/`, leaving out the entries named in `exclude`. */
function zipFolder(stageRoot, id, target, exclude = []) {
  rmSync(target, { force: true });
  // -r recurse, -X no extra attributes beyond Unix mode and times, -q quiet, -x names left out.
  const args = ['-r', '-X', '-q', target, id, ...(exclude.length > 0 ? ['-x', ...exclude] : [])];
  execFileSync('zip', args, { cwd: stageRoot, stdio: ['ignore', 'ignore', 'inherit'] });
}

export function packagePlugin({ dist, out }) {
  const { id, version } = readBuiltPluginJson(dist);
  const executable = readExecutableName();
  const executables = RUNTIMES.map((r) => ({ ...r, path: join('datasource', `${executable}_${r.goos}_${r.goarch}`) }));
  for (const e of executables) {
    if (!existsSync(join(dist, e.path))) {
      fail(`${relative(ROOT, join(dist, e.path))} is missing: run \`npm run build\` first`);
    }
  }
  mkdirSync(out, { recursive: true });
  const stageRoot = mkdtempSync(join(tmpdir(), 'anomalylens-package-'));
  try {
    const stage = join(stageRoot, id);
    cpSync(dist, stage, { recursive: true, filter: (src) => !isTestData(relative(dist, src)) });
    pruneEmptyFolders(stage);
    for (const e of executables) {
      // Grafana execs the file directly: make the bit explicit rather than trusting the build's umask.
      chmodSync(join(stage, e.path), 0o755);
    }
    const names = zipNames(id, version);
    const written = [join(out, names.all)];
    zipFolder(stageRoot, id, written[0]);
    for (const arch of names.perArch) {
      const others = executables.filter((e) => e.goos !== arch.goos || e.goarch !== arch.goarch);
      const target = join(out, arch.file);
      zipFolder(
        stageRoot,
        id,
        target,
        others.map((e) => `${id}/${e.path.split(sep).join('/')}`)
      );
      written.push(target);
    }
    return written;
  } finally {
    rmSync(stageRoot, { recursive: true, force: true });
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    for (const file of packagePlugin(parseArgs(process.argv.slice(2)))) {
      const shown = relative(process.cwd(), file).startsWith('..') ? file : relative(process.cwd(), file);
      process.stderr.write(`package: wrote ${shown} (${(statSync(file).size / 1e6).toFixed(1)} MB)\n`);
    }
  } catch (e) {
    process.stderr.write(`${e instanceof PackageError ? e.message : (e?.stack ?? String(e))}\n`);
    process.exit(1);
  }
}
