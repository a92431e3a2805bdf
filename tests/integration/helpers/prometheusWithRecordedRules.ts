/**
 * A real Prometheus whose history holds both backfilled series and what exported recording rules record over
 * that history. Prometheus evaluates rules only at the present, so the past is evaluated by `promtool tsdb
 * create-blocks-from rules`, which runs each rule as a range query against a running Prometheus. That tool does
 * not let a rule see what another rule of the same run records, so the rules are run in stages by dependency
 * depth (a rule reading `value` runs after `value`), and Prometheus is restarted on the grown data folder after
 * each stage so the next stage can read the new blocks. As in a live ruler, the recorded points sit at the group's
 * evaluation offset within each interval (hashed from file and group name), not on multiples of the interval.
 * Our own test helper.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import type { RecordingRuleGroup } from '../../../src/backend/rules/recordingRuleGroup';
import { ruleGroupYaml } from '../../../src/backend/rules/ruleGroupYaml';
import { parseDuration } from '../../../src/shared/parseDuration';
import { run } from './serverProcess';
import { backfilledDataDir, launchPrometheus, PROMTOOL_BIN, type RunningPrometheus } from './startPrometheus';

/** Groups split into stages: stage d holds the rules whose inputs were all recorded in stages before d. */
export function ruleStages(groups: RecordingRuleGroup[]): RecordingRuleGroup[][] {
  const depth = new Map<string, number>();
  const all = groups.flatMap((g) => g.rules);
  const reads = (expr: string, name: string) => new RegExp(`(^|[^a-zA-Z0-9_:])${name}($|[^a-zA-Z0-9_:])`).test(expr);
  for (const rule of all) {
    const inputs = all.filter((r) => r !== rule && reads(rule.expr, r.record)).map((r) => depth.get(r.record));
    if (inputs.some((d) => d === undefined)) {
      throw new Error(`rule ${rule.record} reads a series recorded after it; rules must be in evaluation order`);
    }
    depth.set(rule.record, 1 + Math.max(0, ...(inputs as number[])));
  }
  const stages = Math.max(...depth.values());
  return Array.from({ length: stages }, (_, s) =>
    groups
      .map((g) => ({ ...g, rules: g.rules.filter((r) => depth.get(r.record) === s + 1) }))
      .filter((g) => g.rules.length > 0)
  );
}

/**
 * @param startMs first evaluation (a multiple of the groups' common interval)
 * @param endMs last evaluation
 */
export async function prometheusWithRecordedRules(
  openMetrics: string,
  groups: RecordingRuleGroup[],
  startMs: number,
  endMs: number
): Promise<RunningPrometheus> {
  const intervals = new Set(groups.map((g) => g.interval));
  if (intervals.size !== 1) {
    throw new Error('the groups must share one evaluation interval');
  }
  const intervalS = parseDuration([...intervals][0]) / 1000;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lens-prom-rules-'));
  let prom: RunningPrometheus | undefined;
  try {
    const dataDir = await backfilledDataDir(dir, openMetrics);
    prom = await launchPrometheus(dir, dataDir, { cleanupDirs: [] });
    const stages = ruleStages(groups);
    for (let s = 0; s < stages.length; s++) {
      // One file path for every stage: Prometheus places a group's evaluations at an offset within the interval
      // hashed from its file and name, and the stages must share it as one group's rules do in a live ruler.
      const file = path.join(dir, 'exported.rules.yml');
      const out = path.join(dir, `stage${s}`);
      fs.writeFileSync(file, ruleGroupYaml(stages[s]));
      await run(
        PROMTOOL_BIN,
        [
          'tsdb',
          'create-blocks-from',
          'rules',
          `--start=${startMs / 1000}`,
          `--end=${endMs / 1000}`,
          `--eval-interval=${intervalS}s`,
          `--url=${prom.url}`,
          `--output-dir=${out}`,
          file,
        ],
        120_000
      );
      await prom.stop();
      prom = undefined;
      for (const block of fs.readdirSync(out)) {
        fs.renameSync(path.join(out, block), path.join(dataDir, block));
      }
      prom = await launchPrometheus(dir, dataDir, { cleanupDirs: [] });
    }
    const running = prom;
    prom = undefined;
    return {
      ...running,
      stop: async () => {
        await running.stop();
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (e) {
    await prom?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
    throw e;
  }
}
