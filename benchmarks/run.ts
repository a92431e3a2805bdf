/**
 * `npm run bench`: runs every `benchmarks/*.bench.ts` in turn (or those whose name contains an argument).
 * Each file is run in its own process so that one benchmark's heap does not skew the next.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const filters = process.argv.slice(2);
const files = readdirSync(__dirname)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)))
  .sort();
for (const file of files) {
  console.log(`\n## ${file}`);
  execFileSync(process.execPath, ['--import', 'tsx', '--expose-gc', join(__dirname, file)], { stdio: 'inherit' });
}
