/**
 * One frontend for React 18 (Grafana 11.x–13.1) and React 19 (Grafana 13.2 on): the checks of Grafana's 12.x → 13.x
 * migration guide, both ways. Nothing React 19 removed (defaultProps on function components, string refs, legacy
 * context, ReactDOM.render/hydrate/unmountComponentAtNode/findDOMNode, createFactory) and nothing only React 19 has
 * (`use`, `useActionState`, `useOptimistic`, `useFormStatus`, the resource preloading calls). Bundling
 * react/jsx-runtime, the guide's other point, is checked on the built modules in grafanaApis.test.ts.
 */
import ts from 'typescript';
import { frontendSourceFiles, parse, parseSourceFile, walk } from './support/frontendSources';

const REMOVED_IN_19: Record<string, string[]> = {
  react: ['createFactory', 'PropTypes'],
  'react-dom': ['render', 'hydrate', 'unmountComponentAtNode', 'findDOMNode', 'unstable_renderSubtreeIntoContainer'],
};
const ONLY_IN_19: Record<string, string[]> = {
  react: ['use', 'useActionState', 'useOptimistic'],
  'react-dom': [
    'useFormStatus',
    'preload',
    'preinit',
    'preconnect',
    'prefetchDNS',
    'preloadModule',
    'preinitModule',
    'requestFormReset',
  ],
};
const LEGACY_CONTEXT = ['contextTypes', 'childContextTypes', 'getChildContext'];

function forbiddenName(module: string, name: string): string | undefined {
  if (REMOVED_IN_19[module]?.includes(name)) {
    return `${module}.${name} (removed in React 19)`;
  }
  if (ONLY_IN_19[module]?.includes(name)) {
    return `${module}.${name} (React 19 only; Grafana 11.x–13.1 run React 18)`;
  }
  return undefined;
}

/** Every use in one file that breaks on React 18 or on React 19, as `file:line what`. */
export function react19Problems(source: ts.SourceFile): string[] {
  const problems: string[] = [];
  const at = (node: ts.Node, what: string) =>
    problems.push(`${source.fileName}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1} ${what}`);
  // Local names bound to the whole react / react-dom module (`import React from 'react'`, `import * as ReactDOM …`).
  const moduleAliases = new Map<string, string>();
  for (const statement of source.statements) {
    if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier)) {
      continue;
    }
    const module = statement.moduleSpecifier.text;
    if (module === 'react-dom/test-utils') {
      at(statement, 'react-dom/test-utils (removed in React 19)');
    }
    const clause = statement.importClause;
    if (!(module in REMOVED_IN_19) || !clause) {
      continue;
    }
    if (clause.name) {
      moduleAliases.set(clause.name.text, module);
    }
    const bindings = clause.namedBindings;
    if (bindings && ts.isNamespaceImport(bindings)) {
      moduleAliases.set(bindings.name.text, module);
    } else if (bindings) {
      for (const e of bindings.elements) {
        const why = forbiddenName(module, (e.propertyName ?? e.name).text);
        if (why) {
          at(e, why);
        }
      }
    }
  }
  walk(source, (node) => {
    if (ts.isPropertyAccessExpression(node) && ts.isIdentifier(node.expression)) {
      const module = moduleAliases.get(node.expression.text);
      const why = module ? forbiddenName(module, node.name.text) : undefined;
      if (why) {
        at(node, why);
      }
      if (node.name.text === 'defaultProps' && ts.isBinaryExpression(node.parent) && node.parent.left === node) {
        at(node, 'defaultProps assigned (ignored on function components in React 19; use default parameters)');
      }
    }
    if (ts.isPropertyAccessExpression(node) && node.expression.kind === ts.SyntaxKind.ThisKeyword) {
      if (node.name.text === 'refs') {
        at(node, 'this.refs (string refs, removed in React 19)');
      }
    }
    if ((ts.isPropertyDeclaration(node) || ts.isMethodDeclaration(node)) && ts.isIdentifier(node.name)) {
      if (node.name.text === 'defaultProps') {
        at(node, 'static defaultProps (use default parameters)');
      }
      if (LEGACY_CONTEXT.includes(node.name.text)) {
        at(node, `${node.name.text} (legacy context, removed in React 19)`);
      }
    }
    if (ts.isPropertyAccessExpression(node) && LEGACY_CONTEXT.includes(node.name.text)) {
      if (ts.isBinaryExpression(node.parent) && node.parent.left === node) {
        at(node, `${node.name.text} (legacy context, removed in React 19)`);
      }
    }
    if (ts.isJsxAttribute(node) && ts.isIdentifier(node.name) && node.name.text === 'ref' && node.initializer) {
      const value = node.initializer;
      const literal =
        ts.isStringLiteral(value) ||
        (ts.isJsxExpression(value) && value.expression !== undefined && ts.isStringLiteralLike(value.expression));
      if (literal) {
        at(node, 'string ref (removed in React 19; use useRef or a callback ref)');
      }
    }
  });
  return [...new Set(problems)];
}

describe('React 18 and 19 compatibility of the frontend', () => {
  const files = frontendSourceFiles();

  it('scans the frontend’s components', () => {
    expect(files.filter((f) => f.endsWith('.tsx')).length).toBeGreaterThan(10);
  });

  it('uses nothing React 19 removed and nothing only React 19 has', () => {
    expect(files.flatMap((f) => react19Problems(parseSourceFile(f)))).toEqual([]);
  });

  it('finds each pattern of the migration guide in a file that has them', () => {
    const bad = parse(
      'bad.tsx',
      [
        "import React, { use } from 'react';",
        "import ReactDOM, { findDOMNode } from 'react-dom';",
        "import { act } from 'react-dom/test-utils';",
        'function Panel(props: { size?: number }) { return <div ref="box" />; }',
        'Panel.defaultProps = { size: 1 };',
        'class Old extends React.Component { static childContextTypes = {}; getChildContext() { return {}; }',
        '  render() { return <span ref={"s"}>{String(this.refs.s)}</span>; } }',
        'ReactDOM.render(<Panel />, document.body);',
        'React.createFactory("div");',
      ].join('\n')
    );
    const lines = react19Problems(bad).map((p) => p.replace(/^bad\.tsx:\d+ /, ''));
    expect(lines).toEqual(
      expect.arrayContaining([
        'react.use (React 19 only; Grafana 11.x–13.1 run React 18)',
        'react-dom.findDOMNode (removed in React 19)',
        'react-dom/test-utils (removed in React 19)',
        'string ref (removed in React 19; use useRef or a callback ref)',
        'defaultProps assigned (ignored on function components in React 19; use default parameters)',
        'childContextTypes (legacy context, removed in React 19)',
        'getChildContext (legacy context, removed in React 19)',
        'this.refs (string refs, removed in React 19)',
        'react-dom.render (removed in React 19)',
        'react.createFactory (removed in React 19)',
      ])
    );
    expect(
      react19Problems(parse('good.tsx', "import React, { useRef } from 'react';\nconst r = useRef(null);"))
    ).toEqual([]);
  });
});
