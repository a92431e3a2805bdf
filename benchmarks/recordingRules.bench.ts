/**
 * Cost per series per evaluation of the moving band (window 30 m at a 15 s step, sensitivity 3): in the plugin,
 * against the same band as exported recording rules evaluated by Debian's Prometheus 2.42.
 *  - plugin: `analyseSeries` (the per-series work of every query: band, score, flags; default options plus
 *    method moving) over what one alert-rule evaluation fetches: a 10 min range plus the 30 min history `auto`
 *    asks for, at 15 s (160 points). The upstream fetch and frame encoding are not included (they add to the
 *    plugin side; BENCHMARKS.md "Data source pipeline" measures them).
 *  - Prometheus: the exported group (interval 15 s) loaded with `rule_files` over S backfilled series whose
 *    `value` history (30 min at 15 s) is backfilled too, so that each evaluation reads full windows as in steady
 *    state; the cost is `prometheus_rule_group_last_duration_seconds` after the third evaluation, divided by S.
 * Sizes: 1,000 and 10,000 series; `BENCH_RULES_SERIES=1000,10000,100000` adds more (100,000 needs ~1 GB of disk
 * and minutes of backfill). Prints ms per 1,000 series per evaluation and the ratio plugin / Prometheus.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';

import { analyseSeries } from '../src/backend/pipeline/analyseSeries';
import { recordingRuleGroup } from '../src/backend/rules/recordingRuleGroup';
import { ruleGroupYaml } from '../src/backend/rules/ruleGroupYaml';
import { validateQuery } from '../src/shared/validateQuery';
import { backfilledDataDir, launchPrometheus } from '../tests/integration/helpers/startPrometheus';
import { seededRandom } from './harness';

const STEP_MS = 15_000;
const WINDOW = '30m';
const query = {
  refId: 'A',
  schemaVersion: 2,
  expr: 'bench_metric',
  method: 'moving' as const,
  movingWindow: WINDOW,
  outputs: ['raw' as const, 'band' as const, 'flag' as const],
};

function pluginMsPerSeries(series: number): number {
  const o = validateQuery(query);
  const n = 160;
  const visibleStart = 120;
  const rand = seededRandom(7);
  const inputs = Array.from({ length: Math.min(series, 2000) }, () => ({
    timestamps: Float64Array.from({ length: n }, (_, i) => i * STEP_MS),
    values: Float64Array.from({ length: n }, (_, i) => 100 + 10 * Math.sin(i / 20) + rand()),
    visibleStart,
    stepMs: STEP_MS,
  }));
  for (const input of inputs.slice(0, 50)) {
    analyseSeries(input, o);
  }
  const t0 = performance.now();
  let done = 0;
  while (done < series) {
    for (const input of inputs) {
      analyseSeries(input, o);
      if (++done >= series) {
        break;
      }
    }
  }
  return (performance.now() - t0) / series;
}

async function prometheusMsPerSeries(series: number): Promise<number> {
  const exported = recordingRuleGroup(query, { interval: '15s' });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lens-bench-rules-'));
  try {
    const nowMs = Math.floor(Date.now() / STEP_MS) * STEP_MS;
    const rand = seededRandom(3);
    const points = 120;
    // OpenMetrics wants one metric family's samples together, so the two families are written one after the other;
    // one chunk per series, since the whole text of 100,000 series is longer than a string may be.
    function* openMetrics(): Generator<string> {
      yield `# TYPE bench_metric gauge\n# TYPE ${exported.names.value} gauge\n`;
      for (const name of ['bench_metric', exported.names.value]) {
        for (let s = 0; s < series; s++) {
          const lines: string[] = [];
          for (let i = name === 'bench_metric' ? 20 : points; i >= 1; i--) {
            lines.push(`${name}{series="${s}"} ${(100 + rand()).toFixed(3)} ${(nowMs - i * STEP_MS) / 1000}\n`);
          }
          yield lines.join('');
        }
      }
      yield '# EOF\n';
    }
    // promtool takes minutes over 100,000 series (~3 GB of text) on this machine; Prometheus then loads the blocks.
    const dataDir = await backfilledDataDir(dir, openMetrics(), 30 * 60_000);
    fs.writeFileSync(path.join(dir, 'bench.rules.yml'), ruleGroupYaml([exported.group]));
    const prom = await launchPrometheus(dir, dataDir, {
      cleanupDirs: [],
      ruleFiles: [path.join(dir, 'bench.rules.yml')],
      readyTimeoutMs: 10 * 60_000,
    });
    try {
      const metric = async (name: string) => {
        const text = await (await fetch(`${prom.url}/metrics`)).text();
        const line = text.split('\n').find((l) => l.startsWith(name) && l.includes(exported.group.name));
        return line ? Number(line.split(' ').pop()) : NaN;
      };
      // 100,000 series take minutes to load and to evaluate three times.
      const deadline = Date.now() + 600_000;
      while (!((await metric('prometheus_rule_group_iterations_total')) >= 3) && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 1000));
      }
      return ((await metric('prometheus_rule_group_last_duration_seconds')) * 1000) / series;
    } finally {
      await prom.stop();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function main() {
  const sizes = (process.env.BENCH_RULES_SERIES ?? '1000,10000').split(',').map(Number);
  console.log(
    'series | plugin ms / 1k series / evaluation | Prometheus ms / 1k series / evaluation | plugin / Prometheus'
  );
  for (const s of sizes) {
    const plugin = pluginMsPerSeries(s) * 1000;
    const prom = (await prometheusMsPerSeries(s)) * 1000;
    console.log(`${s} | ${plugin.toFixed(2)} | ${prom.toFixed(2)} | ${(plugin / prom).toFixed(1)}×`);
  }
}

void main();
