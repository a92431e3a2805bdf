import React, { useEffect, useMemo, useState } from 'react';
import { AppRootProps } from '@grafana/data';
import { locationService } from '@grafana/runtime';
import { Alert, TextLink } from '@grafana/ui';
import { ANALYSE_PAGE, parseAnalyseParams } from './extensions/analyseParams';
import { AnalysePage } from './pages/AnalysePage';
import { BACKTEST_PAGE, BacktestPage } from './pages/BacktestPage';
import { grafanaServices } from './pages/pageServices';

/** The current location, following Grafana's router as the user moves between the app's pages. */
function useLocation() {
  const [location, setLocation] = useState(() => locationService.getLocation());
  useEffect(() => locationService.getHistory().listen(() => setLocation(locationService.getLocation())), []);
  return location;
}

/**
 * The app's pages: the analyse page opened from a panel or Explore, the Backtest view (opened from the navigation,
 * optionally with `?expr=` and `?ds=` naming the series and the Anomaly Lens data source), else the landing page.
 */
export function AppRoot(_props: AppRootProps) {
  const location = useLocation();
  const services = useMemo(() => grafanaServices(), []);
  if (location.pathname.endsWith(ANALYSE_PAGE)) {
    const params = parseAnalyseParams(location.search);
    return (
      <div style={{ padding: 16 }}>
        <h2>Analyse with Anomaly Lens</h2>
        {'error' in params ? (
          <Alert severity="info" title="Nothing to analyse yet">
            {params.error}
          </Alert>
        ) : (
          <AnalysePage params={params} services={services} />
        )}
      </div>
    );
  }
  if (location.pathname.endsWith(BACKTEST_PAGE)) {
    const search = new URLSearchParams(location.search);
    return (
      <div style={{ padding: 16 }}>
        <h2>Backtest: would this alert have fired?</h2>
        <BacktestPage
          services={services}
          initial={{ expr: search.get('expr') ?? undefined, lensUid: search.get('ds') ?? undefined }}
        />
      </div>
    );
  }
  return <Landing />;
}

/** What the app bundles and where to start. */
function Landing() {
  return (
    <div style={{ maxWidth: 900, padding: 16 }}>
      <h2>Anomaly Lens</h2>
      <p>
        Start from a dashboard you already have: on any Prometheus or InfluxDB panel, open the panel menu and choose{' '}
        <strong>Analyse with Anomaly Lens</strong> (the series with its expected band and flagged windows, its STL
        decomposition and what moved with it) or <strong>Add anomaly band to this panel</strong>. In Explore, the
        toolbar&apos;s <strong>Add anomaly band</strong> opens the query beside its band.
      </p>
      <ul>
        <li>
          <strong>Anomaly Lens data source</strong>: wraps Prometheus (and Mimir, Thanos, VictoriaMetrics), InfluxDB or
          the built-in demo upstream and returns each series with its band, flags, scores, forecasts, outliers and STL
          components, computed in the backend so alert rules can use them. Its <code>correlations</code> query ranks
          what moved with an anomaly.
        </li>
        <li>
          <strong>STL decomposition panel</strong>: observed, trend, seasonal and remainder of any time series, with
          remainder outliers marked.
        </li>
        <li>
          <strong>Correlated metrics panel</strong>: the ranking of a <code>correlations</code> query, with lag,
          direction and overlays.
        </li>
      </ul>
      <p>
        Before an alert pages anyone, the{' '}
        <TextLink href={BACKTEST_PAGE} inline>
          Backtest view
        </TextLink>{' '}
        replays it over the last day, week or month and compares up to four detector settings against your tagged
        incidents: how often each would have fired, which incidents it caught and how late.
      </p>
      <p>
        The demo stack provisions dashboards in the{' '}
        <TextLink href="/dashboards" inline>
          Anomaly Lens folder
        </TextLink>{' '}
        (data source <code>anomalylens-demo</code>, demo upstream).
      </p>
    </div>
  );
}
