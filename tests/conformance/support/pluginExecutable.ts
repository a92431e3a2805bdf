/**
 * Where the built backend executables are and what they are called: `<executable>_<GOOS>_<GOARCH>` in the nested
 * data source's folder, `executable` taken from its plugin.json (docs/protocol.md §1.1). The conformance tests run
 * the built files, never the sources; they fail (never skip) when the build is missing.
 */
import { accessSync, constants, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const REPO_ROOT = join(__dirname, '..', '..', '..');

export type GoArch = 'amd64' | 'arm64';

/** The linux targets `scripts/build-backend.mjs` produces. */
export const TARGET_ARCHES: readonly GoArch[] = ['amd64', 'arm64'];

/** `executable` from src/datasource/plugin.json (the first part of the file name Grafana looks for). */
export function executableBaseName(): string {
  const pluginJson = JSON.parse(readFileSync(join(REPO_ROOT, 'src', 'datasource', 'plugin.json'), 'utf8'));
  return pluginJson.executable;
}

export function executablePath(goarch: GoArch): string {
  return join(REPO_ROOT, 'dist', 'datasource', `${executableBaseName()}_linux_${goarch}`);
}

/** Path of the built executable; throws a clear error telling how to build it when it is missing. */
export function requireBuiltExecutable(goarch: GoArch = 'amd64'): string {
  const file = executablePath(goarch);
  if (!existsSync(file)) {
    throw new Error(
      `${file} does not exist: run \`npm run build\` (or \`npm run build:backend\`) before the conformance tests`
    );
  }
  try {
    accessSync(file, constants.X_OK);
  } catch {
    throw new Error(`${file} is not executable: run \`npm run build\` again`);
  }
  return file;
}
