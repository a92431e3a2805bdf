/**
 * The NAB slices loaded into the real servers by the integration tests: a few days only, read in place from
 * /work/shared/data/nab, each with labels that the tests expect back. (NAB's `realKnownCause` folder, with
 * nyc_taxi, is not in our copy of the data; `realTraffic/speed_6005` stands in as the irregular real series.)
 */
import { readNabCsv } from '../../../scripts/loaders/readNabCsv';
import type { LabelledSeries } from '../../../scripts/loaders/nabToOpenMetrics';

const day = (y: number, m: number, d: number) => Date.UTC(y, m - 1, d);

export interface NabSlice {
  file: string;
  labels: Record<string, string>;
  fromMs: number;
  toMs: number;
}

export const NAB_SLICES: NabSlice[] = [
  {
    file: 'artificialWithAnomaly/art_daily_jumpsup.csv',
    labels: { dataset: 'artificialWithAnomaly', file: 'art_daily_jumpsup' },
    fromMs: day(2014, 4, 1),
    toMs: day(2014, 4, 3),
  },
  {
    file: 'realAWSCloudwatch/ec2_cpu_utilization_24ae8d.csv',
    labels: { dataset: 'realAWSCloudwatch', file: 'ec2_cpu_utilization_24ae8d', instance: 'i-24ae8d' },
    fromMs: day(2014, 2, 15),
    toMs: day(2014, 2, 17),
  },
  {
    file: 'realAWSCloudwatch/rds_cpu_utilization_cc0c53.csv',
    labels: { dataset: 'realAWSCloudwatch', file: 'rds_cpu_utilization_cc0c53', instance: 'cc0c53' },
    fromMs: day(2014, 2, 15),
    toMs: day(2014, 2, 17),
  },
  {
    file: 'realTraffic/speed_6005.csv',
    labels: { dataset: 'realTraffic', file: 'speed_6005' },
    fromMs: day(2015, 9, 1),
    toMs: day(2015, 9, 3),
  },
];

export function loadNabSlices(): LabelledSeries[] {
  return NAB_SLICES.map((s) => ({ labels: s.labels, series: readNabCsv(s.file, { fromMs: s.fromMs, toMs: s.toMs }) }));
}

/** The CSV value at exactly `t`, or undefined. */
export function valueAt(s: LabelledSeries, t: number): number | undefined {
  const i = s.series.timesMs.indexOf(t);
  return i < 0 ? undefined : s.series.values[i];
}

/**
 * What an instant selector returns at `t` in Prometheus 2.x: the latest sample at or before `t` that is at most
 * the 5-minute lookback old (NaN when there is none).
 */
export function promLookback(s: LabelledSeries, t: number, lookbackMs = 300_000): number {
  let best = NaN;
  const { timesMs, values } = s.series;
  for (let i = 0; i < timesMs.length && timesMs[i] <= t; i++) {
    if (t - timesMs[i] <= lookbackMs) {
      best = values[i];
    }
  }
  return best;
}
