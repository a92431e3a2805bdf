import { DataFrame, FieldType, toDataFrame } from '@grafana/data';
import { seededRandom } from '../../../../analytics/stats/seededRandom';

/** Test factories with neutral defaults: an hourly series starting at a fixed instant (2026-01-01T00:00Z). */
export const T0 = Date.UTC(2026, 0, 1);
export const HOUR = 3600 * 1000;

export function hourlyTimes(n: number, start = T0): number[] {
  return Array.from({ length: n }, (_, i) => start + i * HOUR);
}

/** A daily-seasonal hourly series: level + sin over 24 h, deterministic. */
export function dailyWave(n: number, level = 10): number[] {
  return Array.from({ length: n }, (_, i) => level + Math.sin((2 * Math.PI * i) / 24));
}

export function seriesFrame(
  values: Array<number | null>,
  opts: {
    name?: string;
    times?: number[];
    labels?: Record<string, string>;
    /** Grafana unit of the value field (`ms`, `percent`, …). */
    unit?: string;
    extra?: Record<string, Array<number | null>>;
  } = {}
): DataFrame {
  const times = opts.times ?? hourlyTimes(values.length);
  return toDataFrame({
    fields: [
      { name: 'time', type: FieldType.time, values: times },
      {
        name: opts.name ?? 'value',
        type: FieldType.number,
        values,
        labels: opts.labels,
        config: opts.unit ? { unit: opts.unit } : {},
      },
      ...Object.entries(opts.extra ?? {}).map(([name, v]) => ({ name, type: FieldType.number, values: v })),
    ],
  });
}

/** Deterministic noise in [-amplitude, amplitude) (the seeded generator) so tests never vary. */
export function seededNoise(n: number, amplitude: number, seed = 42): number[] {
  const u = seededRandom(seed);
  return Array.from({ length: n }, () => (u() - 0.5) * 2 * amplitude);
}
