/**
 * One place that initialises the WebAssembly modules of `@bsull/augurs` (Grafana's time-series library) that the
 * reference forecasters `etsForecast` and `mstlEtsForecast` call. The harness runs on Node, so it reads the `.wasm`
 * bytes from node_modules itself (`readAugursWasm`). Neither the backend executable nor the panels load augurs.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { initSync as initEts } from '@bsull/augurs/ets';
import { initSync as initMstl } from '@bsull/augurs/mstl';

/**
 * The augurs modules `etsForecast` and `mstlEtsForecast` call, named after their package sub-path. Both forecasters
 * are references for the evaluation harness (eval/forecasters.ts), benchmarks and tests; nothing the data source
 * runs calls them, so the backend executable carries no augurs module.
 */
export const AUGURS_MODULES = ['ets', 'mstl'] as const;
export type AugursModule = (typeof AUGURS_MODULES)[number];

/** Compiled module or raw `.wasm` bytes per augurs module. */
export type AugursWasm = Partial<Record<AugursModule, BufferSource | WebAssembly.Module>>;

const initialisers: Record<AugursModule, (input: { module: BufferSource | WebAssembly.Module }) => unknown> = {
  ets: initEts,
  mstl: initMstl,
};

const AUGURS_DIR = join(__dirname, '..', '..', 'node_modules', '@bsull', 'augurs');

const ready = new Set<AugursModule>();

/** Reads the `.wasm` of every module in `AUGURS_MODULES` from node_modules. */
export function readAugursWasm(): AugursWasm {
  const wasm: AugursWasm = {};
  for (const name of AUGURS_MODULES) {
    wasm[name] = readFileSync(join(AUGURS_DIR, `${name}_bg.wasm`));
  }
  return wasm;
}

/** Initialises the given augurs modules synchronously. Calling it again for a ready module is a no-op. */
export function initAugurs(wasm: AugursWasm): void {
  for (const name of AUGURS_MODULES) {
    const bytes = wasm[name];
    if (bytes !== undefined && !ready.has(name)) {
      initialisers[name]({ module: bytes });
      ready.add(name);
    }
  }
}

/** True once `initAugurs` has loaded the module. */
export function isAugursReady(name: AugursModule): boolean {
  return ready.has(name);
}

/** Throws a clear error when a function backed by augurs is called before its module was initialised. */
export function requireAugurs(name: AugursModule): void {
  if (!ready.has(name)) {
    throw new Error(`augurs module "${name}" is not initialised: call initAugurs() with its wasm bytes first`);
  }
}
