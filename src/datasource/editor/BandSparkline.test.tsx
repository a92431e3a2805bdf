import React from 'react';
import { render, screen } from '@testing-library/react';
import { BandSparkline, sparklineLabel } from './BandSparkline';
import type { BandSeries } from '../backtest/readBandSeries';

const T0 = Date.UTC(2024, 0, 15);
const MIN = 60_000;

function series(values: number[]): BandSeries {
  return {
    name: 'checkout latency',
    times: values.map((_, i) => T0 + i * MIN),
    values: Float64Array.from(values),
    expected: Float64Array.from(values, () => 1),
    lower: Float64Array.from(values, () => 0.5),
    upper: Float64Array.from(values, () => 1.5),
  };
}

describe('BandSparkline', () => {
  const s = series([1, 1.1, 0.9, 4, 1]);
  const fired = [{ fromMs: T0 + 3 * MIN, toMs: T0 + 4 * MIN }];

  it('says in its accessible name what it shows: series, range, values, band and how many firings are shaded', () => {
    render(<BandSparkline series={s} windows={fired} fromMs={T0} toMs={T0 + 5 * MIN} rangeText="last 24 h" />);
    expect(screen.getByRole('img')).toHaveAccessibleName(
      'checkout latency over the last 24 h (values 0.9 to 4), with its expected value and band; 1 fired window shaded'
    );
  });

  it('draws the series, the expected line and the band, and shades each fired window where it happened', () => {
    const { container } = render(
      <BandSparkline series={s} windows={fired} fromMs={T0} toMs={T0 + 5 * MIN} rangeText="last 24 h" />
    );
    for (const role of ['series', 'expected', 'band']) {
      expect(container.querySelector(`[data-role="${role}"]`)!.getAttribute('d')).toMatch(/^M/);
    }
    const rects = container.querySelectorAll('[data-role="fired"]');
    expect(rects).toHaveLength(1);
    // Minute 3 to 4 of a five-minute range, on a 1000-unit-wide drawing.
    expect(Number(rects[0].getAttribute('x'))).toBeCloseTo(600);
    expect(Number(rects[0].getAttribute('width'))).toBeCloseTo(200);
  });

  it('keeps a firing far shorter than the range visible', () => {
    const { container } = render(
      <BandSparkline
        series={s}
        windows={[{ fromMs: T0, toMs: T0 + 1 }]}
        fromMs={T0}
        toMs={T0 + 30 * 24 * 60 * MIN}
        rangeText="last 30 d"
      />
    );
    expect(Number(container.querySelector('[data-role="fired"]')!.getAttribute('width'))).toBeGreaterThanOrEqual(5);
  });

  it('says when there is no band or no value to draw', () => {
    const empty: BandSeries = { ...s, values: s.values.map(() => NaN), expected: s.values.map(() => NaN) };
    expect(sparklineLabel(empty, 0, 'last 7 d')).toBe(
      'checkout latency over the last 7 d (no values), without a band; 0 fired windows shaded'
    );
  });
});
