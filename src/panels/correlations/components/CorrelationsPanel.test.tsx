import React from 'react';
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import {
  createTheme,
  DataFrame,
  dateTime,
  FieldType,
  LoadingState,
  PanelProps,
  ThemeContext,
  toDataFrame,
} from '@grafana/data';
import { locationService } from '@grafana/runtime';
import { CorrelationsPanel } from './CorrelationsPanel';
import { defaultCorrelationsPanelOptions, CorrelationsPanelOptions } from '../types';
import {
  correlationFrame,
  correlationsResponse,
  MINUTE,
  minuteTimes,
  overlayFrame,
  rowSpec,
  T0,
} from '../data/__tests__/frames';
import { CORRELATIONS_MESSAGES } from '../data/buildCorrelationsView';
import { correlationsSelectors as S } from './selectors';

const DS = { type: 'seedlabs-anomalylens-datasource', uid: 'anomalylens-prometheus' };

function props(
  series: DataFrame[],
  options: Partial<CorrelationsPanelOptions> = {},
  size = { width: 800, height: 400 }
): PanelProps<CorrelationsPanelOptions> {
  return {
    data: {
      series,
      state: LoadingState.Done,
      timeRange: { from: dateTime(T0), to: dateTime(T0 + 90 * MINUTE), raw: { from: 'now-90m', to: 'now' } },
      request: { targets: [{ refId: 'A', datasource: DS, queryType: 'correlations' }] },
    },
    options: { ...defaultCorrelationsPanelOptions, ...options },
    width: size.width,
    height: size.height,
    timeZone: 'utc',
    replaceVariables: (s: string) => s,
  } as unknown as PanelProps<CorrelationsPanelOptions>;
}

const renderedRanks = () => screen.getAllByTestId(S.row).map((r) => Number(r.getAttribute('data-rank')));

