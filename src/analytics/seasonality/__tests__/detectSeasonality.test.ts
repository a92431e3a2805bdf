import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { seasonalities } from '@bsull/augurs/seasons';
import { loadAugursForTests } from '../../../../tests/helpers/loadAugursWasm';
import { calendarPeriods, detectSeasonality } from '../detectSeasonality';
import { sharedDataDir } from '../../../../scripts/loaders/sharedDataDir';
import { seededNormal } from '../../stats/seededRandom';

// Yardstick data is read in place (never copied): ../shared/data seen from the project root.
const DATA = sharedDataDir();

function readNab(file: string): Float64Array {
  const lines = readFileSync(join(DATA, 'nab', 'data', file), 'utf8')
    .trim()
    .split('\n')
    .slice(1);
  return Float64Array.from(lines, (l) => Number(l.split(',')[1]));
}

function readM4(ids: string[]): Map<string, Float64Array> {
  const out = new Map<string, Float64Array>();
  for (const line of readFileSync(join(DATA, 'm4-hourly', 'Hourly-train.csv'), 'utf8').split('\n')) {
    const cells = line.split(',').map((c) => c.replace(/"/g, ''));
    if (ids.includes(cells[0])) {
      out.set(
        cells[0],
        Float64Array.from(
          cells.slice(1).filter((c) => c !== ''),
          Number
        )
      );
    }
  }
  return out;
}

const FIVE_MIN = 300_000;
const DAY5 = 288;
const WEEK5 = 2016;

describe('detectSeasonality', () => {
  const sine24 = Float64Array.from({ length: 240 }, (_, t) => Math.sin((2 * Math.PI * t) / 24));

  it('finds period 24 in a pure sine over 240 points by scanning, where augurs seasonalities does not', () => {
    expect(detectSeasonality(sine24).periods).toEqual([24]);
    loadAugursForTests();
    // The reason this detector exists (see the file header): augurs 0.10.2 reports a wrong period here.
    expect(Array.from(seasonalities(sine24))).not.toContain(24);
  });

  it('derives hourly, daily and weekly candidates from the step', () => {
    expect(calendarPeriods(60_000)).toEqual([60, 1440, 10080]);
    expect(calendarPeriods(FIVE_MIN)).toEqual([12, 288, 2016]);
    expect(calendarPeriods(11_000)).toEqual([]);
    expect(calendarPeriods(2 * 3_600_000)).toEqual([12, 84]);
  });

  it('reports daily and weekly periods of a synthetic daily + weekly series at 5 min', () => {
    const g = seededNormal(1);
    const y = Float64Array.from({ length: 4 * WEEK5 }, (_, t) => {
      const day = Math.floor(t / DAY5) % 7;
      return 100 + 20 * Math.sin((2 * Math.PI * t) / DAY5) + (day >= 5 ? -15 : 0) + 3 * g();
    });
    const r = detectSeasonality(y, { stepMs: FIVE_MIN });
    expect(r.periods).toEqual([DAY5, WEEK5]);
    expect(r.candidates.find((c) => c.period === 12)?.accepted).toBe(false);
  });

  it('reports only the daily period when every day looks the same', () => {
    const g = seededNormal(2);
    const y = Float64Array.from(
      { length: 4 * WEEK5 },
      (_, t) => 50 + 10 * Math.sin((2 * Math.PI * t) / DAY5) + 2 * g()
    );
    expect(detectSeasonality(y, { stepMs: FIVE_MIN }).periods).toEqual([DAY5]);
  });

  it('reports nothing for white noise, a random walk, a trend, a constant or too few points', () => {
    const g = seededNormal(3);
    const noise = Float64Array.from({ length: 2000 }, () => g());
    let w = 0;
    const walk = Float64Array.from({ length: 2000 }, () => (w += g()));
    const trend = Float64Array.from({ length: 2000 }, (_, t) => 0.01 * t + 0.1 * g());
    for (const y of [noise, walk, trend]) {
      expect(detectSeasonality(y).periods).toEqual([]);
      expect(detectSeasonality(y, { candidates: [24, 168] }).periods).toEqual([]);
    }
    expect(detectSeasonality(new Float64Array(500).fill(3)).periods).toEqual([]);
    expect(detectSeasonality([1, NaN, 2]).periods).toEqual([]);
  });

  it('tolerates gaps and does not mutate its input', () => {
    const y = Float64Array.from(sine24);
    for (let t = 30; t < 40; t++) {
      y[t] = NaN;
    }
    const copy = Float64Array.from(y);
    expect(detectSeasonality(y).periods).toEqual([24]);
    expect(y).toEqual(copy);
  });

  it('finds the daily period (288 steps at 5 min) in NAB artificial daily series', () => {
    for (const f of [
      'artificialNoAnomaly/art_daily_small_noise.csv',
      'artificialWithAnomaly/art_daily_jumpsup.csv',
      'artificialWithAnomaly/art_daily_nojump.csv',
    ]) {
      expect(detectSeasonality(readNab(f), { stepMs: FIVE_MIN }).periods).toContain(DAY5);
    }
    expect(detectSeasonality(readNab('artificialNoAnomaly/art_noisy.csv'), { stepMs: FIVE_MIN }).periods).toEqual([]);
  });

  it('finds period 24 in M4 hourly series (known seasonality 24)', () => {
    const ids = ['H1', 'H2', 'H3', 'H10', 'H50', 'H100', 'H150', 'H200', 'H250', 'H300'];
    const series = readM4(ids);
    let found = 0;
    for (const id of ids) {
      if (detectSeasonality(series.get(id) as Float64Array, { candidates: [24, 168] }).periods.includes(24)) {
        found++;
      }
    }
    expect(found).toBe(ids.length);
  });
});
