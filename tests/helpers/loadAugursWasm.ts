import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { initSync as initChangepoint } from '@bsull/augurs/changepoint';
import { initSync as initClustering } from '@bsull/augurs/clustering';
import { initSync as initDtw } from '@bsull/augurs/dtw';
import { initSync as initEts } from '@bsull/augurs/ets';
import { initSync as initMstl } from '@bsull/augurs/mstl';
import { initSync as initOutlier } from '@bsull/augurs/outlier';
import { initSync as initSeasons } from '@bsull/augurs/seasons';

const AUGURS_DIR = join(__dirname, '..', '..', 'node_modules', '@bsull', 'augurs');

/**
 * augurs modules that only tests and benchmarks call, as references to compare ours with (DTW, DBSCAN,
 * periodogram seasons, changepoints, outliers, AutoETS and MSTL). The product neither embeds nor loads them; the
 * harness's augurs-backed forecasters load their own through eval/references/initAugurs.ts.
 */
const REFERENCE_MODULES: Record<string, (input: { module: BufferSource }) => unknown> = {
  changepoint: initChangepoint,
  clustering: initClustering,
  dtw: initDtw,
  ets: initEts,
  mstl: initMstl,
  outlier: initOutlier,
  seasons: initSeasons,
};
let referencesReady = false;

/** Initialises the reference augurs modules for the current module registry (Node-side edge for tests and benchmarks). */
export function loadAugursForTests(): void {
  if (!referencesReady) {
    for (const [name, init] of Object.entries(REFERENCE_MODULES)) {
      init({ module: readFileSync(join(AUGURS_DIR, `${name}_bg.wasm`)) });
    }
    referencesReady = true;
  }
}
