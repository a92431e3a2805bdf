import React from 'react';
import { fireEvent, render, screen } from '@testing-library/react';
import { getDefaultTimeRange, LoadingState, PanelProps } from '@grafana/data';
import { StlPanel } from './StlPanel';
import { analyticsDecomposer } from '../data/analyticsDecomposer';
import { buildStlView } from '../data/buildStlView';
import { defaultStlPanelOptions, StlPanelOptions } from '../types';
import { seededNoise, seriesFrame } from '../data/__tests__/frames';
import { stlSelectors } from './selectors';

function props(
  series: PanelProps['data']['series'],
  options: Partial<StlPanelOptions> = {},
  size = { width: 600, height: 400 }
) {
  return {
    data: { series, state: LoadingState.Done, timeRange: getDefaultTimeRange() },
    options: { ...defaultStlPanelOptions, ...options },
    width: size.width,
    height: size.height,
    timeZone: 'utc',
    decomposer: analyticsDecomposer,
  } as unknown as PanelProps<StlPanelOptions> & { decomposer: typeof analyticsDecomposer };
}

/** Two weeks hourly: daily season, seeded noise, one spike at index 50. */
const noise = seededNoise(24 * 14, 0.5);
const values = noise.map((e, i) => 20 + 5 * Math.sin((2 * Math.PI * i) / 24) + e + (i === 50 ? 30 : 0));

describe('StlPanel', () => {
  it('explains that there is no data', () => {
    render(<StlPanel {...props([])} />);
    expect(screen.getByTestId(stlSelectors.message)).toHaveTextContent('No data');
  });

  it('lists the available series when the chosen one is missing', () => {
    render(<StlPanel {...props([seriesFrame(values, { name: 'latency' })], { series: 'lag' })} />);
    expect(screen.getByTestId(stlSelectors.message)).toHaveTextContent('Series in this result: latency');
  });

  it('draws four aligned rows and marks the spike on observed and remainder', () => {
    render(<StlPanel {...props([seriesFrame(values, { name: 'latency' })])} />);
    for (const c of ['observed', 'trend', 'seasonal', 'remainder']) {
      expect(screen.getByTestId(stlSelectors.row(c)).querySelector('path')?.getAttribute('d')).toMatch(/^M/);
    }
    const view = buildStlView([seriesFrame(values, { name: 'latency' })], defaultStlPanelOptions, analyticsDecomposer);
    const outliers = view.kind === 'decomposition' ? view.outliers : [];
    expect(outliers).toContain(50);
    // One marker on the observed row and one on the remainder row per outlier.
    expect(screen.getAllByTestId(stlSelectors.outlier)).toHaveLength(2 * outliers.length);
    expect(screen.getAllByText(/^2026-01-03 02:00:00/)).toHaveLength(2);
    expect(screen.getByText(/season 24 points/)).toBeInTheDocument();
  });

  it('labels each row with round values in the series unit and the time axis with round times', () => {
    render(<StlPanel {...props([seriesFrame(values, { name: 'latency', unit: 'ms' })])} />);
    const observed = screen.getByTestId(stlSelectors.row('observed'));
    const labels = Array.from(observed.querySelectorAll(`[data-testid="${stlSelectors.yTick}"]`)).map(
      (t) => t.textContent ?? ''
    );
    expect(labels.length).toBeGreaterThanOrEqual(2);
    // Grafana's `ms` format, on multiples of one round step.
    expect(labels.every((l) => / ms$/.test(l))).toBe(true);
    const numbers = labels.map((l) => Number(l.replace(' ms', '')));
    const step = numbers[1] - numbers[0];
    expect([1, 2, 2.5, 5]).toContain(step / 10 ** Math.floor(Math.log10(step)));
    expect(numbers.every((v) => Math.abs(v / step - Math.round(v / step)) < 1e-9)).toBe(true);

    // Two weeks at 600 px: day ticks at midnight UTC (the panel's time zone here).
    const times = screen.getAllByTestId(stlSelectors.timeTick).map((t) => t.textContent);
    expect(times.length).toBeGreaterThanOrEqual(2);
    expect(times.every((t) => /^\d\d-\d\d$/.test(t ?? ''))).toBe(true);
  });

  it('offers a series picker when the result holds several series, and decomposes the one picked', async () => {
    const other = values.map((v) => v * 2);
    render(<StlPanel {...props([seriesFrame(values, { name: 'latency' }), seriesFrame(other, { name: 'errors' })])} />);
    expect(screen.getByTestId(stlSelectors.chart)).toHaveAttribute('aria-label', 'STL of latency');
    const picker = screen.getByLabelText(stlSelectors.seriesPicker);
    fireEvent.keyDown(picker, { key: 'ArrowDown' });
    fireEvent.click(await screen.findByText('errors'));
    expect(screen.getByTestId(stlSelectors.chart)).toHaveAttribute('aria-label', 'STL of errors');
  });

  it('shows no picker for a single series', () => {
    render(<StlPanel {...props([seriesFrame(values, { name: 'latency' })])} />);
    expect(screen.queryByLabelText(stlSelectors.seriesPicker)).not.toBeInTheDocument();
  });

  it('sizes the drawing to the panel so it follows resizes', () => {
    const { rerender } = render(<StlPanel {...props([seriesFrame(values)])} />);
    expect(screen.getByTestId(stlSelectors.chart)).toHaveAttribute('width', '600');
    rerender(<StlPanel {...props([seriesFrame(values)], {}, { width: 300, height: 200 })} />);
    expect(screen.getByTestId(stlSelectors.chart)).toHaveAttribute('width', '300');
  });

  it('shares one cursor across the four plots and explains the hovered point', () => {
    render(<StlPanel {...props([seriesFrame(values, { name: 'latency' })])} />);
    const area = screen.getByTestId(stlSelectors.hoverArea);
    // jsdom has no layout (and whole-pixel mouse positions): one pixel per point, so x = index.
    area.getBoundingClientRect = () => ({ left: 0, width: values.length - 1, top: 0, height: 100 }) as DOMRect;
    fireEvent.mouseMove(area, { clientX: 50 });
    const cursor = screen.getByTestId(stlSelectors.cursor);
    expect(cursor.querySelectorAll('circle')).toHaveLength(4);
    const tip = screen.getByTestId(stlSelectors.tooltip);
    expect(tip).toHaveTextContent('2026-01-03 02:00:00');
    expect(tip).toHaveTextContent(/Observed\s*5\d\.\d/);
    expect(tip).toHaveTextContent(/Marked: the remainder is [\d.]+σ above its median \(threshold 3σ\)/);

    fireEvent.mouseMove(area, { clientX: 10 });
    expect(screen.getByTestId(stlSelectors.tooltip)).toHaveTextContent(/Not marked: .* within 3σ/);
    fireEvent.mouseLeave(area);
    expect(screen.queryByTestId(stlSelectors.tooltip)).not.toBeInTheDocument();
    expect(screen.queryByTestId(stlSelectors.cursor)).not.toBeInTheDocument();
  });
});
