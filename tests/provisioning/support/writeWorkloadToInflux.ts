import { lineProtocol } from '../../../demo/workload/lineProtocol';
import { workloadSamples } from '../../../demo/workload/workloadSeries';
import { influxPost } from '../../integration/helpers/startInfluxd';

/** Queries of the InfluxDB-backed panels: the measurement each one reads (`FROM "<name>"`). */
export function influxMeasurements(exprs: readonly string[]): Set<string> {
  return new Set(exprs.map((e) => /FROM\s+"([^"]+)"/.exec(e)![1]));
}

/**
 * Writes the demo workload's history of `measurements` into database `demo` of the InfluxDB at `url`, one sample
 * every 5 minutes over [from, to] (what InfluxQL's GROUP BY time() then averages), in batches of about 5,000 lines.
 */
export async function writeWorkloadToInflux(
  url: string,
  measurements: ReadonlySet<string>,
  from: number,
  to: number,
  anchor: number
): Promise<void> {
  const step = 5 * 60_000;
  await influxPost(url, '/query', `q=${encodeURIComponent('CREATE DATABASE "demo"')}`);
  let lines: string[] = [];
  for (let t = from; t <= to; t += step) {
    lines.push(
      ...lineProtocol(
        workloadSamples(t, anchor).filter((s) => measurements.has(s.metric)),
        t
      )
    );
    if (lines.length > 5000 || t + step > to) {
      await influxPost(url, '/write?db=demo&precision=ms', lines.join('\n'));
      lines = [];
    }
  }
}
