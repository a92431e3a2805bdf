import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AUGURS_MODULES, AugursWasm, initAugurs } from '../../src/analytics/augurs/initAugurs';

/** Reads every augurs `.wasm` from node_modules (Node-side edge for tests and benchmarks). */
export function readAugursWasm(): AugursWasm {
  const dir = join(__dirname, '..', '..', 'node_modules', '@bsull', 'augurs');
  const wasm: AugursWasm = {};
  for (const name of AUGURS_MODULES) {
    wasm[name] = readFileSync(join(dir, `${name}_bg.wasm`));
  }
  return wasm;
}

/** Initialises all augurs modules for the current module registry. */
export function loadAugursForTests(): void {
  initAugurs(readAugursWasm());
}
