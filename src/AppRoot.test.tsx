import React from 'react';
import { act, render, screen } from '@testing-library/react';
import { AppRootProps, DataSourceInstanceSettings } from '@grafana/data';
import { DataSourceSrv, locationService, setDataSourceSrv } from '@grafana/runtime';
import { MemoryRouter } from 'react-router';
import { AppRoot } from './AppRoot';
import { BACKTEST_PAGE } from './pages/BacktestPage';
import { pageSelectors as sel } from './pages/selectors';
import plugin from './plugin.json';

function withLensDataSources(
  list: Array<Pick<DataSourceInstanceSettings, 'uid' | 'name'> & { jsonData: { upstream: string } }>
) {
  setDataSourceSrv({
    getList: () => list,
    getInstanceSettings: () => undefined,
    get: async () => {
      throw new Error('no queries in this test');
    },
  } as unknown as DataSourceSrv);
}

describe('AppRoot', () => {
  it('opens the Backtest view at its path, with the series and data source named in the URL', async () => {
    withLensDataSources([
      { uid: 'demo', name: 'Anomaly Lens demo', jsonData: { upstream: 'demo' } },
      { uid: 'prom', name: 'Anomaly Lens Prometheus', jsonData: { upstream: 'prometheus' } },
    ]);
    act(() => locationService.push(`${BACKTEST_PAGE}?expr=${encodeURIComponent('up{job="api"}')}&ds=prom`));
    render(<AppRoot {...({} as AppRootProps)} />);
    expect(screen.getByRole('heading', { name: 'Backtest: would this alert have fired?' })).toBeInTheDocument();
    expect(screen.getByLabelText(sel.backtestExpr)).toHaveValue('up{job="api"}');
    // The data source from the URL is chosen, so the backtest can run straight away.
    expect(screen.getByRole('button', { name: sel.runBacktest })).toBeEnabled();
  });

  it('links the Backtest view from the landing page and lists it in the app’s navigation', () => {
    withLensDataSources([]);
    act(() => locationService.push('/a/seedlabs-anomalylens-app'));
    // Grafana renders app pages inside its router; TextLink needs one.
    render(
      <MemoryRouter>
        <AppRoot {...({} as AppRootProps)} />
      </MemoryRouter>
    );
    expect(screen.getByRole('link', { name: 'Backtest view' })).toHaveAttribute('href', BACKTEST_PAGE);
    expect(plugin.includes).toContainEqual(
      expect.objectContaining({ type: 'page', name: 'Backtest', path: '/a/%PLUGIN_ID%/backtest', addToNav: true })
    );
  });
});
