import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { initSync as initChangepoint } from '@bsull/augurs/changepoint';
import { initSync as initClustering } from '@bsull/augurs/clustering';
import { initSync as initDtw } from '@bsull/augurs/dtw';
import { initSync as initOutlier } from '@bsull/augurs/outlier';
import { initSync as initSeasons } from '@bsull/augurs/seasons';
import { AUGURS_MODULES, AugursWasm, initAugurs } from '../../src/analytics/augurs/initAugurs';

const AUGURS_DIR = join(__dirname, '..', '..', 'node_modules', '@bsull', 'augurs');

/** Reads the `.wasm` of every augurs module the product uses from node_modules (Node-side edge for tests and benchmarks). */
export function readAugursWasm(): AugursWasm {
  const wasm: AugursWasm = {};
  for (const name of AUGURS_MODULES) {
    wasm[name] = readFileSync(join(AUGURS_DIR, `${name}_bg.wasm`));
  }
  return wasm;
}

/**
 * augurs modules that only tests and benchmarks call, as references to compare ours with (DTW, DBSCAN,
 * periodogram seasons, changepoints, outliers). The product neither embeds nor loads them.
 */
const REFERENCE_MODULES: Record<string, (input: { module: BufferSource }) => unknown> = {
  changepoint: initChangepoint,
  clustering: initClustering,
  dtw: initDtw,
  outlier: initOutlier,
  seasons: initSeasons,
};
let referencesReady = false;

/** Initialises the product's augurs modules and the reference ones for the current module registry. */
export function loadAugursForTests(): void {
  initAugurs(readAugursWasm());
  if (!referencesReady) {
    for (const [name, init] of Object.entries(REFERENCE_MODULES)) {
      init({ module: readFileSync(join(AUGURS_DIR, `${name}_bg.wasm`)) });
    }
    referencesReady = true;
  }
}
