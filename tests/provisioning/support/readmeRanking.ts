import { readFileSync } from 'fs';
import { join } from 'path';

/** What the README's walkthrough ("Investigate an anomaly") says ranks on top of "What moved with it". */
export interface ReadmeRanking {
  /** Compose stack (Prometheus fed by demo/workload): the database and the service named on top. */
  stack: { db: string; service: string };
  /** Built-in demo upstream: the database named first and its lead in minutes. */
  demo: { db: string; leadMinutes: number };
}

/** Reads the claims from README.md; throws when the sentences are no longer there (so a rewrite keeps them checked). */
export function readmeRanking(
  readme = readFileSync(join(__dirname, '..', '..', '..', 'README.md'), 'utf8')
): ReadmeRanking {
  const text = readme.replace(/\s+/g, ' ');
  const stack = /compose stack[^;]*?`([^`]+)` query latency and `([^`]+)` latency rank on top/.exec(text);
  const demo =
    /built-in demo upstream[^.]*?`([^`]+)` query latency ranks first, leading checkout by (\d+) minutes/.exec(text);
  if (!stack || !demo) {
    throw new Error('README.md no longer says which series rank on top of "What moved with it"; update this reader');
  }
  return { stack: { db: stack[1], service: stack[2] }, demo: { db: demo[1], leadMinutes: Number(demo[2]) } };
}
