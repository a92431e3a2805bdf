/**
 * Where the yardstick data (`shared/data`: NAB, M4 hourly, PetShop) lives, read in place and never copied: the
 * `ANOMALY_LENS_DATA` variable if set, else the `shared/` folder beside this repository's clone (how CI and the
 * developers' machines lay it out), else `/work/shared/data`.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

export function sharedDataDir(): string {
  if (process.env.ANOMALY_LENS_DATA) {
    return process.env.ANOMALY_LENS_DATA;
  }
  const beside = path.resolve(__dirname, '..', '..', '..', 'shared', 'data');
  return fs.existsSync(beside) ? beside : '/work/shared/data';
}
