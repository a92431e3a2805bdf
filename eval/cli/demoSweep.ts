/**
 * `npx tsx eval/cli/demoSweep.ts`: the demo false-onset sweep (eval/demoSweep.ts). Prints false onsets per series
 * and per day of the week, and per scheduled incident whether it was flagged within two steps of its onset. Takes
 * no options.
 */
import { demoSweep, falseOnsetsByWeekday, SWEEP_DASHBOARD_ENDS, SweepResult } from '../demoSweep';
import { markdownTable } from './lib/table';

const USAGE = 'usage: npx tsx eval/cli/demoSweep.ts (no options)';

export function formatSweep(r: SweepResult): string {
  const falseTotal = r.series.reduce((a, s) => a + s.falseOnsets.length, 0);
  const missed = r.incidents.filter((i) => !i.flaggedWithinTwoSteps).length;
  const iso = (t: number) => new Date(t).toISOString().replace(':00.000Z', 'Z');
  return [
    `Demo sweep: default query, ${SWEEP_DASHBOARD_ENDS.length} two-day dashboards at a 3-minute step, ` +
      `${r.series.length} series (${r.seriesDashboards} series-dashboards)`,
    '',
    `false onsets: ${falseTotal}; scheduled incidents flagged within two steps: ` +
      `${r.incidents.length - missed} of ${r.incidents.length}`,
    '',
    markdownTable(
      ['series', 'false onsets', 'at'],
      r.series.map((s) => [s.series, String(s.falseOnsets.length), s.falseOnsets.map(iso).join(', ')])
    ),
    '',
    markdownTable(
      ['day (UTC)', 'false onsets'],
      falseOnsetsByWeekday(r).map(([d, n]) => [d, String(n)])
    ),
    '',
    markdownTable(
      ['incident', 'series', 'onset', 'flagged within two steps'],
      r.incidents.map((i) => [i.name, i.series, iso(i.onsetMs), i.flaggedWithinTwoSteps ? 'yes' : 'NO'])
    ),
    '',
  ].join('\n');
}

export async function main(argv: string[]): Promise<SweepResult> {
  const extra = argv.filter((a) => a !== '--');
  if (extra.length > 0) {
    throw new Error(`unexpected argument ${extra[0]}\n${USAGE}`);
  }
  const r = await demoSweep();
  process.stdout.write(formatSweep(r));
  return r;
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((e) => {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  });
}
