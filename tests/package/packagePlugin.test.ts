/**
 * `npm run package` (scripts/package.mjs) against the built dist/: the zips Grafana's installer unpacks into its
 * plugins folder. Read back with Info-ZIP's `unzip` (zipinfo mode for names, sizes and Unix modes; `-p` for
 * contents). `npm run build` first; packing ~250 MB of executables three times takes a minute on a busy machine.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, posix } from 'node:path';
import { REPO_ROOT, TARGET_ARCHES, executableBaseName } from '../conformance/support/pluginExecutable';

const DIST = join(REPO_ROOT, 'dist');
const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { name: string; version: string };
const appJson = JSON.parse(readFileSync(join(REPO_ROOT, 'src', 'plugin.json'), 'utf8')) as { id: string };
const ID = appJson.id;

interface ZipEntry {
  name: string;
  mode: string;
  size: number;
}

/** One line of `unzip -Z` per entry: `-rwxr-xr-x  3.0 unx 130026688 b- defN 26-Dec-05 08:59 <name>`. */
function listZip(file: string): ZipEntry[] {
  const out = execFileSync('unzip', ['-Z', file], { encoding: 'utf8', maxBuffer: 16 << 20 });
  return out
    .split('\n')
    .map((line) => /^([-dlrwxsStT]{10})\s+\S+\s+\S+\s+(\d+)\s+\S+\s+\S+\s+\S+\s+\S+\s+(.+)$/.exec(line))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ mode: m[1], size: Number(m[2]), name: m[3] }));
}

function readEntry(file: string, name: string): string {
  return execFileSync('unzip', ['-p', file, name], { encoding: 'utf8', maxBuffer: 16 << 20 });
}

/** Files of dist/ (relative, POSIX separators) that the package ships: everything but the scaffold's test data. */
function shippedDistFiles(): Map<string, number> {
  const files = new Map<string, number>();
  for (const rel of readdirSync(DIST, { recursive: true }) as string[]) {
    const full = join(DIST, rel);
    const parts = rel.split(/[\\/]/);
    if (statSync(full).isFile() && !parts.includes('__tests__') && !parts.includes('__fixtures__')) {
      files.set(parts.join('/'), statSync(full).size);
    }
  }
  return files;
}

const executable = (arch: string) => `datasource/${executableBaseName()}_linux_${arch}`;

describe('npm run package', () => {
  let out = '';
  const zip = (suffix: string) => join(out, `${ID}-${pkg.version}${suffix}.zip`);

  beforeAll(() => {
    out = mkdtempSync(join(tmpdir(), 'anomalylens-package-test-'));
    execFileSync('npm', ['run', '--silent', 'package', '--', '--out', out], { cwd: REPO_ROOT, stdio: 'pipe' });
  }, 600_000);

  afterAll(() => {
    if (out) {
      rmSync(out, { recursive: true, force: true });
    }
  });

  it('writes one zip with every architecture and one per architecture, named <id>-<version>[.linux_<arch>].zip', () => {
    expect(readdirSync(out).sort()).toEqual(
      [`${ID}-${pkg.version}.zip`, ...TARGET_ARCHES.map((a) => `${ID}-${pkg.version}.linux_${a}.zip`)].sort()
    );
  });

  it.each(['', ...TARGET_ARCHES.map((a) => `.linux_${a}`)])(
    'zip%s: one top-level folder named after the plugin id, holding dist/ file for file with the same sizes',
    (suffix) => {
      const entries = listZip(zip(suffix));
      const tops = new Set(entries.map((e) => e.name.split('/')[0]));
      expect([...tops]).toEqual([ID]);
      const files = new Map(
        entries.filter((e) => !e.name.endsWith('/')).map((e) => [posix.relative(ID, e.name), e.size] as const)
      );
      const expected = shippedDistFiles();
      const arch = suffix.replace('.linux_', '');
      for (const other of TARGET_ARCHES.filter((a) => suffix !== '' && a !== arch)) {
        expected.delete(executable(other));
      }
      expect(Object.fromEntries(files)).toEqual(Object.fromEntries(expected));
      // No bare folders of test data either.
      expect(entries.filter((e) => /(^|\/)(__tests__|__fixtures__|analytics)\//.test(e.name))).toEqual([]);
    }
  );

  it.each(TARGET_ARCHES)('the linux_%s zip holds only its own executable, with the exec bit set', (arch) => {
    const entries = listZip(zip(`.linux_${arch}`));
    const executables = entries.filter((e) => e.name.startsWith(`${ID}/datasource/${executableBaseName()}_`));
    expect(executables.map((e) => [e.name, e.mode])).toEqual([[`${ID}/${executable(arch)}`, '-rwxr-xr-x']]);
  });

  it('the universal zip holds both executables with the exec bit, and no other entry is executable', () => {
    const entries = listZip(zip(''));
    const executableEntries = entries.filter((e) => !e.name.endsWith('/') && /x/.test(e.mode));
    expect(executableEntries.map((e) => e.name).sort()).toEqual(
      TARGET_ARCHES.map((a) => `${ID}/${executable(a)}`).sort()
    );
    expect(executableEntries.every((e) => e.mode === '-rwxr-xr-x')).toBe(true);
  });

  it('every plugin.json in the zip has its version filled in and names images that are in the zip', () => {
    const file = zip('');
    const names = new Set(listZip(file).map((e) => e.name));
    const pluginJsons = [...names].filter((n) => n.endsWith('/plugin.json'));
    expect(pluginJsons.map((n) => posix.relative(ID, n)).sort()).toEqual(
      ['plugin.json', 'datasource/plugin.json', 'panels/stl/plugin.json', 'panels/correlations/plugin.json'].sort()
    );
    for (const name of pluginJsons) {
      const json = JSON.parse(readEntry(file, name)) as {
        info: { version: string; logos: { small: string; large: string }; screenshots?: Array<{ path: string }> };
      };
      expect({ name, version: json.info.version }).toEqual({ name, version: pkg.version });
      const images = [
        json.info.logos.small,
        json.info.logos.large,
        ...(json.info.screenshots ?? []).map((s) => s.path),
      ];
      for (const image of images) {
        const entry = posix.join(posix.dirname(name), image);
        expect({ name, image, inZip: names.has(entry) }).toEqual({ name, image, inZip: true });
      }
    }
    const app = JSON.parse(readEntry(file, `${ID}/plugin.json`)) as { id: string; info: { screenshots: unknown[] } };
    expect(app.id).toBe(ID);
    expect(app.info.screenshots.length).toBeGreaterThan(0);
  });

  it('refuses clearly when dist/ has not been built, writing nothing', () => {
    const emptyDist = mkdtempSync(join(tmpdir(), 'anomalylens-empty-dist-'));
    const target = join(emptyDist, 'out');
    try {
      let stderr = '';
      try {
        execFileSync('node', ['scripts/package.mjs', '--dist', emptyDist, '--out', target], {
          cwd: REPO_ROOT,
          stdio: 'pipe',
        });
      } catch (e) {
        stderr = String((e as { stderr?: Buffer }).stderr);
      }
      expect(stderr).toMatch(/plugin\.json is missing: run `npm run build` first/);
      expect(readdirSync(emptyDist)).toEqual([]);
    } finally {
      rmSync(emptyDist, { recursive: true, force: true });
    }
  });
});
