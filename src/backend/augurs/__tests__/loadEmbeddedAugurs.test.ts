import { AUGURS_MODULES } from '../../../analytics/augurs/initAugurs';
import { createLogger } from '../../server/logger';
import { augursAssetKey, AugursSources, defaultAugursSources, loadEmbeddedAugurs } from '../loadEmbeddedAugurs';

function fake(overrides: Partial<AugursSources>) {
  const calls = { assets: [] as string[], installed: [] as string[], init: [] as string[] };
  const sources: AugursSources = {
    isSea: () => true,
    getAsset: (key) => {
      calls.assets.push(key);
      return new ArrayBuffer(8);
    },
    readInstalled: (name) => {
      calls.installed.push(name);
      return new Uint8Array(8);
    },
    init: (wasm) => void calls.init.push(...Object.keys(wasm)),
    ...overrides,
  };
  return { sources, calls };
}

test('loadEmbeddedAugurs reads every module from SEA assets under augurs/<module>_bg.wasm in a single executable', () => {
  const { sources, calls } = fake({});
  const r = loadEmbeddedAugurs(createLogger({ write: () => undefined }), sources);
  expect(r.source).toBe('sea');
  expect(calls.assets).toEqual(AUGURS_MODULES.map((m) => `augurs/${m}_bg.wasm`));
  expect(calls.init).toEqual([...AUGURS_MODULES]);
  expect(augursAssetKey('mstl')).toBe('augurs/mstl_bg.wasm');
});

test('loadEmbeddedAugurs reads from the installed package outside a single executable', () => {
  const { sources, calls } = fake({ isSea: () => false });
  expect(loadEmbeddedAugurs(createLogger({ write: () => undefined }), sources).source).toBe('node_modules');
  expect(calls.installed).toEqual([...AUGURS_MODULES]);
  expect(calls.assets).toEqual([]);
});

test('loadEmbeddedAugurs logs a missing asset as a warning and loads the rest', () => {
  const lines: string[] = [];
  const { sources, calls } = fake({
    getAsset: (key) => {
      if (key.includes('mstl')) {
        throw new Error('no such asset');
      }
      return new ArrayBuffer(8);
    },
  });
  const r = loadEmbeddedAugurs(createLogger({ write: (l) => void lines.push(l) }), sources);
  expect(r.failed).toEqual([{ module: 'mstl', error: 'no such asset' }]);
  expect(calls.init).toHaveLength(AUGURS_MODULES.length - 1);
  expect(JSON.parse(lines[0])['@level']).toBe('warn');
});

test('loadEmbeddedAugurs really initialises augurs from node_modules with the default sources', () => {
  const r = loadEmbeddedAugurs(createLogger({ write: () => undefined }), defaultAugursSources());
  expect(r.source).toBe('node_modules');
  expect(r.failed).toEqual([]);
  expect(r.loaded).toEqual([...AUGURS_MODULES]);
});
