/**
 * The frontend loads on the oldest Grafana it claims (`grafanaDependency`): every name it imports from `@grafana/*`
 * exists in that version's packages, and the built modules ask Grafana only for modules every claimed version shares
 * with plugins. The export lists (grafana-<version>-exports.json) were written by `node scripts/grafanaCompat.mjs
 * --exports …` from the packages on the npm registry; the full type-check against those declarations is
 * `npm run typecheck:grafana-oldest` (docs/grafana-versions.md).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { frontendSourceFiles, parse, parseSourceFile, REPO_ROOT } from './support/frontendSources';

interface ExportList {
  version: string;
  exports: Record<string, string[]>;
}

const pluginJsons = (readdirSync(join(REPO_ROOT, 'src'), { recursive: true }) as string[]).filter((f) =>
  f.endsWith('plugin.json')
);
const claimed = JSON.parse(readFileSync(join(REPO_ROOT, 'src', 'plugin.json'), 'utf8')).dependencies
  .grafanaDependency as string;
const oldest = /^>=(\d+\.\d+\.\d+)$/.exec(claimed)?.[1] ?? 'unparsed';
const listFile = join(__dirname, `grafana-${oldest}-exports.json`);

/** Named imports (values and types) from `@grafana/<package>` in one file: `[package, name]` pairs. */
export function grafanaImports(source: ts.SourceFile): Array<[string, string]> {
  const found: Array<[string, string]> = [];
  for (const statement of source.statements) {
    const isImport = ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement);
    const spec = isImport ? statement.moduleSpecifier : undefined;
    if (!spec || !ts.isStringLiteral(spec) || !spec.text.startsWith('@grafana/')) {
      continue;
    }
    if (ts.isImportDeclaration(statement)) {
      const clause = statement.importClause;
      if (clause?.name) {
        found.push([spec.text, 'default']);
      }
      const bindings = clause?.namedBindings;
      if (bindings && ts.isNamespaceImport(bindings)) {
        found.push([spec.text, '*']);
      } else if (bindings) {
        bindings.elements.forEach((e) => found.push([spec.text, (e.propertyName ?? e.name).text]));
      }
    } else if (
      ts.isExportDeclaration(statement) &&
      statement.exportClause &&
      ts.isNamedExports(statement.exportClause)
    ) {
      statement.exportClause.elements.forEach((e) => found.push([spec.text, (e.propertyName ?? e.name).text]));
    }
  }
  return found;
}

/**
 * `@grafana/*` packages webpack bundles into our modules instead of taking from Grafana (not externals in
 * .config/bundler/externals.ts): their version is ours, so Grafana's export lists do not apply to them. Their
 * own imports of Grafana's packages are checked by their peer range (docs/grafana-versions.md).
 */
export const BUNDLED_GRAFANA_PACKAGES = ['@grafana/plugin-ui'];

/** The imports an export list lacks, as `file: @grafana/pkg.name` (a namespace import is never allowed: unchecked). */
export function missingImports(files: Array<[string, ts.SourceFile]>, list: ExportList): string[] {
  return files.flatMap(([file, source]) =>
    grafanaImports(source)
      .filter(([pkg]) => !BUNDLED_GRAFANA_PACKAGES.includes(pkg))
      .filter(([pkg, name]) => name === '*' || !(list.exports[pkg] ?? []).includes(name))
      .map(([pkg, name]) => `${file}: ${pkg}.${name}`)
  );
}

