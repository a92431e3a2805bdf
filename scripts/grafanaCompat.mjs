#!/usr/bin/env node
/**
 * Type-checks the frontend (src/ without the backend and tests) against the `@grafana/*` type declarations of the
 * oldest Grafana version the plugin claims (`grafanaDependency` in src/plugin.json), instead of the 13.x ones it
 * is built with (`npm run typecheck:grafana-oldest`, part of `npm test`). A component prop, theme field or export
 * that the oldest version lacks is a type error here. See docs/grafana-versions.md.
 *
 * The declarations come from the npm registry with npm itself (`npm pack`, answered from npm's cache once fetched)
 * into .cache/grafana-oldest/<version>/: the `@grafana/*` packages and the React 18 types that version was built
 * with. Everything else (rxjs, emotion) resolves to the project's own node_modules.
 *
 * Usage: node scripts/grafanaCompat.mjs [--exports <file>]
 *   --exports writes the export names of each package at that version as JSON (the list the offline jest check
 *   tests/compat/grafanaApis.test.ts compares imports against).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(ROOT, 'package.json'));

/** The packages whose declarations are swapped: what src/ imports, and what @grafana/ui's declarations import. */
export const GRAFANA_PACKAGES = ['data', 'ui', 'runtime', 'schema', 'e2e-selectors'];

/** `>=11.0.0` in src/plugin.json → `11.0.0`; anything else is refused (the check needs one oldest version). */
export function oldestClaimedVersion() {
  const json = JSON.parse(readFileSync(join(ROOT, 'src', 'plugin.json'), 'utf8'));
  const range = json.dependencies?.grafanaDependency ?? '';
  const m = /^>=\s*(\d+\.\d+\.\d+)$/.exec(range.trim());
  if (!m) {
    throw new Error(`grafanaCompat: src/plugin.json's grafanaDependency is "${range}"; expected ">=X.Y.Z"`);
  }
  return m[1];
}

/** Unpacks `<scope>/<name>@<range>` from the registry (or npm's cache) into `<base>/node_modules/<scope>/<name>`. */
function fetchPackage(base, scope, name, range) {
  const target = join(base, 'node_modules', scope, name);
  if (existsSync(join(target, 'package.json'))) {
    return target;
  }
  mkdirSync(target, { recursive: true });
  const tgz = execFileSync('npm', ['pack', '--prefer-offline', '--silent', `${scope}/${name}@${range}`], {
    cwd: base,
    encoding: 'utf8',
  }).trim();
  execFileSync('tar', ['xzf', tgz, '-C', target, '--strip-components=1'], { cwd: base });
  rmSync(join(base, tgz));
  return target;
}

/**
 * The `@grafana/*` packages of that version, and the React type declarations that version's `@grafana/ui` was
 * built with (React 18 for 11.x), so that a React 19-only API is a type error too.
 */
function fetchDeclarations(version) {
  const base = join(ROOT, '.cache', 'grafana-oldest', version);
  mkdirSync(base, { recursive: true });
  for (const name of GRAFANA_PACKAGES) {
    fetchPackage(base, '@grafana', name, version);
  }
  const ui = JSON.parse(readFileSync(join(base, 'node_modules', '@grafana', 'ui', 'package.json'), 'utf8'));
  const react = ui.devDependencies?.['@types/react'];
  const reactDom = ui.devDependencies?.['@types/react-dom'];
  if (!react || !reactDom) {
    throw new Error(`grafanaCompat: @grafana/ui@${version} names no @types/react or @types/react-dom version`);
  }
  fetchPackage(base, '@types', 'react', react);
  fetchPackage(base, '@types', 'react-dom', reactDom);
  fetchPackage(base, '@types', 'prop-types', '*');
  return join(base, 'node_modules', '@grafana');
}

function declarationEntry(modules, name) {
  const pkg = JSON.parse(readFileSync(join(modules, name, 'package.json'), 'utf8'));
  const types = pkg.types ?? pkg.typings;
  if (!types) {
    throw new Error(`grafanaCompat: @grafana/${name} names no type declarations`);
  }
  return join(modules, name, types);
}

function typeCheck(version, modules) {
  const paths = Object.fromEntries(GRAFANA_PACKAGES.map((n) => [`@grafana/${n}`, [declarationEntry(modules, n)]]));
  const oldTypes = join(modules, '..', '@types');
  paths.react = [join(oldTypes, 'react', 'index.d.ts')];
  paths['react/*'] = [join(oldTypes, 'react', '*')];
  paths['react-dom'] = [join(oldTypes, 'react-dom', 'index.d.ts')];
  paths['react-dom/*'] = [join(oldTypes, 'react-dom', '*')];
  paths['prop-types'] = [join(oldTypes, 'prop-types', 'index.d.ts')];
  // Every other bare import resolves to the project's packages (types first), as in the normal build.
  paths['*'] = [join(ROOT, 'node_modules', '@types', '*'), join(ROOT, 'node_modules', '*')];
  const config = {
    extends: join(ROOT, '.config', 'tsconfig.json'),
    compilerOptions: {
      noEmit: true,
      rootDir: ROOT,
      baseUrl: join(ROOT, 'src'),
      skipLibCheck: true,
      types: [],
      typeRoots: [oldTypes, join(ROOT, 'node_modules', '@types')],
      paths,
    },
    include: [join(ROOT, 'src', '**', '*.ts'), join(ROOT, 'src', '**', '*.tsx'), join(ROOT, '.config', 'types')],
    exclude: [
      join(ROOT, 'src', 'backend', '**'),
      join(ROOT, 'src', '**', '*.test.ts'),
      join(ROOT, 'src', '**', '*.test.tsx'),
      join(ROOT, 'src', '**', '__tests__', '**'),
    ],
  };
  const file = join(ROOT, '.cache', 'grafana-oldest', version, 'tsconfig.json');
  writeFileSync(file, JSON.stringify(config, null, 2));
  const tsc = require.resolve('typescript/bin/tsc');
  try {
    execFileSync(process.execPath, [tsc, '-p', file, '--pretty', 'false'], { stdio: 'inherit' });
  } catch {
    throw new Error(
      `grafanaCompat: the frontend uses @grafana or React APIs that Grafana ${version} (React 18) lacks (errors ` +
        `above); feature-check them or raise grafanaDependency in every plugin.json`
    );
  }
}

/** Export names of each package's declaration entry, by the TypeScript checker (sorted, for a stable file). */
function exportNames(modules) {
  const ts = require('typescript');
  const result = {};
  for (const name of GRAFANA_PACKAGES) {
    const entry = declarationEntry(modules, name);
    const program = ts.createProgram([entry], { noEmit: true, skipLibCheck: true, types: [] });
    const checker = program.getTypeChecker();
    const symbol = checker.getSymbolAtLocation(program.getSourceFile(entry));
    result[`@grafana/${name}`] = checker
      .getExportsOfModule(symbol)
      .map((s) => s.getName())
      .sort();
  }
  return result;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    const args = process.argv.slice(2);
    const version = oldestClaimedVersion();
    const modules = fetchDeclarations(version);
    if (args[0] === '--exports') {
      const out = resolve(args[1] ?? '');
      writeFileSync(out, `${JSON.stringify({ version, exports: exportNames(modules) }, null, 1)}\n`);
      process.stderr.write(`grafanaCompat: wrote the export names of Grafana ${version}'s packages to ${out}\n`);
    } else {
      typeCheck(version, modules);
      process.stderr.write(`grafanaCompat: the frontend type-checks against @grafana/*@${version}\n`);
    }
  } catch (e) {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  }
}
