/**
 * Start-up edge that hands the augurs `.wasm` bytes to initAugurs (src/analytics/augurs/initAugurs.ts).
 * In the single executable the bytes are SEA assets under `augurs/<module>_bg.wasm` (contract with
 * scripts/build-backend.mjs); otherwise they are read from the installed `@bsull/augurs` folder.
 * Failure is logged and non-fatal: queries that need augurs then fail per refId with requireAugurs' message.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { AUGURS_MODULES, AugursModule, AugursWasm, initAugurs } from '../../analytics/augurs/initAugurs';
import { errorMessage, Logger } from '../server/logger';

/** SEA asset key of one module's wasm (the packager embeds these). */
export function augursAssetKey(name: AugursModule): string {
  return `augurs/${name}_bg.wasm`;
}

export interface AugursSources {
  isSea(): boolean;
  getAsset(key: string): ArrayBuffer;
  /** Bytes of `<module>_bg.wasm` from the installed package. */
  readInstalled(name: AugursModule): Uint8Array;
  init(wasm: AugursWasm): void;
}

interface SeaModule {
  isSea(): boolean;
  getAsset(key: string): ArrayBuffer;
}

function loadSeaModule(): SeaModule | undefined {
  try {
    // node:sea exists from Node 20.12; absent → not a SEA.
    return require('node:sea') as SeaModule;
  } catch {
    return undefined;
  }
}

export function defaultAugursSources(): AugursSources {
  const sea = loadSeaModule();
  return {
    isSea: () => sea?.isSea() ?? false,
    getAsset: (key) => {
      if (!sea) {
        throw new Error('node:sea is not available');
      }
      return sea.getAsset(key);
    },
    readInstalled: (name) => {
      const dir = dirname(require.resolve('@bsull/augurs'));
      return readFileSync(join(dir, `${name}_bg.wasm`));
    },
    init: initAugurs,
  };
}

export interface AugursLoadResult {
  source: 'sea' | 'node_modules';
  loaded: AugursModule[];
  failed: Array<{ module: AugursModule; error: string }>;
}

/** Loads every module it can; never throws. */
export function loadEmbeddedAugurs(logger: Logger, sources: AugursSources = defaultAugursSources()): AugursLoadResult {
  let inSea = false;
  try {
    inSea = sources.isSea();
  } catch {
    inSea = false;
  }
  const result: AugursLoadResult = { source: inSea ? 'sea' : 'node_modules', loaded: [], failed: [] };
  for (const name of AUGURS_MODULES) {
    try {
      const bytes = inSea ? new Uint8Array(sources.getAsset(augursAssetKey(name))) : sources.readInstalled(name);
      sources.init({ [name]: bytes });
      result.loaded.push(name);
    } catch (e) {
      result.failed.push({ module: name, error: errorMessage(e) });
    }
  }
  if (result.failed.length > 0) {
    logger.warn('some augurs modules could not be loaded; features that need them will report an error', {
      source: result.source,
      failed: result.failed,
    });
  } else {
    logger.debug('augurs modules loaded', { source: result.source, modules: result.loaded });
  }
  return result;
}