describe('Grafana APIs the frontend uses', () => {
  it('every plugin.json claims the same oldest Grafana version, and there is an export list for it', () => {
    expect(pluginJsons.sort()).toEqual(
      ['plugin.json', 'datasource/plugin.json', 'panels/correlations/plugin.json', 'panels/stl/plugin.json'].sort()
    );
    for (const file of pluginJsons) {
      const json = JSON.parse(readFileSync(join(REPO_ROOT, 'src', file), 'utf8'));
      expect({ file, claims: json.dependencies?.grafanaDependency }).toEqual({ file, claims: claimed });
    }
    expect(existsSync(listFile)).toBe(true);
    expect((JSON.parse(readFileSync(listFile, 'utf8')) as ExportList).version).toBe(oldest);
  });

  it('imports from @grafana/* only names that the oldest claimed version exports', () => {
    const list = JSON.parse(readFileSync(listFile, 'utf8')) as ExportList;
    const files = frontendSourceFiles().map((f) => [f, parseSourceFile(f)] as [string, ts.SourceFile]);
    const imported = files.flatMap(([, s]) => grafanaImports(s));
    // The scan sees the frontend's imports at all (an empty scan would pass vacuously).
    expect(new Set(imported.map(([pkg]) => pkg))).toEqual(
      new Set(['@grafana/data', '@grafana/ui', '@grafana/runtime', '@grafana/schema', '@grafana/plugin-ui'])
    );
    expect(missingImports(files, list)).toEqual([]);
  });

  it('reports a name the oldest version lacks, and a namespace import it cannot check', () => {
    const list: ExportList = { version: '0.0.0', exports: { '@grafana/ui': ['Button'], '@grafana/data': [] } };
    const source = parse(
      'x.tsx',
      "import { Button, UserIcon as U } from '@grafana/ui';\nimport type * as D from '@grafana/data';\n"
    );
    expect(missingImports([['x.tsx', source]], list)).toEqual([
      'x.tsx: @grafana/ui.UserIcon',
      'x.tsx: @grafana/data.*',
    ]);
    // A bundled package is ours, not Grafana's: not checked against Grafana's lists.
    const bundled = parse('y.tsx', "import { Auth } from '@grafana/plugin-ui';\nimport { Nope } from '@grafana/ui';\n");
    expect(missingImports([['y.tsx', bundled]], list)).toEqual(['y.tsx: @grafana/ui.Nope']);
  });
});

/**
 * Modules Grafana has shared with plugins' AMD modules since long before 11.0 (its plugin loader's shared
 * dependencies). `react/jsx-runtime` is deliberately not here: older versions do not share it, which is why the
 * frontend compiles JSX with the classic `React.createElement` transform (tsconfig `"jsx": "react"`).
 */
const SHARED_SINCE_11 = [
  '@emotion/css',
  '@grafana/data',
  '@grafana/runtime',
  '@grafana/ui',
  'react',
  'react-dom',
  'rxjs',
];

/** The dependency list of a webpack AMD module: `define(["a","b"],…)`; `module` is AMD's own, not Grafana's. */
export function amdDependencies(code: string): string[] {
  const m = /define\((\[[^\]]*\])/.exec(code);
  if (!m) {
    throw new Error('not an AMD module: no define([...]) call');
  }
  return (JSON.parse(m[1]) as string[]).filter((d) => d !== 'module');
}

describe('built modules (dist/, after npm run build)', () => {
  const modules = ['module.js', 'datasource/module.js', 'panels/stl/module.js', 'panels/correlations/module.js'];

  it.each(modules)('%s asks Grafana only for modules every claimed version shares', (file) => {
    const deps = amdDependencies(readFileSync(join(REPO_ROOT, 'dist', file), 'utf8'));
    expect(deps).toContain('react');
    expect(deps.filter((d) => !SHARED_SINCE_11.includes(d))).toEqual([]);
  });

  it.each(modules)(
    '%s bundles from @grafana/plugin-ui only its config editor parts, and no copy of React or Grafana',
    (file) => {
      // plugin-ui's other parts pull in packages whose peers stop at React 18 (query builder, drag and drop,
      // calendar); tree shaking must keep them out, and React and @grafana/* must stay Grafana's (externals).
      const sources = (
        JSON.parse(readFileSync(join(REPO_ROOT, 'dist', `${file}.map`), 'utf8')) as { sources: string[] }
      ).sources;
      const packages = sources.filter((s) => s.includes('node_modules/')).map((s) => s.split('node_modules/')[1]);
      const pluginUi = packages.filter((p) => p.startsWith('@grafana/plugin-ui/'));
      expect(pluginUi.filter((p) => !p.startsWith('@grafana/plugin-ui/dist/esm/components/ConfigEditor/'))).toEqual([]);
      const forbidden =
        /^(react|react-dom|@grafana\/(data|ui|runtime|schema)|@hello-pangea|@react-awesome-query-builder|react-calendar|react-virtualized-auto-sizer|lodash|prismjs)\//;
      expect(packages.filter((p) => forbidden.test(p))).toEqual([]);
    }
  );

  it('reads the dependency list a webpack AMD module starts with', () => {
    expect(amdDependencies('define(["react","react/jsx-runtime","module"],(e,t)=>0)')).toEqual([
      'react',
      'react/jsx-runtime',
    ]);
  });
});