describe('CorrelationsPanel', () => {
  it('mutes rows below the significance control and says "no clear cause" when the data source found none', () => {
    const frame = correlationFrame(
      [rowSpec(1, { significant: 0, pValue: 0.3 }), rowSpec(2, { significant: 0, pValue: 0.6 })],
      { noClearCause: true }
    );
    render(<CorrelationsPanel {...props([frame])} />);
    expect(screen.getByTestId(S.noClearCause).textContent).toBe(S.texts.noClearCause);
    expect(screen.getAllByTestId(S.row).map((r) => r.getAttribute('data-muted'))).toEqual(['true', 'true']);
  });

  it('links each row to a correlations query with the row as target when the panel query has an expression', () => {
    const p = props([correlationFrame([rowSpec(1)])]);
    (p.data.request!.targets[0] as { expr?: string }).expr = '{__name__=~"metric_.*"}';
    render(<CorrelationsPanel {...p} />);
    const href = screen.getByTestId(S.rankAgainstLink).getAttribute('href')!;
    const panes = JSON.parse(new URL(href, 'http://grafana.local').searchParams.get('panes')!);
    const [query] = (Object.values(panes)[0] as { queries: Array<Record<string, unknown>> }).queries;
    expect(query).toMatchObject({
      queryType: 'correlations',
      expr: '{__name__=~"metric_.*"}',
      correlate: { target: 'metric_1{host="h1"}' },
    });
  });

  it('offers no "use as target" link when the panel query has no expression', () => {
    render(<CorrelationsPanel {...props([correlationFrame([rowSpec(1)])])} />);
    expect(screen.queryByTestId(S.rankAgainstLink)).toBeNull();
  });

  it('shows significant rows unmuted and no banner', () => {
    render(<CorrelationsPanel {...props([correlationFrame([rowSpec(1, { significant: 1 })])])} />);
    expect(screen.queryByTestId(S.noClearCause)).toBeNull();
    expect(screen.getByTestId(S.row).getAttribute('data-muted')).toBeNull();
  });

  it('lists rows in rank order with signed score, lag text and direction', () => {
    const frame = correlationFrame([
      rowSpec(3, { score: -0.456, lagSeconds: -30 }),
      rowSpec(1, { score: 0.9, lagSeconds: 120 }),
      rowSpec(2, { score: 0.5, lagSeconds: 0 }),
    ]);
    render(<CorrelationsPanel {...props([frame])} />);
    expect(renderedRanks()).toEqual([1, 2, 3]);
    expect(screen.getAllByTestId(S.score).map((e) => e.textContent)).toEqual(['+0.90', '+0.50', '-0.46']);
    expect(screen.getAllByTestId(S.lag).map((e) => e.textContent)).toEqual(['leads by 2m', 'same time', 'lags by 30s']);
    expect(screen.getAllByTestId(S.direction).map((e) => e.textContent)).toEqual(['with', 'with', 'against']);
    // Labels are on a secondary line and in the tooltip.
    expect(screen.getAllByTestId(S.series)[0]).toHaveAttribute('title', 'metric_1\n{__name__="metric_1", host="h1"}');
  });

  it("says in a row's tooltip which callee it was ranked after, and nothing for rows not moved", () => {
    const frame = correlationFrame([
      rowSpec(1, { labels: '', explainedBy: '' }),
      rowSpec(2, { labels: '', explainedBy: 'orders-db' }),
    ]);
    render(<CorrelationsPanel {...props([frame])} />);
    const [first, second] = screen.getAllByTestId(S.series);
    expect(first.getAttribute('title')).toBe('metric_1');
    expect(second.getAttribute('title')).toBe(`metric_2\n${S.texts.explainedBy('orders-db')}`);
    expect(S.texts.explainedBy('orders-db')).toMatch(/^Ranked after orders-db: a service it calls/);
  });

  it("says in a row's tooltip how much its service's other measurements added, and nothing when they added none", () => {
    const frame = correlationFrame([
      rowSpec(1, { labels: '', corroboration: 1.386 }),
      rowSpec(2, { labels: '', corroboration: 0 }),
    ]);
    render(<CorrelationsPanel {...props([frame])} />);
    const [first, second] = screen.getAllByTestId(S.series);
    expect(first.getAttribute('title')).toBe(`metric_1\n${S.texts.corroboration(1.386)}`);
    expect(S.texts.corroboration(1.386)).toMatch(/^\+1\.4 to the score: other measurements of its service/);
    expect(second.getAttribute('title')).toBe('metric_2');
  });

  it('says which window was ranked against which target', () => {
    render(<CorrelationsPanel {...props([correlationFrame([rowSpec(1)])])} />);
    const header = screen.getByTestId(S.header);
    expect(header).toHaveTextContent('Ranked against checkout latency');
    expect(header).toHaveTextContent('window 2026-01-01 00:30:00 – 2026-01-01 01:00:00');
    expect(header).toHaveTextContent('pearson, difference, max lag 10m');
  });

  it('shows the correlations query chosen in the Query option and names the others in the header', () => {
    const frames = [correlationFrame([rowSpec(1)]), correlationFrame([rowSpec(1), rowSpec(2), rowSpec(3)], {}, 'B')];
    const { rerender } = render(<CorrelationsPanel {...props(frames)} />);
    expect(renderedRanks()).toEqual([1]);
    expect(screen.getByTestId(S.header)).toHaveAttribute(
      'title',
      expect.stringContaining('1 more correlations result not shown (B; choose one with the Query option)')
    );
    rerender(<CorrelationsPanel {...props(frames, { query: 'B' })} />);
    expect(renderedRanks()).toEqual([1, 2, 3]);
    expect(screen.getByTestId(S.header)).toHaveAttribute('title', expect.stringContaining('(A; choose one'));
    rerender(<CorrelationsPanel {...props(frames, { query: 'Z' })} />);
    expect(renderedRanks()).toEqual([1]);
    expect(screen.getByTestId(S.header)).toHaveAttribute(
      'title',
      expect.stringContaining('no correlations result for query Z: showing A')
    );
  });

  it('links every row to Explore with its own query, the panel data source and the window (no overlays: no context known)', () => {
    render(<CorrelationsPanel {...props([correlationFrame([rowSpec(1), rowSpec(2)])])} />);
    const links = screen.getAllByTestId(S.exploreLink);
    expect(links).toHaveLength(2);
    const url = new URL(links[1].getAttribute('href') ?? '', 'http://grafana.local');
    expect(url.pathname).toBe('/explore');
    const [pane] = Object.values(JSON.parse(url.searchParams.get('panes') ?? '{}')) as any[];
    expect(pane.datasource).toBe(DS.uid);
    expect(pane.queries[0]).toMatchObject({ datasource: DS, expr: 'metric_2{host="h2"}' });
    expect(pane.range).toEqual({ from: String(T0 + 30 * MINUTE), to: String(T0 + 60 * MINUTE) });
    expect(links[1]).toHaveAccessibleName('Open metric_2 in Explore');
  });

  it('opens Explore over the window and the context around it when the data source sent the target overlay', () => {
    const frames = [correlationFrame([rowSpec(1)]), overlayFrame(Array.from({ length: 90 }, (_, i) => i))];
    render(<CorrelationsPanel {...props(frames)} />);
    const url = new URL(screen.getByTestId(S.exploreLink).getAttribute('href') ?? '', 'http://grafana.local');
    const [pane] = Object.values(JSON.parse(url.searchParams.get('panes') ?? '{}')) as any[];
    // Window 00:30–01:00; the target overlay runs 00:00–01:29.
    expect(pane.range).toEqual({ from: String(T0), to: String(T0 + 89 * MINUTE) });
  });

  it('shows no Explore link when the query names no data source', () => {
    const p = props([correlationFrame([rowSpec(1)])]);
    p.data.request = { targets: [{ refId: 'A' }] } as any;
    render(<CorrelationsPanel {...p} />);
    expect(screen.queryByTestId(S.exploreLink)).not.toBeInTheDocument();
  });

  it('explains that there is no data', () => {
    render(<CorrelationsPanel {...props([])} />);
    expect(screen.getByTestId(S.message)).toHaveTextContent(CORRELATIONS_MESSAGES.noData);
  });

  it('names the query type to use when given an ordinary time series', () => {
    const series = toDataFrame({
      refId: 'A',
      fields: [
        { name: 'time', type: FieldType.time, values: minuteTimes(3) },
        { name: 'value', type: FieldType.number, values: [1, 2, 3] },
      ],
    });
    render(<CorrelationsPanel {...props([series])} />);
    expect(screen.getByTestId(S.message)).toHaveTextContent('needs an Anomaly Lens query of type "Correlations"');
    expect(screen.queryByTestId(S.row)).not.toBeInTheDocument();
  });

  it('says that no candidates were ranked for an empty table', () => {
    render(<CorrelationsPanel {...props([correlationFrame([])])} />);
    expect(screen.getByTestId(S.message)).toHaveTextContent(CORRELATIONS_MESSAGES.noRows);
  });

  it('filters rows by text in series name or labels, and says when nothing matches', () => {
    const frame = correlationFrame([
      rowSpec(1, { series: 'payments db latency' }),
      rowSpec(2, { series: 'node cpu' }),
      rowSpec(3, { series: 'orders db latency' }),
    ]);
    render(<CorrelationsPanel {...props([frame])} />);
    fireEvent.change(screen.getByTestId(S.filter), { target: { value: 'DB' } });
    expect(renderedRanks()).toEqual([1, 3]);
    expect(screen.getByTestId(S.header)).toHaveTextContent('2 of 3 rows');
    fireEvent.change(screen.getByTestId(S.filter), { target: { value: 'kafka' } });
    expect(screen.getByTestId(S.noMatch)).toHaveTextContent(S.texts.noMatch);
  });

  it('hides rows below the minimum |score| option and caps the row count', () => {
    const frame = correlationFrame([
      rowSpec(1, { score: 0.8 }),
      rowSpec(2, { score: -0.7 }),
      rowSpec(3, { score: 0.1 }),
      rowSpec(4, { score: null }),
    ]);
    const { rerender } = render(<CorrelationsPanel {...props([frame], { minAbsScore: 0.5 })} />);
    expect(renderedRanks()).toEqual([1, 2]);
    rerender(<CorrelationsPanel {...props([frame], { maxRows: 3 })} />);
    expect(renderedRanks()).toEqual([1, 2, 3]);
    expect(screen.getAllByTestId(S.score)[2]).toHaveTextContent('+0.10');
  });

  it('draws overlays for rows with an overlay frame and a placeholder for the others', () => {
    render(<CorrelationsPanel {...props(correlationsResponse(5, 3))} />);
    const rows = screen.getAllByTestId(S.row);
    for (const row of rows.slice(0, 3)) {
      expect(within(row).getByTestId(S.overlayTarget).getAttribute('d')).toMatch(/^M[\d.]+,[\d.]+L/);
      expect(within(row).getByTestId(S.overlayCandidate).getAttribute('d')).toMatch(/^M[\d.]+,[\d.]+L/);
    }
    for (const row of rows.slice(3)) {
      expect(within(row).queryByTestId(S.overlay)).not.toBeInTheDocument();
      expect(within(row).getByTestId(S.overlayMissing)).toHaveAttribute('title', S.texts.overlayMissingHint);
    }
  });

  it('shades the ranked window inside each overlay when the overlay also shows context around it', () => {
    // Window 00:30–01:00 of an overlay running 00:00–01:29 (correlationFrame, correlationsResponse).
    render(<CorrelationsPanel {...props(correlationsResponse(3, 3), {}, { width: 1000, height: 400 })} />);
    const shades = screen.getAllByTestId(S.overlayWindow);
    expect(shades).toHaveLength(3);
    const rect = shades[0].querySelector('rect')!;
    const x = Number(rect.getAttribute('x'));
    const w = Number(rect.getAttribute('width'));
    // 112 px wide with 2 px padding: 30/89 and 60/89 of the 108 px between.
    expect(x).toBeCloseTo(2 + (30 / 89) * 108, 1);
    expect(x + w).toBeCloseTo(2 + (60 / 89) * 108, 1);
    expect(rect.getAttribute('fill')).not.toBe('transparent');
  });

  it('shows the time and both values where the pointer is over an overlay, the candidate at its own time', () => {
    render(<CorrelationsPanel {...props(correlationsResponse(1, 1), {}, { width: 1000, height: 400 })} />);
    expect(screen.queryByTestId(S.overlayTooltip)).not.toBeInTheDocument();
    const area = screen.getByTestId(S.overlayHoverArea);
    // jsdom lays nothing out (the box is at 0): clientX (a whole pixel) is the x inside the 112 px overlay; x = 57 is
    // 00:45.3, nearest the target's peak at 00:45 (bump centred at index 45, value 11).
    fireEvent.mouseMove(area, { clientX: 57, clientY: 10 });
    const tip = screen.getByTestId(S.overlayTooltip);
    expect(tip).toHaveTextContent('2026-01-01 00:45:00');
    expect(tip).toHaveTextContent(/checkout latency\s*11(?!\d)/);
    // Rank 1 leads by 2 minutes: drawn shifted, its value read at 00:43, also its peak.
    expect(tip).toHaveTextContent(/metric_1\s*11(?!\d)/);
    expect(tip).toHaveTextContent('metric_1 at 2026-01-01 00:43:00 (leads by 2m, drawn shifted)');
    expect(screen.getByTestId(S.overlayCursor)).toBeInTheDocument();
    fireEvent.mouseLeave(area);
    expect(screen.queryByTestId(S.overlayTooltip)).not.toBeInTheDocument();
  });

  it("prints a row's labels once: not again under a name that already shows them", () => {
    const frame = correlationFrame([
      rowSpec(1, { series: 'db_latency{db="orders-db"}', labels: '{db="orders-db"}' }),
      rowSpec(2, { series: 'checkout latency', labels: '{instance="web-1"}' }),
    ]);
    render(<CorrelationsPanel {...props([frame])} />);
    const [first, second] = screen.getAllByTestId(S.series);
    expect(first.textContent).toBe('db_latency{db="orders-db"}');
    expect(first.getAttribute('title')!.split('orders-db')).toHaveLength(2);
    expect(second.textContent).toBe('checkout latency{instance="web-1"}');
  });

  it('makes a row the target by setting the dashboard variable the query target uses', () => {
    const partial = jest.spyOn(locationService, 'partial').mockImplementation(() => undefined);
    try {
      render(<CorrelationsPanel {...props(correlationsResponse(3, 0), { targetVariable: '$target' })} />);
      const rows = screen.getAllByTestId(S.row);
      // The Explore variant of the action gives way to the in-panel one.
      expect(within(rows[1]).queryByTestId(S.rankAgainstLink)).not.toBeInTheDocument();
      fireEvent.click(within(rows[1]).getByTestId(S.useAsTarget));
      expect(partial).toHaveBeenCalledWith({ 'var-target': 'metric_2{host="h2"}' }, true);
    } finally {
      partial.mockRestore();
    }
  });

  it('without a target variable offers "use as target" in Explore instead', () => {
    render(<CorrelationsPanel {...props(correlationsResponse(3, 0))} />);
    expect(screen.queryByTestId(S.useAsTarget)).not.toBeInTheDocument();
  });

  it('draws the lag-shifted candidate so its peak lines up with the target peak', () => {
    // Rank 1 peaks two minutes before the target and leads by 120 s (correlationsResponse).
    render(<CorrelationsPanel {...props(correlationsResponse(1, 1))} />);
    const peakX = (d: string) => {
      const pts = d
        .split(/[ML]/)
        .filter(Boolean)
        .map((p) => p.split(',').map(Number));
      return pts.reduce((best, p) => (p[1] < best[1] ? p : best))[0];
    };
    const target = screen.getByTestId(S.overlayTarget).getAttribute('d') ?? '';
    const candidate = screen.getByTestId(S.overlayCandidate).getAttribute('d') ?? '';
    expect(peakX(candidate)).toBeCloseTo(peakX(target), 5);
  });

  it('turns overlays off with the option and drops the overlay column on narrow panels', () => {
    const { rerender } = render(<CorrelationsPanel {...props(correlationsResponse(3, 3), { showOverlays: false })} />);
    expect(screen.queryByTestId(S.overlay)).not.toBeInTheDocument();
    rerender(<CorrelationsPanel {...props(correlationsResponse(3, 3), {}, { width: 300, height: 400 })} />);
    expect(screen.queryByTestId(S.overlay)).not.toBeInTheDocument();
    expect(screen.queryByTestId(S.direction)).not.toBeInTheDocument();
    rerender(<CorrelationsPanel {...props(correlationsResponse(3, 3), {}, { width: 800, height: 400 })} />);
    expect(screen.getAllByTestId(S.overlay)).toHaveLength(3);
  });

  it('renders only the visible slice of 5,000 rows and follows scrolling', () => {
    render(<CorrelationsPanel {...props(correlationsResponse(5000, 20), { maxRows: 0 })} />);
    const first = renderedRanks();
    expect(first[0]).toBe(1);
    expect(first.length).toBeLessThan(30);
    const list = screen.getByTestId(S.list);
    expect((list.firstChild as HTMLElement).style.height).toBe(`${5000 * 36}px`);
    act(() => {
      fireEvent.scroll(list, { target: { scrollTop: 2500 * 36 } });
    });
    const after = renderedRanks();
    expect(after.length).toBeLessThan(30);
    expect(after).toContain(2501);
    expect(after).not.toContain(1);
  });

  it('follows the theme: line colours come from the light or dark palette', () => {
    const strokeIn = (mode: 'light' | 'dark') => {
      const theme = createTheme({ colors: { mode } });
      const { unmount } = render(
        <ThemeContext.Provider value={theme}>
          <CorrelationsPanel {...props(correlationsResponse(1, 1))} />
        </ThemeContext.Provider>
      );
      const stroke = screen.getByTestId(S.overlayCandidate).getAttribute('stroke');
      expect(stroke).toBe(theme.visualization.getColorByName('blue'));
      unmount();
      return stroke;
    };
    expect(strokeIn('light')).not.toBe(strokeIn('dark'));
  });
});
