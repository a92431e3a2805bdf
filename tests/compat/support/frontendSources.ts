/**
 * The frontend's source files (what webpack bundles for the browser): src/ without the backend, the tests and test
 * support, parsed with TypeScript for the compatibility checks of this folder.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';

export const REPO_ROOT = join(__dirname, '..', '..', '..');
const SRC = join(REPO_ROOT, 'src');

export function frontendSourceFiles(): string[] {
  return (readdirSync(SRC, { recursive: true }) as string[])
    .map((f) => f.split(/[\\/]/).join('/'))
    .filter((f) => /\.tsx?$/.test(f) && !f.endsWith('.d.ts'))
    .filter((f) => !f.startsWith('backend/') && !/(^|\/)__tests__\//.test(f) && !/\.test\.tsx?$/.test(f))
    .sort();
}

export function parse(fileName: string, text: string): ts.SourceFile {
  return ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
}

export function parseSourceFile(relative: string): ts.SourceFile {
  return parse(relative, readFileSync(join(SRC, relative), 'utf8'));
}

/** Calls `visit` on every node of the file, depth first. */
export function walk(node: ts.Node, visit: (n: ts.Node) => void): void {
  visit(node);
  node.forEachChild((child) => walk(child, visit));
}
