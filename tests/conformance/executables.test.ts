/**
 * The files Grafana execs: `<executable>_linux_<amd64|arm64>` in the data source folder, executable, for the right
 * CPU, with a Node SEA blob injected (fuse flipped) holding the bundled backend (and no augurs wasm module).
 * Grafana picks the file by runtime.GOOS/GOARCH (docs/protocol.md §1.1), so a wrong arch is a plugin that never starts.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { AUGURS_MODULES } from '../../eval/references/initAugurs';
import {
  executableBaseName,
  GoArch,
  REPO_ROOT,
  requireBuiltExecutable,
  TARGET_ARCHES,
} from './support/pluginExecutable';

/** ELF e_machine values (System V ABI): EM_X86_64 = 62, EM_AARCH64 = 183. */
const ELF_MACHINE: Record<GoArch, number> = { amd64: 62, arm64: 183 };

/** postject writes `:1` after the fuse when it injects a blob; Node only looks for a blob when it sees it. */
const FUSE_ON = 'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2:1';

describe('built backend executables', () => {
  it('executable name follows the gpx_ convention of Grafana backend plugins', () => {
    expect(executableBaseName()).toMatch(/^gpx_[a-z0-9_-]+$/);
  });

  it('sits beside the built plugin.json that names it (Grafana joins the plugin folder and executable)', () => {
    requireBuiltExecutable('amd64');
    const file = join(REPO_ROOT, 'dist', 'datasource', 'plugin.json');
    expect(existsSync(file)).toBe(true);
    const built = JSON.parse(readFileSync(file, 'utf8'));
    expect(built.backend).toBe(true);
    expect(built.executable).toBe(executableBaseName());
  });

  it('ships the Node.js licence beside the executables that embed Node', () => {
    requireBuiltExecutable('amd64');
    const licence = readFileSync(join(REPO_ROOT, 'dist', 'datasource', 'LICENSE.nodejs.txt'), 'utf8');
    expect(licence).toMatch(/^Node\.js is licensed for use as follows/);
  });

  describe.each(TARGET_ARCHES)('linux %s', (goarch) => {
    let bytes: Buffer;
    let file: string;
    beforeAll(() => {
      file = requireBuiltExecutable(goarch);
      bytes = readFileSync(file);
    });

    it('is a regular file with mode 755', () => {
      const st = statSync(file);
      expect(st.isFile()).toBe(true);
      expect(st.mode & 0o777).toBe(0o755);
    });

    it(`is a 64-bit little-endian ELF executable for ${goarch}`, () => {
      expect(bytes.subarray(0, 4).toString('latin1')).toBe('\x7fELF');
      expect(bytes[4]).toBe(2); // ELFCLASS64
      expect(bytes[5]).toBe(1); // little endian
      expect(bytes.readUInt16LE(18)).toBe(ELF_MACHINE[goarch]);
    });

    it('has a SEA blob injected (fuse flipped)', () => {
      expect(bytes.includes(FUSE_ON)).toBe(true);
    });

    it('carries no augurs module (nothing the data source runs calls augurs)', () => {
      const embedded = AUGURS_MODULES.filter((m) => bytes.includes(`augurs/${m}_bg.wasm`));
      expect(embedded).toEqual([]);
      expect(bytes.includes('@bsull/augurs')).toBe(false);
    });
  });

  it('embeds the same blob in both architectures (one portable blob, no code cache)', () => {
    // The blob is what postject injected; compare the neighbourhood of a text of the bundled backend in both files.
    const key = 'Anomaly Lens backend listening';
    const around = (goarch: GoArch) => {
      const b = readFileSync(requireBuiltExecutable(goarch));
      const at = b.indexOf(key);
      return b.subarray(at - 4096, at + 4096).toString('base64');
    };
    expect(around('arm64')).toBe(around('amd64'));
  });
});
